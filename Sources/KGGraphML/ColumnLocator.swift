import KGCore

#if canImport(Glibc)
  import Glibc
#endif

/// Finds the column of an element start, given its line and its ordinal among the
/// element starts on that line. libxml2 keeps lines on nodes but no columns; errors
/// are rare, so the line is looked up again only when one needs reporting.
enum ColumnLocator {
  /// The 1-based column (in characters) of the element, or 0 when it cannot be found.
  static func column(of position: ElementPosition, in origin: GraphMLOrigin) -> Int {
    guard position.line > 0, let line = lineBytes(position.line, in: origin) else { return 0 }
    var seen = 0
    var index = 0
    while index < line.count {
      if line[index] == UInt8(ascii: "<"), index + 1 < line.count {
        let next = line[index + 1]
        if next != UInt8(ascii: "/") && next != UInt8(ascii: "!") && next != UInt8(ascii: "?") {
          if seen == position.ordinal {
            return String(decoding: line[0..<index], as: UTF8.self).unicodeScalars.count + 1
          }
          seen += 1
        }
      }
      index += 1
    }
    return 0
  }

  /// The line and column of the first occurrence of `marker` in the first lines of the
  /// document (used for a `<!DOCTYPE>`, which comes before the root element).
  static func location(of marker: String, in origin: GraphMLOrigin, searchingLines: Int = 200) -> SourceLocation? {
    for number in 1...searchingLines {
      guard let line = lineBytes(number, in: origin) else { return nil }
      let text = String(decoding: line, as: UTF8.self)
      if let range = text.range(of: marker) {
        let column = text[..<range.lowerBound].unicodeScalars.count + 1
        return SourceLocation(file: origin.name, line: number, column: column)
      }
    }
    return nil
  }

  private static func lineBytes(_ number: Int, in origin: GraphMLOrigin) -> [UInt8]? {
    switch origin {
    case .memory(let buffer, _):
      var current = 1
      var start = 0
      for index in 0..<buffer.count where buffer[index] == UInt8(ascii: "\n") {
        if current == number { return Array(buffer[start..<index]) }
        current += 1
        start = index + 1
      }
      return current == number ? Array(buffer[start..<buffer.count]) : nil
    case .file(let path):
      guard let file = fopen(path, "rb") else { return nil }
      defer { fclose(file) }
      var line: UnsafeMutablePointer<CChar>?
      var capacity = 0
      defer { free(line) }
      var current = 0
      while true {
        let length = getline(&line, &capacity, file)
        if length < 0 { return nil }
        current += 1
        if current == number, let line {
          return UnsafeRawBufferPointer(start: line, count: length).map { $0 }
        }
      }
    }
  }
}
