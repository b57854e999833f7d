/// What the mention finder found in one sentence.
public struct SentenceAnalysis: Sendable {
  public var mentions: [Mention] = []
  public var titles: [TitleUse] = []
  /// Capitalized runs that may be names but had no evidence of their own; resolution
  /// keeps those that match a person named elsewhere in the article.
  public var candidates: [Mention] = []
  /// Whether the sentence is in capitals (a wire headline), where case says nothing.
  public var isAllCaps = false

  public init() {}
}
