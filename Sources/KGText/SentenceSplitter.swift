/// Splits tokens into sentences.
///
/// A sentence ends at a line break, or after `.`, `!` or `?` (with any closing quotes
/// and brackets that follow) when the next token could start a sentence: a capitalized
/// word, a number, or an opening quote. A word ending in an abbreviation dot (`Mr.`,
/// `Gen.`, `Jan.`, an initial `W.`) does not end a sentence, except a dotted
/// abbreviation such as `U.S.` followed by a word that usually starts sentences
/// (`The`, `He`, `But`, ...). The first line of an article is its headline, a sentence
/// of its own.
public struct SentenceSplitter: Sendable {
  /// Lower-case words that usually start a sentence, used after `U.S.`-style abbreviations.
  public var sentenceStarters: Set<String>
  /// Lower-case abbreviations that never end a sentence (titles: `mr`, `dr`, `gen`).
  public var titleAbbreviations: Set<String>

  /// Creates a splitter.
  public init(sentenceStarters: Set<String>, titleAbbreviations: Set<String>) {
    self.sentenceStarters = sentenceStarters
    self.titleAbbreviations = titleAbbreviations
  }

  /// The sentences of `tokens` over `text`; `headline` makes the first line a headline.
  public func sentences(of tokens: [Token], in text: String, headline: Bool) -> [Sentence] {
    var sentences: [Sentence] = []
    guard !tokens.isEmpty else { return sentences }
    let bytes = Array(text.utf8)
    var start = 0
    var startsParagraph = true
    var inHeadline = headline

    func lineBreakBetween(_ a: Int, _ b: Int) -> Bool {
      let lower = tokens[a].end
      let upper = tokens[b].start
      guard lower < upper else { return false }
      for offset in lower..<upper where bytes[offset] == 0x0A { return true }
      return false
    }

    func close(_ end: Int, nextStartsParagraph: Bool) {
      sentences.append(
        Sentence(
          tokens: start..<end, start: tokens[start].start, end: tokens[end - 1].end,
          isHeadline: inHeadline, startsParagraph: startsParagraph))
      start = end
      startsParagraph = nextStartsParagraph
    }

    var index = 0
    while index < tokens.count {
      let next = index + 1
      if next < tokens.count && lineBreakBetween(index, next) {
        close(next, nextStartsParagraph: true)
        inHeadline = false
        index = next
        continue
      }
      if inHeadline {
        index += 1
        continue
      }
      let token = tokens[index]
      if isTerminal(token) {
        // Take closing quotes and brackets along.
        var end = next
        while end < tokens.count, isClosing(tokens[end], after: tokens[end - 1]), !lineBreakBetween(end - 1, end) {
          end += 1
        }
        if end >= tokens.count {
          break
        }
        if lineBreakBetween(end - 1, end) {
          close(end, nextStartsParagraph: true)
          index = end
          continue
        }
        let startsNext =
          token.kind == .word
          ? abbreviationEndsSentence(before: tokens[end]) : canStartSentence(tokens[end])
        if startsNext {
          close(end, nextStartsParagraph: false)
          index = end
          continue
        }
        index = end
        continue
      }
      index += 1
    }
    if start < tokens.count { close(tokens.count, nextStartsParagraph: false) }
    return sentences
  }

  private func isTerminal(_ token: Token) -> Bool {
    switch token.kind {
    case .punctuation:
      return token.text == "." || token.text == "!" || token.text == "?" || token.text == "..." || token.text == "…"
    case .word:
      // A word that swallowed its final dot: an abbreviation (`U.S.`, `No.`) may end a
      // sentence; a title (`Mr.`) or an initial (`W.`) never does.
      guard token.text.hasSuffix("."), token.text.count > 2 else { return false }
      return !titleAbbreviations.contains(token.text.dropLast().lowercased())
    default:
      return false
    }
  }

  private func isClosing(_ token: Token, after previous: Token) -> Bool {
    if token.text == ")" || token.text == "]" { return true }
    if token.kind == .quote {
      // A closing quote hugs what precedes it.
      return !token.spaceBefore || token.text == "\u{201D}" || token.text == "\u{2019}" || token.text == "\u{00BB}"
    }
    return false
  }

  private func canStartSentence(_ token: Token) -> Bool {
    switch token.kind {
    case .quote: return true
    case .number: return true
    case .word: return token.isCapitalized
    case .punctuation: return token.text == "(" || token.text == "-" || token.text == "\u{2014}"
    case .possessive: return false
    }
  }

  /// Whether a dotted abbreviation such as `U.S.` ends the sentence before `next`.
  func abbreviationEndsSentence(before next: Token) -> Bool {
    next.kind == .quote || sentenceStarters.contains(next.text.lowercased())
  }
}
