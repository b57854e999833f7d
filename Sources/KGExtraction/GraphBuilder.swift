import KGGraph
import KGText

extension ExtractionResult {
  /// The article's graph: one node per entity, one edge per (type, source, target).
  ///
  /// Nodes carry `name`, `aliases`, `code` (countries) and `articles`; edges carry
  /// `status` (events), `role` (offices), `evidence` (the sentence), `evidence_start`
  /// and `evidence_end` (character offsets of that sentence in the article), `quote`
  /// (`said`), `articles` and `weight` 1. Node ids come from ``EntityID``; edge ids are
  /// a hash of article, type and ends, so they are stable and unique.
  public func graph(maximumEvidence: Int = 3) -> Graph {
    var graph = Graph()
    let article = PropertyValue.list([.string(document.id)])
    var nodeIndex: [Int: Int] = [:]
    var usedIDs: [String: Int] = [:]
    func node(for entity: Int) -> Int {
      if let index = nodeIndex[entity] { return index }
      let value = entities[entity]
      var id = value.id
      // Two entities may fold to one id ("U.S." and "US" never do, but "Ms. Lee" and "Lee" of two people may).
      if let existing = usedIDs[id], existing != entity { id += "-\(entity)" }
      usedIDs[id] = entity
      var properties: [String: PropertyValue] = [
        OntologyProperty.name: .string(value.name),
        OntologyProperty.aliases: .list(value.aliases.map(PropertyValue.string)),
        OntologyProperty.articles: article,
      ]
      if let code = value.code { properties[OntologyProperty.code] = .string(code) }
      let index = (try? graph.addNode(Node(id: id, labels: [value.type.rawValue], properties: properties))) ?? graph.nodeCount - 1
      nodeIndex[entity] = index
      return index
    }
    // Entities named by a name (not only by pronouns or titles) become nodes, in order.
    for (index, entity) in entities.enumerated() {
      let named = entity.mentions.contains { reference in
        analyses[reference.sentence].mentions[reference.index].form != .pronoun
      }
      if named { _ = node(for: index) }
    }
    let sentenceOffsets = characterOffsets()
    var edgeByKey: [String: Int] = [:]
    for relation in relations {
      guard nodeIndex[relation.source] != nil || entities[relation.source].mentions.isEmpty == false,
        nodeIndex[relation.target] != nil || entities[relation.target].mentions.isEmpty == false
      else { continue }
      let source = node(for: relation.source)
      let target = node(for: relation.target)
      let evidence = document.text(of: document.sentences[relation.sentence])
      if let existing = edgeByKey[relation.key] {
        // One edge per relation: keep the first few pieces of evidence.
        if case .list(var list)? = graph.edgeProperty(OntologyProperty.evidence, at: existing), list.count < maximumEvidence,
          !list.contains(.string(evidence))
        {
          list.append(.string(evidence))
          try? graph.setEdgeProperty(OntologyProperty.evidence, to: .list(list), at: existing)
        }
        continue
      }
      var properties: [(String, PropertyValue)] = [
        (OntologyProperty.evidence, .list([.string(evidence)])),
        ("evidence_start", .integer(sentenceOffsets[relation.sentence].start)),
        ("evidence_end", .integer(sentenceOffsets[relation.sentence].end)),
        (OntologyProperty.articles, article),
        (OntologyProperty.weight, .integer(1)),
        ("rule", .string(relation.rule)),
      ]
      if let status = relation.status { properties.append((OntologyProperty.status, .string(status.rawValue))) }
      if let role = relation.role { properties.append((OntologyProperty.role, .string(role))) }
      if let quote = relation.quote { properties.append((OntologyProperty.quote, .list([.string(quote)]))) }
      let id = "e-" + EntityID.shortHash("\(document.id)|\(relation.key)|\(graph.nodeID(at: source))|\(graph.nodeID(at: target))")
      if let index = try? graph.addEdge(
        id: id, sourceIndex: source, targetIndex: target, type: relation.type.rawValue, properties: properties)
      {
        edgeByKey[relation.key] = index
      }
    }
    return graph
  }

  /// Character (Unicode scalar) offsets of every sentence, computed in one pass.
  func characterOffsets() -> [(start: Int, end: Int)] {
    var result: [(start: Int, end: Int)] = []
    result.reserveCapacity(document.sentences.count)
    var utf8Offset = 0
    var characterOffset = 0
    var scalars = document.text.unicodeScalars.makeIterator()
    func advance(to target: Int) {
      while utf8Offset < target, let scalar = scalars.next() {
        utf8Offset += UTF8.width(scalar)
        characterOffset += 1
      }
    }
    for sentence in document.sentences {
      advance(to: sentence.start)
      let start = characterOffset
      advance(to: sentence.end)
      result.append((start, characterOffset))
    }
    return result
  }
}
