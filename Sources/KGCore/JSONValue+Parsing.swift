extension JSONValue {
  /// Parses JSON text (RFC 8259).
  ///
  /// Integers that fit in `Int` become `.integer`; numbers with a fraction or an
  /// exponent become `.float`. Nesting deeper than 512 levels is refused, so
  /// hostile input cannot exhaust the stack.
  ///
  /// - Parameters:
  ///   - text: The JSON text.
  ///   - file: The file name used in error locations.
  /// - Throws: `InputError` with the line and column of the first problem.
  public static func parse(_ text: String, file: String? = nil) throws(InputError) -> JSONValue {
    var parser = JSONParser(bytes: Array(text.utf8), file: file)
    return try parser.parseDocument()
  }
}

private struct JSONParser {
  let bytes: [UInt8]
  let file: String?
  var position = 0
  var depth = 0
  static let maximumDepth = 512

  init(bytes: [UInt8], file: String?) {
    self.bytes = bytes
    self.file = file
  }

  mutating func parseDocument() throws(InputError) -> JSONValue {
    skipWhitespace()
    let value = try parseValue()
    skipWhitespace()
    if position < bytes.count { throw error("unexpected text after the JSON value") }
    return value
  }

  func error(_ message: String, at offset: Int? = nil) -> InputError {
    let end = min(offset ?? position, bytes.count)
    var line = 1
    var lineStart = 0
    for index in 0..<end where bytes[index] == UInt8(ascii: "\n") {
      line += 1
      lineStart = index + 1
    }
    let column = String(decoding: bytes[lineStart..<end], as: UTF8.self).count + 1
    return InputError(message, at: SourceLocation(file: file, line: line, column: column))
  }

  mutating func skipWhitespace() {
    while position < bytes.count {
      switch bytes[position] {
      case 0x20, 0x09, 0x0A, 0x0D: position += 1
      default: return
      }
    }
  }

  func peek() -> UInt8? { position < bytes.count ? bytes[position] : nil }

  mutating func expectLiteral(_ literal: String, value: JSONValue) throws(InputError) -> JSONValue {
    let start = position
    for byte in literal.utf8 {
      guard peek() == byte else { throw error("invalid literal; expected '\(literal)'", at: start) }
      position += 1
    }
    return value
  }

  mutating func parseValue() throws(InputError) -> JSONValue {
    guard let byte = peek() else { throw error("unexpected end of JSON text") }
    switch byte {
    case UInt8(ascii: "{"): return try parseObject()
    case UInt8(ascii: "["): return try parseArray()
    case UInt8(ascii: "\""): return .string(try parseString())
    case UInt8(ascii: "t"): return try expectLiteral("true", value: .bool(true))
    case UInt8(ascii: "f"): return try expectLiteral("false", value: .bool(false))
    case UInt8(ascii: "n"): return try expectLiteral("null", value: .null)
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
    default:
      throw error("unexpected character '\(String(decoding: [byte], as: UTF8.self))'")
    }
  }

  mutating func enter() throws(InputError) {
    depth += 1
    if depth > Self.maximumDepth { throw error("JSON nested deeper than \(Self.maximumDepth) levels") }
  }

  mutating func parseObject() throws(InputError) -> JSONValue {
    try enter()
    defer { depth -= 1 }
    position += 1
    var members: [(key: String, value: JSONValue)] = []
    var seen: Set<String> = []
    skipWhitespace()
    if peek() == UInt8(ascii: "}") {
      position += 1
      return .object(members)
    }
    while true {
      skipWhitespace()
      guard peek() == UInt8(ascii: "\"") else { throw error("expected a member name in quotes") }
      let keyStart = position
      let key = try parseString()
      if !seen.insert(key).inserted { throw error("duplicate member '\(key)'", at: keyStart) }
      skipWhitespace()
      guard peek() == UInt8(ascii: ":") else { throw error("expected ':' after member name") }
      position += 1
      skipWhitespace()
      members.append((key, try parseValue()))
      skipWhitespace()
      switch peek() {
      case UInt8(ascii: ","): position += 1
      case UInt8(ascii: "}"):
        position += 1
        return .object(members)
      default: throw error("expected ',' or '}' in object")
      }
    }
  }

  mutating func parseArray() throws(InputError) -> JSONValue {
    try enter()
    defer { depth -= 1 }
    position += 1
    var elements: [JSONValue] = []
    skipWhitespace()
    if peek() == UInt8(ascii: "]") {
      position += 1
      return .array(elements)
    }
    while true {
      skipWhitespace()
      elements.append(try parseValue())
      skipWhitespace()
      switch peek() {
      case UInt8(ascii: ","): position += 1
      case UInt8(ascii: "]"):
        position += 1
        return .array(elements)
      default: throw error("expected ',' or ']' in array")
      }
    }
  }

  mutating func parseHex4() throws(InputError) -> UInt32 {
    guard position + 4 <= bytes.count else { throw error("incomplete \\u escape") }
    var value: UInt32 = 0
    for _ in 0..<4 {
      let byte = bytes[position]
      let digit: UInt32
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
      default: throw error("invalid hex digit in \\u escape")
      }
      value = value * 16 + digit
      position += 1
    }
    return value
  }

  mutating func parseString() throws(InputError) -> String {
    let start = position
    position += 1
    var buffer: [UInt8] = []
    while true {
      guard position < bytes.count else { throw error("unterminated string", at: start) }
      let byte = bytes[position]
      switch byte {
      case UInt8(ascii: "\""):
        position += 1
        return String(decoding: buffer, as: UTF8.self)
      case UInt8(ascii: "\\"):
        position += 1
        guard let escape = peek() else { throw error("unterminated string", at: start) }
        position += 1
        switch escape {
        case UInt8(ascii: "\""): buffer.append(0x22)
        case UInt8(ascii: "\\"): buffer.append(0x5C)
        case UInt8(ascii: "/"): buffer.append(0x2F)
        case UInt8(ascii: "b"): buffer.append(0x08)
        case UInt8(ascii: "f"): buffer.append(0x0C)
        case UInt8(ascii: "n"): buffer.append(0x0A)
        case UInt8(ascii: "r"): buffer.append(0x0D)
        case UInt8(ascii: "t"): buffer.append(0x09)
        case UInt8(ascii: "u"):
          var scalar = try parseHex4()
          if (0xD800..<0xDC00).contains(scalar) {
            if position + 6 <= bytes.count, bytes[position] == UInt8(ascii: "\\"),
              bytes[position + 1] == UInt8(ascii: "u")
            {
              position += 2
              let low = try parseHex4()
              if (0xDC00..<0xE000).contains(low) {
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
              } else {
                scalar = 0xFFFD
              }
            } else {
              scalar = 0xFFFD
            }
          } else if (0xDC00..<0xE000).contains(scalar) {
            scalar = 0xFFFD
          }
          let character = Unicode.Scalar(scalar) ?? "\u{FFFD}"
          buffer.append(contentsOf: Array(String(character).utf8))
        default:
          throw error("invalid escape '\\\(String(decoding: [escape], as: UTF8.self))'")
        }
      case 0x00..<0x20:
        throw error("control character in string; write it as a \\u escape")
      default:
        buffer.append(byte)
        position += 1
      }
    }
  }

  mutating func parseNumber() throws(InputError) -> JSONValue {
    let start = position
    var isInteger = true
    if peek() == UInt8(ascii: "-") { position += 1 }
    guard let first = peek(), (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else {
      throw error("invalid number", at: start)
    }
    func skipDigits(_ parser: inout JSONParser) -> Int {
      var count = 0
      while let byte = parser.peek(), (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
        parser.position += 1
        count += 1
      }
      return count
    }
    if first == UInt8(ascii: "0") {
      position += 1
    } else {
      _ = skipDigits(&self)
    }
    if peek() == UInt8(ascii: ".") {
      isInteger = false
      position += 1
      if skipDigits(&self) == 0 { throw error("digits expected after '.'") }
    }
    if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
      isInteger = false
      position += 1
      if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { position += 1 }
      if skipDigits(&self) == 0 { throw error("digits expected in exponent") }
    }
    let text = String(decoding: bytes[start..<position], as: UTF8.self)
    if isInteger, let integer = Int(text) { return .integer(integer) }
    guard let number = Double(text), number.isFinite else {
      throw error("number '\(text)' is out of range", at: start)
    }
    return .float(number)
  }
}
