import Foundation

/// Unicode normalization of article text.
public enum TextNormalizer {
  /// `text` in NFC, with Windows line ends and non-breaking spaces made plain; other
  /// characters (curly quotes, dashes) are kept.
  public static func normalize(_ text: String) -> String {
    var result = text
    if result.unicodeScalars.contains(where: { !$0.isASCII }) {
      result = result.precomposedStringWithCanonicalMapping
      if result.contains("\u{00A0}") { result = result.replacingOccurrences(of: "\u{00A0}", with: " ") }
    }
    if result.utf8.contains(13) {
      result = result.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    }
    return result
  }
}
