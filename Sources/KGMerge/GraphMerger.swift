import KGCore
import KGGraph

/// Merges article graphs into one graph: one node per entity whatever article named it
/// and however it was spelled, one edge per (type, ends, status) with the articles,
/// weight, evidence and quotes of every article that gave it.
///
/// Entity resolution, in order (precision first: a wrong join is worse than a missed one):
/// - same type and same folded name or alias (case, diacritics, punctuation, "the");
///   for people only names of two words or more count, so a shared surname joins nothing;
/// - same country code; known variants (`Resources/variants.tsv`); for people, the same
///   transliteration key of a full name (Zelensky / Zelenskyy / Zelenskiy);
/// - a surname-only person joins a full-name person only when exactly one candidate of
///   that type exists in the merged graph; otherwise it stays apart, and
///   ``MergeReport/refusals`` says why.
///
/// The result depends only on the set of inputs, never on their order: merged graphs
/// keep what a later merge needs (`short_forms`, `via`, `evidence_articles`,
/// `quote_articles`), so merging is associative, commutative and idempotent, byte for
/// byte once written.
///
/// Memory holds one record per distinct name and one per (edge, article), not the inputs.
public struct GraphMerger: Sendable {
  /// How many pieces of evidence (and quotes) an edge keeps, one per article.
  public var maximumEvidence: Int
  let variants: VariantTable

  var members: [MemberKey: Member] = [:]
  var contributions: [ContributionKey: Contribution] = [:]
  /// Inputs added so far.
  public private(set) var inputCount = 0

  /// Creates an empty merger.
  public init(maximumEvidence: Int = 3, variants: VariantTable = VariantTable()) {
    self.maximumEvidence = max(1, maximumEvidence)
    self.variants = variants
  }

  // MARK: Records

  struct MemberKey: Hashable, Comparable {
    var type: String
    var name: String
    var foreignID: String?

    static func < (lhs: MemberKey, rhs: MemberKey) -> Bool {
      (lhs.type, lhs.name, lhs.foreignID ?? "") < (rhs.type, rhs.name, rhs.foreignID ?? "")
    }
  }

  struct Member {
    var labels: [String]
    var aliases: Set<String> = []
    var code: String?
    var articles: Set<String> = []
    var properties: [String: PropertyValue] = [:]
  }

  struct ContributionKey: Hashable {
    var type: String
    var status: String?
    var source: MemberKey
    var target: MemberKey
  }

  /// What the articles said about one edge between two names: the articles, the
  /// evidence and quotes of the smallest article ids only (as many as are written),
  /// the smallest role, and the other properties of the smallest article.
  struct Contribution {
    var articles: Set<String> = []
    var evidence: [String: String] = [:]
    var quotes: [String: String] = [:]
    var role: String?
    var properties: [String: PropertyValue] = [:]
    var propertiesArticle: String?

    /// Keeps, per article, the smallest text, and only the `limit` smallest articles.
    static func keep(_ text: String?, for article: String, in store: inout [String: String], limit: Int) {
      guard let text else { return }
      store[article] = GraphMerger.smaller(store[article], text)
      if store.count > limit, let largest = store.keys.max() { store[largest] = nil }
    }
  }

  static let ownNodeProperties: Set<String> = ["name", "aliases", "code", "articles", "short_forms"]
  static let ownEdgeProperties: Set<String> = [
    "status", "role", "evidence", "evidence_articles", "quote", "quote_articles", "articles", "weight", "via",
  ]
  static let entityTypes: Set<String> = Set(EntityType.allCases.map(\.rawValue))

  // MARK: Adding inputs

  /// Adds one graph: an article graph, a merged graph, or a graph from another tool
  /// (whose nodes merge by id and whose edges count as article `source`).
  public mutating func add(_ graph: Graph, source: String) {
    inputCount += 1
    var keyOfNode: [MemberKey] = []
    keyOfNode.reserveCapacity(graph.nodeCount)
    // Short forms a merged node absorbed, by node index and name.
    var shortForms: [Int: [String: MemberKey]] = [:]
    for index in 0..<graph.nodeCount {
      let node = graph.node(at: index)
      let type = node.labels.first { Self.entityTypes.contains($0) } ?? ""
      let name = node.properties["name"]?.stringValue ?? ""
      let key: MemberKey =
        type.isEmpty || name.isEmpty
        ? MemberKey(type: "", name: "", foreignID: node.id) : MemberKey(type: type, name: name, foreignID: nil)
      modify(&members[key, default: Member(labels: type.isEmpty ? node.labels : [type])]) { member in
        member.aliases.formUnion(node.properties["aliases"]?.stringList ?? [])
        if !name.isEmpty { member.aliases.insert(name) }
        if let code = node.properties["code"]?.stringValue { member.code = min(member.code ?? code, code) }
        let articles = node.properties["articles"]?.stringList ?? []
        member.articles.formUnion(articles.isEmpty ? [source] : articles)
        for (property, value) in node.properties where !Self.ownNodeProperties.contains(property) {
          member.properties[property] = Self.combine(member.properties[property], value)
        }
        if type.isEmpty { member.labels = Array(Set(member.labels + node.labels)).sorted() }
      }
      keyOfNode.append(key)
      // "Bush\tarticle1\tarticle2": a surname-only node this node absorbed in an earlier merge.
      for entry in node.properties["short_forms"]?.stringList ?? [] {
        let parts = entry.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        guard let shortName = parts.first, !shortName.isEmpty else { continue }
        let shortKey = MemberKey(type: type, name: shortName, foreignID: nil)
        var short = members[shortKey] ?? Member(labels: [type])
        short.aliases.insert(shortName)
        short.articles.formUnion(parts.dropFirst())
        members[shortKey] = short
        shortForms[index, default: [:]][shortName] = shortKey
      }
    }
    for index in 0..<graph.edgeCount {
      let edge = graph.edge(at: index)
      let sourceIndex = graph.edgeSourceIndex(at: index)
      let targetIndex = graph.edgeTargetIndex(at: index)
      let status = edge.properties["status"]?.stringValue
      var articles = edge.properties["articles"]?.stringList ?? []
      if articles.isEmpty { articles = [source] }
      let evidence = Self.perArticle(edge.properties["evidence"], edge.properties["evidence_articles"], articles: articles)
      let quotes = Self.perArticle(edge.properties["quote"], edge.properties["quote_articles"], articles: articles)
      var via: [String: (source: String?, target: String?)] = [:]
      for entry in edge.properties["via"]?.stringList ?? [] {
        let parts = entry.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3 else { continue }
        if parts[0] == "s" { via[parts[2], default: (nil, nil)].source = parts[1] } else { via[parts[2], default: (nil, nil)].target = parts[1] }
      }
      var properties: [String: PropertyValue] = [:]
      for (property, value) in edge.properties where !Self.ownEdgeProperties.contains(property) {
        properties[property] = value
      }
      for article in articles {
        var sourceKey = keyOfNode[sourceIndex]
        var targetKey = keyOfNode[targetIndex]
        if let name = via[article]?.source, let short = shortForms[sourceIndex]?[name] { sourceKey = short }
        if let name = via[article]?.target, let short = shortForms[targetIndex]?[name] { targetKey = short }
        let key = ContributionKey(type: edge.type, status: status, source: sourceKey, target: targetKey)
        let limit = maximumEvidence
        // Changed in place: copying the record would copy its article set each time.
        modify(&contributions[key, default: Contribution()]) { contribution in
          contribution.articles.insert(article)
          Contribution.keep(evidence[article], for: article, in: &contribution.evidence, limit: limit)
          Contribution.keep(quotes[article], for: article, in: &contribution.quotes, limit: limit)
          contribution.role = Self.smaller(contribution.role, edge.properties["role"]?.stringValue)
          if contribution.propertiesArticle == nil || article < (contribution.propertiesArticle ?? "") {
            contribution.propertiesArticle = article
            contribution.properties = properties
          } else if contribution.propertiesArticle == article {
            for (property, value) in properties {
              contribution.properties[property] = Self.combine(contribution.properties[property], value)
            }
          }
        }
      }
    }
  }

  /// The evidence (or quote) of each article: a list aligned with `*_articles`, or for an
  /// article graph, its first element for its one article.
  private static func perArticle(_ values: PropertyValue?, _ owners: PropertyValue?, articles: [String]) -> [String: String] {
    guard let values else { return [:] }
    let texts = values.stringList
    let ownerList = owners?.stringList ?? []
    var result: [String: String] = [:]
    if !ownerList.isEmpty {
      for (text, owner) in zip(texts, ownerList) where result[owner] == nil { result[owner] = text }
    } else if let first = texts.first {
      for article in articles { result[article] = first }
    }
    return result
  }

  /// Applies `body` to a value in place (a dictionary entry without copying it out).
  private func modify<Value>(_ value: inout Value, _ body: (inout Value) -> Void) { body(&value) }

  static func smaller(_ a: String?, _ b: String?) -> String? {
    guard let a else { return b }
    guard let b else { return a }
    return min(a, b)
  }

  /// Combines two values of one property deterministically: lists are united (sorted),
  /// otherwise the smaller by text wins, so the order of inputs does not matter.
  static func combine(_ existing: PropertyValue?, _ new: PropertyValue) -> PropertyValue {
    guard let existing else { return new }
    if case .list(let a) = existing, case .list(let b) = new, a.first?.kind == b.first?.kind || a.isEmpty || b.isEmpty {
      let union = Set(a + b)
      return .list(union.sorted { $0.displayText < $1.displayText })
    }
    return existing.displayText <= new.displayText ? existing : new
  }
}
