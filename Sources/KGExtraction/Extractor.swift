import KGCore
import KGGraph
import KGText

/// The whole extraction pipeline for one article: text → sentences and tokens →
/// mentions → entities → relations → graph. A value holding only immutable tables, so
/// one extractor serves any number of articles on any number of threads.
public struct Extractor: Sendable {
  public let lexicon: Lexicon
  let analyzer: TextAnalyzer
  let finder: MentionFinder
  let resolver: EntityResolver
  let relationExtractor: RelationExtractor

  /// Creates an extractor from a loaded lexicon.
  public init(lexicon: Lexicon) {
    self.lexicon = lexicon
    let tokenizer = Tokenizer(abbreviations: lexicon.abbreviations)
    analyzer = TextAnalyzer(
      tokenizer: tokenizer,
      splitter: SentenceSplitter(sentenceStarters: lexicon.sentenceStarters, titleAbbreviations: lexicon.titleAbbreviations))
    finder = MentionFinder(lexicon: lexicon, tokenizer: tokenizer)
    resolver = EntityResolver(lexicon: lexicon)
    relationExtractor = RelationExtractor(lexicon: lexicon)
  }

  /// Runs every stage on one article and keeps their results (for `--explain` and tests).
  ///
  /// - Parameters:
  ///   - id: The article id, recorded on every edge.
  ///   - text: The article text.
  ///   - headline: Whether the first line is a headline (text files).
  public func analyze(id: String, text: String, headline: Bool = true) -> ExtractionResult {
    let document = analyzer.analyze(id: id, text: text, headline: headline)
    var analyses = finder.analyze(document)
    let entities = resolver.resolve(&analyses, document: document)
    let relations = relationExtractor.extract(&analyses, entities: entities, document: document)
    return ExtractionResult(document: document, analyses: analyses, entities: entities, relations: relations)
  }

  /// The knowledge graph of one article.
  public func extract(id: String, text: String, headline: Bool = true) -> Graph {
    analyze(id: id, text: text, headline: headline).graph()
  }
}

/// Everything the pipeline found in one article.
public struct ExtractionResult: Sendable {
  public var document: TextDocument
  public var analyses: [SentenceAnalysis]
  public var entities: [Entity]
  public var relations: [Relation]
}
