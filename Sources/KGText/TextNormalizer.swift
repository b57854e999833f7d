import Foundation

/// Unicode normalization of article text.
public enum TextNormalizer {
  /// `text` in NFC, with Windows line ends and non-breaking spaces made plain; other
  /// characters (curly quotes, dashes) are kept.
  public static func normalize(_ text: String) -> String {
    var result = text
    if result.utf8.contains(where: { $0 >= 0x80 }) {
      // Text without combining marks is already composed (the usual case): skip the
      // costly normalization then.
      let hasCombiningMarks = result.unicodeScalars.contains {
        !$0.isASCII && $0.properties.canonicalCombiningClass != .notReordered
      }
      if hasCombiningMarks { result = result.precomposedStringWithCanonicalMapping }
      if result.unicodeScalars.contains("\u{00A0}") {
        result = String(String.UnicodeScalarView(result.unicodeScalars.map { $0 == "\u{00A0}" ? " " : $0 }))
      }
    }
    if result.utf8.contains(13) {
      result = result.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    }
    return result
  }
}
