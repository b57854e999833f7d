import KGExtraction
import KGGraph
import Testing

/// The shipped lexicon, loaded once for all extraction tests.
enum Shipped {
  static let extractor: Extractor? = (try? Lexicon.bundled()).map(Extractor.init)

  static func result(_ text: String, headline: Bool = false) throws -> ExtractionResult {
    let extractor = try #require(extractor, "the shipped lexicon loads")
    return extractor.analyze(id: "test", text: text, headline: headline)
  }

  /// Entities as "Type:Name".
  static func entities(_ text: String, headline: Bool = false) throws -> Set<String> {
    Set(try result(text, headline: headline).entities.filter { !$0.aliases.isEmpty }.map { "\($0.type.rawValue):\($0.name)" })
  }

  /// Relations as "source type target" (names), with status when given.
  static func relations(_ text: String, headline: Bool = false, status: Bool = false) throws -> Set<String> {
    let result = try result(text, headline: headline)
    return Set(
      result.relations.map { relation in
        var line = "\(result.entities[relation.source].name) \(relation.type.rawValue) \(result.entities[relation.target].name)"
        if status, let value = relation.status { line += " [\(value.rawValue)]" }
        return line
      })
  }
}
