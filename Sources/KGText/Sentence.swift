/// A sentence of an article: a run of tokens and the text they span.
public struct Sentence: Hashable, Sendable {
  /// The sentence's tokens, as indices into ``TextDocument/tokens``.
  public var tokens: Range<Int>
  /// Where the sentence is, as UTF-8 offsets into the article text.
  public var start: Int
  public var end: Int
  /// Whether this sentence is the headline (the first line of a text file).
  public var isHeadline: Bool
  /// Whether the sentence starts a paragraph (it follows a line break).
  public var startsParagraph: Bool

  /// Creates a sentence.
  public init(tokens: Range<Int>, start: Int, end: Int, isHeadline: Bool, startsParagraph: Bool) {
    self.tokens = tokens
    self.start = start
    self.end = end
    self.isHeadline = isHeadline
    self.startsParagraph = startsParagraph
  }
}
