import KGText

/// Finds office titles ("prime minister", "Secretary of State", "secretary-general")
/// as lower-case token sequences, longest first.
struct TitleMatcher: Sendable {
  private var titlesByFirstWord: [String: [(words: [String], entry: TitleEntry)]] = [:]

  init(lexicon: Lexicon, tokenizer: Tokenizer) {
    for entry in lexicon.titles {
      let words = tokenizer.tokens(of: entry.phrase).map { $0.lowercased }
      guard let first = words.first else { continue }
      titlesByFirstWord[first, default: []].append((words, entry))
    }
    for key in titlesByFirstWord.keys { titlesByFirstWord[key]?.sort { $0.words.count > $1.words.count } }
  }

  /// The longest title starting at `start`, and its end.
  func match(at start: Int, in tokens: [Token], end: Int) -> (entry: TitleEntry, end: Int)? {
    let first = tokens[start].lowercased
    for key in [first, first.hasSuffix("s") ? String(first.dropLast()) : nil].compactMap({ $0 }) {
      guard let candidates = titlesByFirstWord[key] else { continue }
      for candidate in candidates {
        let length = candidate.words.count
        guard start + length <= end else { continue }
        var matches = true
        for offset in 0..<length {
          var word = tokens[start + offset].lowercased
          // A plural title: "presidents", "prime ministers", "foreign ministers".
          if offset == length - 1 && word != candidate.words[offset] && word == candidate.words[offset] + "s" { word.removeLast() }
          if offset == 0 && key != first && length == 1 { word = key }
          if word != candidate.words[offset] {
            matches = false
            break
          }
        }
        if matches { return (candidate.entry, start + length) }
      }
    }
    return nil
  }
}
