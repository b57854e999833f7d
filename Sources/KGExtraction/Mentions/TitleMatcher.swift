import KGText

/// Finds office titles ("prime minister", "Secretary of State", "secretary-general")
/// as lower-case token sequences, longest first.
struct TitleMatcher: Sendable {
  private var titlesByFirstWord: [String: [(words: [String], entry: TitleEntry)]] = [:]
  /// "presidents" → "president": the plural of each one-word title's first word, so a
  /// lookup needs no string made per token.
  private var singularOfPlural: [String: String] = [:]

  init(lexicon: Lexicon, tokenizer: Tokenizer) {
    for entry in lexicon.titles {
      let words = tokenizer.tokens(of: entry.phrase).map { $0.lowercased }
      guard let first = words.first else { continue }
      titlesByFirstWord[first, default: []].append((words, entry))
      if words.count == 1 { singularOfPlural[first + "s"] = first }
    }
    for key in titlesByFirstWord.keys { titlesByFirstWord[key]?.sort { $0.words.count > $1.words.count } }
  }

  /// The longest title starting at `start`, and its end.
  func match(at start: Int, in tokens: [Token], end: Int) -> (entry: TitleEntry, end: Int)? {
    let first = tokens[start].lowercased
    if let found = match(key: first, first: first, at: start, in: tokens, end: end) { return found }
    if let singular = singularOfPlural[first] { return match(key: singular, first: first, at: start, in: tokens, end: end) }
    return nil
  }

  private func match(key: String, first: String, at start: Int, in tokens: [Token], end: Int) -> (entry: TitleEntry, end: Int)? {
    guard let candidates = titlesByFirstWord[key] else { return nil }
    for candidate in candidates {
      let length = candidate.words.count
      guard start + length <= end else { continue }
      var matches = true
      for offset in 0..<length {
        let word = tokens[start + offset].lowercased
        let wanted = candidate.words[offset]
        if word == wanted { continue }
        // A plural title: "presidents", "prime ministers", "foreign ministers".
        if offset == length - 1, Self.isPlural(word, of: wanted) { continue }
        if offset == 0 && key != first && length == 1 && key == wanted { continue }
        matches = false
        break
      }
      if matches { return (candidate.entry, start + length) }
    }
    return nil
  }

  /// Whether `word` is `singular` + "s", without making a string.
  private static func isPlural(_ word: String, of singular: String) -> Bool {
    word.utf8.count == singular.utf8.count + 1 && word.utf8.last == UInt8(ascii: "s") && word.utf8.starts(with: singular.utf8)
  }
}
