import KGCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Where the XML comes from: the parse reads it in chunks, and error locations read
/// back the few bytes they need.
enum GraphMLOrigin {
  /// A file, open for the whole parse.
  case file(String, descriptor: Int32)
  /// Bytes in memory that outlive the parse.
  case memory(UnsafeBufferPointer<UInt8>, String?)

  var name: String? {
    switch self {
    case .file(let path, _): path
    case .memory(_, let name): name
    }
  }

  /// The bytes at absolute offsets `range` (fewer at the end of the input).
  func bytes(_ range: Range<Int>) -> [UInt8] {
    switch self {
    case .memory(let buffer, _):
      let clamped = range.clamped(to: 0..<buffer.count)
      return Array(buffer[clamped])
    case .file(_, let descriptor):
      var result = [UInt8](repeating: 0, count: range.count)
      var filled = 0
      while filled < range.count {
        let count = result.withUnsafeMutableBytes { raw in
          pread(descriptor, raw.baseAddress.map { $0 + filled }, range.count - filled, off_t(range.lowerBound + filled))
        }
        if count < 0 && errno == EINTR { continue }
        if count <= 0 { break }
        filled += count
      }
      return Array(result[0..<filled])
    }
  }
}

/// An element's start as the parser saw it: the line and column of the end of its
/// start tag (the `>` or `/>`) and that position's byte offset in the input. The
/// column of the `<` is worked out from the bytes in between only when an error needs
/// it (``ColumnLocator/location(of:in:)``). `offset` is -1 when the parser transcoded
/// the input (UTF-16, Latin-1, ...): then `line` and `column` are already the `<`'s.
struct ElementPosition {
  var line: Int
  var column: Int
  var offset: Int
}

/// Turns parser positions into the line and column of an element's `<`.
enum ColumnLocator {
  /// The location of the `<` of the element whose start tag ends at `position`.
  static func location(of position: ElementPosition, in origin: GraphMLOrigin) -> SourceLocation {
    guard position.offset >= 0 else {
      return SourceLocation(file: origin.name, line: position.line, column: position.column)
    }
    var window = 4096
    while true {
      let start = max(0, position.offset - window)
      let bytes = origin.bytes(start..<position.offset)
      if let (line, column) = tagStart(in: bytes, endLine: position.line, endColumn: position.column, atInputStart: start == 0) {
        return SourceLocation(file: origin.name, line: line, column: column)
      }
      if start == 0 || window >= 1 << 22 {
        return SourceLocation(file: origin.name, line: position.line, column: position.column)
      }
      window *= 8
    }
  }

  /// The location of the `<` of the start tag that ends at byte `offset`, found by
  /// reading the input from its start (for errors found long after the element).
  /// Line breaks are counted as XML does: LF, CR LF and a lone CR.
  static func location(ofTagEndingAt offset: Int, in origin: GraphMLOrigin) -> SourceLocation {
    var line = 1
    var column = 1
    var tagLine = 1
    var tagColumn = 1
    var previousCR = false
    var position = 0
    while position < offset {
      let block = origin.bytes(position..<min(offset, position + (1 << 20)))
      if block.isEmpty { break }
      for byte in block {
        if byte == UInt8(ascii: "\n") {
          if !previousCR { line += 1 }
          column = 1
        } else if byte == UInt8(ascii: "\r") {
          line += 1
          column = 1
        } else {
          if byte == UInt8(ascii: "<") {
            tagLine = line
            tagColumn = column
          }
          if byte & 0xC0 != 0x80 { column += 1 }
        }
        previousCR = byte == UInt8(ascii: "\r")
      }
      position += block.count
    }
    return SourceLocation(file: origin.name, line: tagLine, column: tagColumn)
  }

  /// The line and column of the last `<` in `bytes`, which end at line `endLine`,
  /// column `endColumn`; `nil` when `bytes` are too few to tell.
  static func tagStart(in bytes: [UInt8], endLine: Int, endColumn: Int, atInputStart: Bool) -> (Int, Int)? {
    guard let open = bytes.lastIndex(of: UInt8(ascii: "<")) else { return nil }
    let tag = bytes[open...]
    let newlines = tag.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
    if newlines == 0 { return (endLine, endColumn - characterCount(tag)) }
    // The tag spans lines: count from the line start before the `<`.
    if let lineStart = bytes[..<open].lastIndex(of: UInt8(ascii: "\n")) {
      return (endLine - newlines, characterCount(bytes[(lineStart + 1)..<open]) + 1)
    }
    return atInputStart ? (endLine - newlines, characterCount(bytes[..<open]) + 1) : nil
  }

  /// Characters (not bytes) in UTF-8 `bytes`, as libxml2 counts columns.
  static func characterCount(_ bytes: ArraySlice<UInt8>) -> Int {
    bytes.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
  }

  /// The line and column of the first occurrence of `marker` in the first lines of the
  /// document (used for a `<!DOCTYPE>`, which comes before the root element).
  static func location(of marker: String, in origin: GraphMLOrigin, searchingBytes: Int = 1 << 16) -> SourceLocation? {
    let head = origin.bytes(0..<searchingBytes)
    let pattern = Array(marker.utf8)
    guard !pattern.isEmpty, head.count >= pattern.count else { return nil }
    for start in 0...(head.count - pattern.count) where head[start] == pattern[0] {
      guard head[start..<(start + pattern.count)].elementsEqual(pattern) else { continue }
      let before = head[..<start]
      let line = before.reduce(1) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
      let lineStart = before.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
      return SourceLocation(file: origin.name, line: line, column: characterCount(head[lineStart..<start]) + 1)
    }
    return nil
  }
}
