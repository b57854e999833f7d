import Foundation
import KGText

/// Known names as token sequences, matched longest-first over a sentence's tokens.
///
/// Names are tokenized with the article tokenizer, so `People's Bank of China` and
/// `U.S.` match exactly as they appear. Case rules keep common words out: an all-caps
/// name (`US`, `NATO`, `U.S.`) matches only in capitals, and every capitalized word of a
/// name must be capitalized in the text (`of`, `the` may be lower-case). In all-caps
/// text (wire headlines) case is ignored.
public struct Gazetteer: Sendable {
  /// What a matched name stands for.
  public enum Entry: Sendable, Hashable {
    case country(code: String)
    case demonym(code: String)
    case capital(code: String, ambiguous: Bool)
    case organization(index: Int)
  }

  struct Phrase: Sendable {
    var lowered: [String]
    var original: [String]
    var entry: Entry
    var isAcronym: Bool
  }

  private var phrasesByFirstWord: [String: [Phrase]] = [:]

  /// Builds the gazetteer of `lexicon`'s countries, demonyms, capitals and organizations.
  public init(lexicon: Lexicon, tokenizer: Tokenizer) {
    for country in lexicon.countries {
      add(country.name, .country(code: country.code), tokenizer)
      for alias in country.aliases { add(alias, .country(code: country.code), tokenizer) }
      for demonym in country.demonyms { add(demonym, .demonym(code: country.code), tokenizer) }
      for capital in country.capitals { add(capital, .capital(code: country.code, ambiguous: false), tokenizer) }
      for capital in country.ambiguousCapitals { add(capital, .capital(code: country.code, ambiguous: true), tokenizer) }
    }
    for (index, organization) in lexicon.organizations.enumerated() {
      add(organization.name, .organization(index: index), tokenizer)
      for alias in organization.aliases { add(alias, .organization(index: index), tokenizer) }
    }
    for key in phrasesByFirstWord.keys {
      phrasesByFirstWord[key]?.sort { $0.lowered.count > $1.lowered.count }
    }
  }

  private mutating func add(_ name: String, _ entry: Entry, _ tokenizer: Tokenizer) {
    var text = name.trimmingCharacters(in: .whitespaces)
    if text.lowercased().hasPrefix("the ") { text = String(text.dropFirst(4)) }
    let words = tokenizer.tokens(of: text).map(\.text)
    guard let first = words.first else { return }
    let letters = text.unicodeScalars.filter { $0.properties.isAlphabetic }
    let isAcronym = letters.count >= 1 && letters.allSatisfy { $0.properties.isUppercase } && words.count <= 2
    let phrase = Phrase(lowered: words.map { $0.lowercased() }, original: words, entry: entry, isAcronym: isAcronym)
    let key = first.lowercased()
    // The same name for the same entry once.
    if phrasesByFirstWord[key]?.contains(where: { $0.lowered == phrase.lowered && $0.entry == entry }) == true { return }
    phrasesByFirstWord[key, default: []].append(phrase)
  }

  /// A match: the tokens it covers and what they name.
  public struct Match: Sendable, Hashable {
    public var tokens: Range<Int>
    public var entry: Entry
  }

  /// The longest known name starting at token `start`, if any.
  public func match(at start: Int, in tokens: [Token], end: Int, ignoringCase: Bool) -> [Match] {
    let first = tokens[start].lowercased
    guard let candidates = phrasesByFirstWord[first] else { return [] }
    var found: [Match] = []
    var bestLength = 0
    for phrase in candidates {
      let length = phrase.lowered.count
      if length < bestLength { break }
      guard start + length <= end else { continue }
      var matches = true
      for offset in 0..<length {
        let token = tokens[start + offset]
        if token.lowercased != phrase.lowered[offset] {
          matches = false
          break
        }
        if !ignoringCase && !Self.caseAgrees(token.text, phrase.original[offset], acronym: phrase.isAcronym) {
          matches = false
          break
        }
      }
      if matches {
        bestLength = length
        found.append(Match(tokens: start..<(start + length), entry: phrase.entry))
      }
    }
    return found
  }

  private static func caseAgrees(_ text: String, _ name: String, acronym: Bool) -> Bool {
    if acronym { return text == name }
    guard let nameFirst = name.utf8.first, let textFirst = text.utf8.first else { return true }
    if nameFirst < 0x80 && textFirst < 0x80 {
      let nameUpper = nameFirst >= UInt8(ascii: "A") && nameFirst <= UInt8(ascii: "Z")
      return !nameUpper || (textFirst >= UInt8(ascii: "A") && textFirst <= UInt8(ascii: "Z"))
    }
    guard let nameScalar = name.unicodeScalars.first, let textScalar = text.unicodeScalars.first else { return true }
    if nameScalar.properties.isUppercase { return textScalar.properties.isUppercase }
    return true
  }
}
