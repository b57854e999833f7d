/// A token of an article: a word, a number, a punctuation mark or a quotation mark,
/// with its place in the text.
public struct Token: Hashable, Sendable {
  /// What kind of token this is.
  public enum Kind: UInt8, Hashable, Sendable {
    /// Letters, digits, inner apostrophes, hyphens and abbreviation dots (`Trump`, `U.S.`, `Secretary-General`).
    case word
    /// A number (`5,000`, `1.5`, `1987`).
    case number
    /// A possessive ending split off a word (`'s`, `’s`, or a lone `'` after `s`).
    case possessive
    /// An opening or closing quotation mark: `"`, `“`, `”`, `‘`, `’`, `'`, `«`, `»`.
    case quote
    /// Any other punctuation or symbol.
    case punctuation
  }

  /// The token's text.
  public var text: String
  /// The kind of token.
  public var kind: Kind
  /// Where the token is, as UTF-8 offsets into the article text.
  public var start: Int
  public var end: Int
  /// Whether whitespace comes right before the token.
  public var spaceBefore: Bool
  /// The text in lower case, computed once (lexicons are matched on it).
  public let lowercased: String

  /// Creates a token.
  public init(text: String, kind: Kind, start: Int, end: Int, spaceBefore: Bool) {
    self.text = text
    self.kind = kind
    self.start = start
    self.end = end
    self.spaceBefore = spaceBefore
    self.lowercased = text.utf8.contains { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") || $0 >= 0x80 } ? text.lowercased() : text
  }

  /// Whether the first character is an upper-case letter.
  public var isCapitalized: Bool {
    guard let first = text.utf8.first else { return false }
    if first < 0x80 { return first >= UInt8(ascii: "A") && first <= UInt8(ascii: "Z") }
    return text.unicodeScalars.first?.properties.isUppercase ?? false
  }

  /// Whether every letter is upper-case and there are at least two letters (`NATO`, `U.S.`).
  public var isAllCaps: Bool {
    var letters = 0
    if text.utf8.allSatisfy({ $0 < 0x80 }) {
      for byte in text.utf8 {
        if byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") { return false }
        if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") { letters += 1 }
      }
      return letters >= 2
    }
    for scalar in text.unicodeScalars where scalar.properties.isAlphabetic {
      if !scalar.properties.isUppercase { return false }
      letters += 1
    }
    return letters >= 2
  }

  /// Whether the token is a word that starts with a letter.
  public var isWord: Bool { kind == .word }
}
