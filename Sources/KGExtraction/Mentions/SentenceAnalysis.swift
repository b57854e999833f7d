/// What the mention finder found in one sentence.
public struct SentenceAnalysis: Sendable {
  public var mentions: [Mention] = []
  public var titles: [TitleUse] = []
  /// Capitalized runs that may be names but had no evidence of their own; resolution
  /// keeps those that match a person named elsewhere in the article.
  public var candidates: [Mention] = []
  /// Whether the sentence is in capitals (a wire headline), where case says nothing.
  public var isAllCaps = false
  /// The country of a dateline that opens the sentence ("TOKYO, April 27 -"), by code.
  public var datelineCountry: String? = nil

  public init() {}

  /// The mention that starts at token `position` (entity mentions first).
  public func mention(at position: Int?) -> Mention? {
    guard let position else { return nil }
    return mentions.first { $0.tokens.lowerBound == position && $0.entity != nil }
      ?? mentions.first { $0.tokens.lowerBound == position }
  }

  /// The entity of the mention that starts at token `position`.
  public func entity(at position: Int?) -> Int? { mention(at: position)?.entity }
}
