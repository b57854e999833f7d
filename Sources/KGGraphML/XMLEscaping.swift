/// Escaping of text for XML 1.0, byte by byte over UTF-8.
///
/// - `&`, `<`, `>` become entity references everywhere; `"` too in attribute values.
/// - CR becomes `&#13;` (parsers turn a literal CR into LF); in attribute values TAB
///   and LF become `&#9;` and `&#10;` (parsers turn literal ones into spaces).
/// - Characters XML 1.0 forbids (C0 controls other than TAB, LF, CR; U+FFFE; U+FFFF)
///   are dropped: no parser would read the file otherwise.
///
/// Swift strings are valid UTF-8, so no lone surrogate can reach the output.
enum XMLEscaping {
  /// Appends `text`, escaped for element content (`attribute == false`) or for a
  /// double-quoted attribute value.
  static func append(_ text: String, attribute: Bool, to output: inout [UInt8]) {
    var text = text
    text.withUTF8 { bytes in
      var runStart = 0
      var index = 0
      let count = bytes.count
      while index < count {
        let byte = bytes[index]
        let replacement: StaticString?
        var skip = 1
        switch byte {
        case UInt8(ascii: "&"): replacement = "&amp;"
        case UInt8(ascii: "<"): replacement = "&lt;"
        case UInt8(ascii: ">"): replacement = "&gt;"
        case UInt8(ascii: "\""): replacement = attribute ? "&quot;" : nil
        case 0x0D: replacement = "&#13;"
        case 0x0A: replacement = attribute ? "&#10;" : nil
        case 0x09: replacement = attribute ? "&#9;" : nil
        case 0x00..<0x20: replacement = ""
        case 0xEF:
          // U+FFFE and U+FFFF are EF BF BE and EF BF BF.
          if index + 2 < count, bytes[index + 1] == 0xBF, bytes[index + 2] >= 0xBE {
            replacement = ""
            skip = 3
          } else {
            replacement = nil
          }
        default: replacement = nil
        }
        if let replacement {
          if runStart < index { output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index])) }
          replacement.withUTF8Buffer { output.append(contentsOf: $0) }
          index += skip
          runStart = index
        } else {
          index += 1
        }
      }
      if runStart < count { output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<count])) }
    }
  }

  /// `text` without the characters XML 1.0 cannot hold: what a reader gets back
  /// after ``append(_:attribute:to:)``.
  static func sanitized(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: isForbidden) else { return text }
    var output = String.UnicodeScalarView()
    for scalar in text.unicodeScalars where !isForbidden(scalar) { output.append(scalar) }
    return String(output)
  }

  static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x09, 0x0A, 0x0D: false
    case 0x00..<0x20, 0xFFFE, 0xFFFF: true
    default: false
    }
  }
}
