/// Text to ``TextDocument``: normalization, tokens, sentences. A pure function of its input.
public struct TextAnalyzer: Sendable {
  public var tokenizer: Tokenizer
  public var splitter: SentenceSplitter

  /// Creates an analyzer from its two stages.
  public init(tokenizer: Tokenizer, splitter: SentenceSplitter) {
    self.tokenizer = tokenizer
    self.splitter = splitter
  }

  /// Analyzes an article. `headline` says the first line is a headline (text files).
  ///
  /// The text is NFC-normalized; curly quotes and dashes are kept as they are (the
  /// later stages understand both kinds).
  public func analyze(id: String, text: String, headline: Bool) -> TextDocument {
    let normalized = TextNormalizer.normalize(text)
    let tokens = tokenizer.tokens(of: normalized)
    let sentences = splitter.sentences(of: tokens, in: normalized, headline: headline)
    return TextDocument(id: id, text: normalized, tokens: tokens, sentences: sentences)
  }
}
