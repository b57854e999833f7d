/// Splits Cypher query text into ``Token`` values.
///
/// The lexer works on the query's UTF-8 bytes, so every token's ``Token/start``
/// is a UTF-8 offset. Whitespace (including Unicode spaces) and comments
/// (`// ...` up to the end of the line, `/* ... */`) separate tokens and are dropped.
/// Words are returned as ``Token/Kind/identifier`` tokens whose ``Token/keyword``
/// says which keyword, if any, they spell; the parser decides from context
/// whether a word is a keyword or a name.
///
/// Bad input never traps: it throws ``CypherError`` of kind `.syntaxError` with
/// the offset of the offending text.
struct Lexer {
  private let bytes: [UInt8]
  private var position = 0
  private var tokens: [Token] = []

  private init(_ text: String) {
    self.bytes = Array(text.utf8)
  }

  /// The tokens of `text`, ending with one ``Token/Kind/endOfInput`` token.
  ///
  /// - Throws: `CypherError(.syntaxError, ...)` for a character that starts no token,
  ///   an unterminated string, quoted name or comment, a malformed number or escape.
  /// - Complexity: O(n) in the length of `text`.
  static func tokenize(_ text: String) throws(CypherError) -> [Token] {
    var lexer = Lexer(text)
    try lexer.run()
    return lexer.tokens
  }

  private mutating func run() throws(CypherError) {
    while true {
      try skipTrivia()
      guard let byte = byte(at: position) else {
        tokens.append(Token(kind: .endOfInput, text: "", start: bytes.count, end: bytes.count))
        return
      }
      let start = position
      switch byte {
      case _ where Self.isASCIILetter(byte) || byte == UInt8(ascii: "_"):
        lexWord()
      case _ where Self.isDigit(byte):
        try lexNumber()
      case UInt8(ascii: "."):
        if self.byte(at: position + 1) == UInt8(ascii: ".") {
          emit(.dotDot, length: 2)
        } else if let next = self.byte(at: position + 1), Self.isDigit(next) {
          try lexNumber()
        } else {
          emit(.dot, length: 1)
        }
      case UInt8(ascii: "`"):
        try lexQuotedIdentifier()
      case UInt8(ascii: "'"), UInt8(ascii: "\""):
        try lexString()
      case UInt8(ascii: "$"):
        try lexParameter()
      case 0x80...:
        let scalar = scalar(at: position).0
        guard scalar.properties.isXIDStart else {
          throw CypherError(
            .syntaxError, "InvalidUnicodeCharacter",
            "Expected a valid character, found '\(scalar)' (U+\(Self.hex(scalar.value)))", at: start)
        }
        lexWord()
      default:
        try lexOperator(byte)
      }
    }
  }

  // MARK: - Trivia

  /// Skips whitespace and comments.
  private mutating func skipTrivia() throws(CypherError) {
    while let byte = byte(at: position) {
      if Self.isASCIIWhitespace(byte) {
        position += 1
      } else if byte == UInt8(ascii: "/") && self.byte(at: position + 1) == UInt8(ascii: "/") {
        while let next = self.byte(at: position), next != UInt8(ascii: "\n"), next != UInt8(ascii: "\r") {
          position += 1
        }
      } else if byte == UInt8(ascii: "/") && self.byte(at: position + 1) == UInt8(ascii: "*") {
        position += 2
        while true {
          guard let next = self.byte(at: position) else {
            throw CypherError(
              .syntaxError, "UnexpectedSyntax", "Expected '*/' to close the comment, found end of input",
              at: bytes.count)
          }
          if next == UInt8(ascii: "*") && self.byte(at: position + 1) == UInt8(ascii: "/") {
            position += 2
            break
          }
          position += 1
        }
      } else if byte >= 0x80 {
        let (scalar, length) = scalar(at: position)
        guard Self.isUnicodeWhitespace(scalar) else { return }
        position += length
      } else {
        return
      }
    }
  }

  // MARK: - Words and names

  /// Word : IdentifierStart IdentifierPart*
  private mutating func lexWord() {
    let start = position
    position += scalarLength(at: position)
    skipIdentifierPart()
    emit(.identifier, from: start)
  }

  /// QuotedName : '`' ( any character except '`' | '``' )* '`'
  private mutating func lexQuotedIdentifier() throws(CypherError) {
    let start = position
    position += 1
    var name: [UInt8] = []
    while true {
      guard let byte = byte(at: position) else {
        throw CypherError(
          .syntaxError, "UnexpectedSyntax", "Expected '`' to close the name, found end of input", at: bytes.count)
      }
      if byte == UInt8(ascii: "`") {
        if self.byte(at: position + 1) == UInt8(ascii: "`") {
          name.append(byte)
          position += 2
          continue
        }
        position += 1
        break
      }
      name.append(byte)
      position += 1
    }
    tokens.append(
      Token(kind: .quotedIdentifier, text: String(decoding: name, as: UTF8.self), start: start, end: position))
  }

  /// Parameter : '$' ( Word | QuotedName | DecimalDigits )
  private mutating func lexParameter() throws(CypherError) {
    let start = position
    position += 1
    guard let byte = byte(at: position) else {
      throw CypherError(
        .syntaxError, "UnexpectedSyntax", "Expected a parameter name after '$', found end of input",
        at: position)
    }
    if byte == UInt8(ascii: "`") {
      try lexQuotedIdentifier()
      if var quoted = tokens.popLast() {
        quoted.kind = .parameter
        quoted.start = start
        tokens.append(quoted)
      }
      return
    }
    let nameStart = position
    if Self.isDigit(byte) {
      while let next = self.byte(at: position), Self.isDigit(next) { position += 1 }
      if isIdentifierPart(at: position) {
        skipIdentifierPart()
        throw CypherError(
          .syntaxError, "UnexpectedSyntax",
          "Expected a parameter name, found '\(text(from: nameStart, to: position))'", at: nameStart)
      }
    } else if isIdentifierStart(at: position) {
      position += scalarLength(at: position)
      skipIdentifierPart()
    } else {
      throw CypherError(
        .syntaxError, "UnexpectedSyntax", "Expected a parameter name after '$', found '\(scalar(at: position).0)'",
        at: position)
    }
    tokens.append(
      Token(kind: .parameter, text: text(from: nameStart, to: position), start: start, end: position))
  }

  // MARK: - Numbers

  /// Number : HexInteger | OctalInteger | DecimalInteger | Float
  ///
  /// HexInteger : '0x' HexDigit+ ; OctalInteger : '0o' OctDigit+ | '0' OctDigit+ ;
  /// Float : Digit* '.' Digit+ Exponent? | Digit+ Exponent ; Exponent : [eE] [+-]? Digit+
  ///
  /// A number directly followed by a letter (`12abc`, `0x1G`) is an `InvalidNumberLiteral`.
  /// The value is not computed here: the parser does it, so that it can fold a minus sign.
  private mutating func lexNumber() throws(CypherError) {
    let start = position
    var kind = Token.Kind.integer
    let second = byte(at: position + 1)
    if byte(at: position) == UInt8(ascii: "0"), second == UInt8(ascii: "x") || second == UInt8(ascii: "X") {
      position += 2
      let digits = position
      while let byte = byte(at: position), Self.isHexDigit(byte) { position += 1 }
      if position == digits { return try invalidNumber(from: start) }
    } else if byte(at: position) == UInt8(ascii: "0"), second == UInt8(ascii: "o") || second == UInt8(ascii: "O") {
      position += 2
      let digits = position
      while let byte = byte(at: position), Self.isOctalDigit(byte) { position += 1 }
      if position == digits { return try invalidNumber(from: start) }
    } else {
      while let byte = byte(at: position), Self.isDigit(byte) { position += 1 }
      if byte(at: position) == UInt8(ascii: "."), let next = byte(at: position + 1), Self.isDigit(next) {
        kind = .float
        position += 1
        while let byte = byte(at: position), Self.isDigit(byte) { position += 1 }
      }
      if let e = byte(at: position), e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
        var exponent = position + 1
        if let sign = byte(at: exponent), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { exponent += 1 }
        if let digit = byte(at: exponent), Self.isDigit(digit) {
          kind = .float
          position = exponent
          while let byte = byte(at: position), Self.isDigit(byte) { position += 1 }
        }
      }
      // Legacy octal (`017`): a leading zero before more digits.
      if kind == .integer, position - start > 1, byte(at: start) == UInt8(ascii: "0") {
        if bytes[(start + 1)..<position].contains(where: { !Self.isOctalDigit($0) }) {
          return try invalidNumber(from: start)
        }
      }
    }
    if isIdentifierPart(at: position) { return try invalidNumber(from: start) }
    emit(kind, from: start)
  }

  private mutating func invalidNumber(from start: Int) throws(CypherError) {
    skipIdentifierPart()
    throw CypherError(
      .syntaxError, "InvalidNumberLiteral",
      "Expected a number literal, found '\(text(from: start, to: position))'", at: start)
  }

  // MARK: - Strings

  /// String : "'" ( Char | Escape )* "'" | '"' ( Char | Escape )* '"'
  ///
  /// Escape : '\' ( '\' | "'" | '"' | 'n' | 't' | 'r' | 'b' | 'f' | 'u' Hex{4} | 'U' Hex{8} )
  private mutating func lexString() throws(CypherError) {
    let start = position
    let quote = bytes[position]
    position += 1
    var value: [UInt8] = []
    var pendingHighSurrogate: (value: UInt32, offset: Int)?
    while true {
      guard let byte = byte(at: position) else {
        throw CypherError(
          .syntaxError, "UnexpectedSyntax",
          "Expected \(quote == UInt8(ascii: "'") ? "\"'\"" : "'\"'") to close the string, found end of input",
          at: bytes.count)
      }
      if byte == quote {
        position += 1
        break
      }
      if byte != UInt8(ascii: "\\") {
        if let pending = pendingHighSurrogate { try throwLoneSurrogate(pending.offset) }
        value.append(byte)
        position += 1
        continue
      }
      let escapeStart = position
      guard let escape = self.byte(at: position + 1) else {
        throw CypherError(
          .syntaxError, "UnexpectedSyntax", "Expected an escape sequence after '\\', found end of input",
          at: escapeStart)
      }
      position += 2
      let simple: UInt8?
      switch escape {
      case UInt8(ascii: "\\"): simple = UInt8(ascii: "\\")
      case UInt8(ascii: "'"): simple = UInt8(ascii: "'")
      case UInt8(ascii: "\""): simple = UInt8(ascii: "\"")
      case UInt8(ascii: "n"): simple = UInt8(ascii: "\n")
      case UInt8(ascii: "t"): simple = UInt8(ascii: "\t")
      case UInt8(ascii: "r"): simple = UInt8(ascii: "\r")
      case UInt8(ascii: "b"): simple = 0x08
      case UInt8(ascii: "f"): simple = 0x0C
      case UInt8(ascii: "u"), UInt8(ascii: "U"):
        simple = nil
      default:
        let escapes = #"\\, \', \", \n, \t, \r, \b, \f, \u or \U"#
        throw CypherError(
          .syntaxError, "InvalidEscapeSequence",
          "Expected an escape sequence (\(escapes)), found '\\\(scalar(at: escapeStart + 1).0)'", at: escapeStart)
      }
      if let simple {
        if let pending = pendingHighSurrogate { try throwLoneSurrogate(pending.offset) }
        value.append(simple)
        continue
      }
      let count = escape == UInt8(ascii: "u") ? 4 : 8
      var code: UInt32 = 0
      for index in 0..<count {
        guard let digit = self.byte(at: position + index), let digitValue = Self.hexValue(digit) else {
          let found = self.byte(at: position + index) == nil ? "end of input" : "'\(scalar(at: position + index).0)'"
          throw CypherError(
            .syntaxError, "InvalidUnicodeLiteral",
            "Expected \(count) hexadecimal digits after '\\\(Character(Unicode.Scalar(escape)))', found \(found)",
            at: position + index)
        }
        code = code << 4 | digitValue
      }
      position += count
      if let pending = pendingHighSurrogate {
        guard (0xDC00...0xDFFF).contains(code) else { try throwLoneSurrogate(pending.offset) }
        code = 0x10000 + ((pending.value - 0xD800) << 10) + (code - 0xDC00)
        pendingHighSurrogate = nil
      } else if (0xD800...0xDBFF).contains(code) {
        pendingHighSurrogate = (code, escapeStart)
        continue
      }
      guard let scalar = Unicode.Scalar(code) else {
        throw CypherError(
          .syntaxError, "InvalidUnicodeLiteral",
          "Expected a Unicode scalar value, found U+\(Self.hex(code))", at: escapeStart)
      }
      value.append(contentsOf: String(Character(scalar)).utf8)
    }
    if let pending = pendingHighSurrogate { try throwLoneSurrogate(pending.offset) }
    tokens.append(Token(kind: .string, text: String(decoding: value, as: UTF8.self), start: start, end: position))
  }

  private func throwLoneSurrogate(_ offset: Int) throws(CypherError) -> Never {
    throw CypherError(
      .syntaxError, "InvalidUnicodeLiteral",
      "Expected a low surrogate escape after a high surrogate, found a lone surrogate", at: offset)
  }

  // MARK: - Operators

  /// Operator : one of ( ) [ ] { } , : ; | + * / % ^ - -> --> < <- <-- <= <> > >= = =~ !=
  private mutating func lexOperator(_ byte: UInt8) throws(CypherError) {
    let next = self.byte(at: position + 1)
    let afterNext = self.byte(at: position + 2)
    switch byte {
    case UInt8(ascii: "("): emit(.leftParen, length: 1)
    case UInt8(ascii: ")"): emit(.rightParen, length: 1)
    case UInt8(ascii: "["): emit(.leftBracket, length: 1)
    case UInt8(ascii: "]"): emit(.rightBracket, length: 1)
    case UInt8(ascii: "{"): emit(.leftBrace, length: 1)
    case UInt8(ascii: "}"): emit(.rightBrace, length: 1)
    case UInt8(ascii: ","): emit(.comma, length: 1)
    case UInt8(ascii: ":"): emit(.colon, length: 1)
    case UInt8(ascii: ";"): emit(.semicolon, length: 1)
    case UInt8(ascii: "|"): emit(.pipe, length: 1)
    case UInt8(ascii: "+"): emit(.plus, length: 1)
    case UInt8(ascii: "*"): emit(.star, length: 1)
    case UInt8(ascii: "/"): emit(.slash, length: 1)
    case UInt8(ascii: "%"): emit(.percent, length: 1)
    case UInt8(ascii: "^"): emit(.caret, length: 1)
    case UInt8(ascii: "-"):
      if next == UInt8(ascii: ">") {
        emit(.rightArrow, length: 2)
      } else if next == UInt8(ascii: "-") && afterNext == UInt8(ascii: ">") {
        emit(.longRightArrow, length: 3)
      } else {
        emit(.minus, length: 1)
      }
    case UInt8(ascii: "<"):
      if next == UInt8(ascii: "=") {
        emit(.lessOrEqual, length: 2)
      } else if next == UInt8(ascii: ">") {
        emit(.notEqual, length: 2)
      } else if next == UInt8(ascii: "-") && afterNext == UInt8(ascii: "-") {
        emit(.longLeftArrow, length: 3)
      } else if next == UInt8(ascii: "-") {
        emit(.leftArrow, length: 2)
      } else {
        emit(.lessThan, length: 1)
      }
    case UInt8(ascii: ">"):
      emit(next == UInt8(ascii: "=") ? .greaterOrEqual : .greaterThan, length: next == UInt8(ascii: "=") ? 2 : 1)
    case UInt8(ascii: "="):
      emit(next == UInt8(ascii: "~") ? .regexMatch : .equal, length: next == UInt8(ascii: "~") ? 2 : 1)
    case UInt8(ascii: "!") where next == UInt8(ascii: "="):
      emit(.bangEqual, length: 2)
    default:
      let shown = byte < 0x20 || byte == 0x7F ? "U+\(Self.hex(UInt32(byte)))" : "'\(Character(Unicode.Scalar(byte)))'"
      throw CypherError(.syntaxError, "UnexpectedSyntax", "Expected a valid character, found \(shown)", at: position)
    }
  }

  // MARK: - Helpers

  private mutating func emit(_ kind: Token.Kind, length: Int) {
    let start = position
    position += length
    emit(kind, from: start)
  }

  private mutating func emit(_ kind: Token.Kind, from start: Int) {
    tokens.append(Token(kind: kind, text: text(from: start, to: position), start: start, end: position))
  }

  private func byte(at index: Int) -> UInt8? {
    index >= 0 && index < bytes.count ? bytes[index] : nil
  }

  private func text(from start: Int, to end: Int) -> String {
    String(decoding: bytes[max(0, start)..<min(end, bytes.count)], as: UTF8.self)
  }

  /// The scalar that starts at `index` and its length in bytes; U+FFFD (length 1) for a bad sequence.
  private func scalar(at index: Int) -> (Unicode.Scalar, Int) {
    guard let lead = byte(at: index) else { return ("\u{FFFD}", 1) }
    if lead < 0x80 { return (Unicode.Scalar(lead), 1) }
    let length: Int
    var value: UInt32
    switch lead {
    case 0xC0...0xDF: (length, value) = (2, UInt32(lead & 0x1F))
    case 0xE0...0xEF: (length, value) = (3, UInt32(lead & 0x0F))
    case 0xF0...0xF7: (length, value) = (4, UInt32(lead & 0x07))
    default: return ("\u{FFFD}", 1)
    }
    for offset in 1..<length {
      guard let continuation = byte(at: index + offset), continuation & 0xC0 == 0x80 else {
        return ("\u{FFFD}", 1)
      }
      value = value << 6 | UInt32(continuation & 0x3F)
    }
    guard let scalar = Unicode.Scalar(value) else { return ("\u{FFFD}", length) }
    return (scalar, length)
  }

  private func scalarLength(at index: Int) -> Int { scalar(at: index).1 }

  private func isIdentifierStart(at index: Int) -> Bool {
    guard let byte = byte(at: index) else { return false }
    if byte < 0x80 { return Self.isASCIILetter(byte) || byte == UInt8(ascii: "_") }
    return scalar(at: index).0.properties.isXIDStart
  }

  private func isIdentifierPart(at index: Int) -> Bool {
    guard let byte = byte(at: index) else { return false }
    if byte < 0x80 { return Self.isASCIILetter(byte) || Self.isDigit(byte) || byte == UInt8(ascii: "_") }
    return scalar(at: index).0.properties.isXIDContinue
  }

  private mutating func skipIdentifierPart() {
    while isIdentifierPart(at: position) { position += scalarLength(at: position) }
  }

  private static func isASCIILetter(_ byte: UInt8) -> Bool {
    (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
  }

  private static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }

  private static func isOctalDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "7")).contains(byte) }

  private static func isHexDigit(_ byte: UInt8) -> Bool { hexValue(byte) != nil }

  private static func hexValue(_ byte: UInt8) -> UInt32? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
    case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
    case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
    default: nil
    }
  }

  /// Space, tab, line feed, vertical tab, form feed, carriage return and the
  /// file, group, record and unit separators.
  private static func isASCIIWhitespace(_ byte: UInt8) -> Bool {
    byte == 0x20 || (0x09...0x0D).contains(byte) || (0x1C...0x1F).contains(byte)
  }

  /// Unicode white space (no-break space, en and em spaces, line and paragraph
  /// separators, ...) plus U+180E, which openCypher also counts as white space.
  private static func isUnicodeWhitespace(_ scalar: Unicode.Scalar) -> Bool {
    scalar.properties.isWhitespace || scalar.value == 0x180E || scalar.value == 0xFEFF
  }

  private static func hex(_ value: UInt32) -> String {
    let digits = String(value, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
  }
}
