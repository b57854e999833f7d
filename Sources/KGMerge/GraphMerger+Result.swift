import KGCore
import KGGraph

/// What entity resolution did: every join and every refused candidate join, with reasons.
public struct MergeReport: Sendable {
  public var joins: [String] = []
  public var refusals: [String] = []
}

extension GraphMerger {
  /// The merged graph of everything added so far, and the report of its joins.
  ///
  /// - Complexity: O(n log n) in the number of distinct names and (edge, article) pairs.
  public func result() -> (graph: Graph, report: MergeReport) {
    var report = MergeReport()
    let keys = members.keys.sorted()
    var index: [MemberKey: Int] = [:]
    for (position, key) in keys.enumerated() { index[key] = position }
    var sets = DisjointSets(count: keys.count)

    // 1. Joins by shared keys.
    var owner: [String: Int] = [:]
    var shortForms: [Int] = []
    var isShortForm = [Bool](repeating: false, count: keys.count)
    for (position, key) in keys.enumerated() {
      guard let member = members[key] else { continue }
      if key.type.isEmpty {
        continue  // Graphs from other tools merge by node id only (the key itself).
      }
      if key.type == EntityType.person.rawValue && key.name.split(separator: " ").count == 1 {
        shortForms.append(position)
        isShortForm[position] = true
        continue
      }
      for joinKey in joinKeys(key, member) {
        if let first = owner[joinKey] {
          if sets.find(first) != sets.find(position) {
            report.joins.append("joined \(key.type) '\(key.name)' with '\(keys[first].name)': \(Self.describe(joinKey))")
            sets.union(first, position)
          }
        } else {
          owner[joinKey] = position
        }
      }
    }

    // 2. Surname-only people join their one candidate.
    var candidatesBySurname: [String: Set<Int>] = [:]
    for (position, key) in keys.enumerated() where key.type == EntityType.person.rawValue && !isShortForm[position] {
      guard let member = members[key] else { continue }
      for name in member.aliases where name.split(separator: " ").count >= 2 {
        if let last = NameFolding.fold(name).split(separator: " ").last {
          candidatesBySurname[NameFolding.transliterationKey(String(last)), default: []].insert(sets.find(position))
        }
      }
    }
    // The fullest name of each component, for the report.
    var bestNameOfRoot: [Int: String] = [:]
    for (position, key) in keys.enumerated() where !isShortForm[position] && !key.name.isEmpty {
      let root = sets.find(position)
      if let best = bestNameOfRoot[root], !Self.isFuller(key.name, than: best) { continue }
      bestNameOfRoot[root] = key.name
    }
    func bestName(of root: Int) -> String { bestNameOfRoot[sets.find(root)] ?? "" }
    var absorbed: [Int: Int] = [:]  // short form position → component
    for position in shortForms {
      let key = keys[position]
      let candidates = candidatesBySurname[NameFolding.transliterationKey(key.name)] ?? []
      let roots = Set(candidates.map { sets.find($0) })
      if roots.count == 1, let root = roots.first {
        absorbed[position] = root
        report.joins.append("joined surname-only '\(key.name)' with '\(bestName(of: root))': the one person of that surname")
      } else if roots.count > 1 {
        let names = roots.map { bestName(of: $0) }.sorted()
        report.refusals.append("kept '\(key.name)' apart: it fits \(names.count) people (\(names.joined(separator: ", ")))")
      }
    }

    // 3. Components become nodes.
    var componentOf = [Int](repeating: 0, count: keys.count)
    var groups: [Int: [Int]] = [:]
    for position in keys.indices {
      let root = absorbed[position].map { sets.find($0) } ?? sets.find(position)
      componentOf[position] = root
      groups[root, default: []].append(position)
    }
    var graph = Graph()
    var nodeOfComponent: [Int: Int] = [:]
    var nodes: [(id: String, root: Int, node: Node)] = []
    for (root, positions) in groups {
      nodes.append(makeNode(root: root, positions: positions, keys: keys, absorbed: absorbed))
    }
    nodes.sort { $0.id < $1.id }
    var usedIDs: Set<String> = []
    for entry in nodes {
      var node = entry.node
      var id = entry.id
      var suffix = 2
      while usedIDs.contains(id) {
        id = "\(entry.id)-\(suffix)"
        suffix += 1
      }
      usedIDs.insert(id)
      node.id = id
      nodeOfComponent[entry.root] = (try? graph.addNode(node)) ?? 0
    }

    // 4. Contributions become edges.
    struct EdgeKey: Hashable {
      var type: String
      var status: String?
      var source: Int
      var target: Int
    }
    var edges: [EdgeKey: [(key: ContributionKey, contribution: Contribution, swapped: Bool)]] = [:]
    for (key, contribution) in contributions {
      guard let sourcePosition = index[key.source], let targetPosition = index[key.target],
        let source = nodeOfComponent[componentOf[sourcePosition]], let target = nodeOfComponent[componentOf[targetPosition]]
      else { continue }
      let swapped = RelationType(rawValue: key.type)?.isSymmetric == true && target < source
      let ends = swapped ? (target, source) : (source, target)
      edges[EdgeKey(type: key.type, status: key.status, source: ends.0, target: ends.1), default: []].append(
        (key, contribution, swapped))
    }
    let nodeIDs = (0..<graph.nodeCount).map { graph.nodeID(at: $0) }
    let ordered = edges.keys.sorted {
      ($0.type, nodeIDs[$0.source], nodeIDs[$0.target], $0.status ?? "")
        < ($1.type, nodeIDs[$1.source], nodeIDs[$1.target], $1.status ?? "")
    }
    for edgeKey in ordered {
      guard let parts = edges[edgeKey] else { continue }
      // Per article: the smallest evidence and quote, so the choice never depends on order.
      var evidenceOfArticle: [String: String] = [:]
      var quoteOfArticle: [String: String] = [:]
      var role: String?
      var via: Set<String> = []
      var articleSet: Set<String> = []
      var properties: [String: PropertyValue] = [:]
      var propertiesArticle: String?
      for (key, contribution, swapped) in parts {
        articleSet.formUnion(contribution.articles)
        for (article, text) in contribution.evidence { evidenceOfArticle[article] = Self.smaller(evidenceOfArticle[article], text) }
        for (article, text) in contribution.quotes { quoteOfArticle[article] = Self.smaller(quoteOfArticle[article], text) }
        role = Self.smaller(role, contribution.role)
        if let article = contribution.propertiesArticle {
          if propertiesArticle == nil || article < (propertiesArticle ?? "") {
            propertiesArticle = article
            properties = contribution.properties
          } else if article == propertiesArticle {
            for (name, value) in contribution.properties { properties[name] = Self.combine(properties[name], value) }
          }
        }
        // Which end of the written edge each member stands at.
        let (sourceMember, targetMember) = swapped ? (key.target, key.source) : (key.source, key.target)
        let sourceAbsorbed = index[sourceMember].map { absorbed[$0] != nil } ?? false
        let targetAbsorbed = index[targetMember].map { absorbed[$0] != nil } ?? false
        for article in contribution.articles {
          if sourceAbsorbed { via.insert("s\t\(sourceMember.name)\t\(article)") }
          if targetAbsorbed { via.insert("t\t\(targetMember.name)\t\(article)") }
        }
      }
      let articles = articleSet.sorted()
      let evidence = evidenceOfArticle.sorted { $0.key < $1.key }.prefix(maximumEvidence).map { ($0.key, $0.value) }
      let quotes = quoteOfArticle.sorted { $0.key < $1.key }.prefix(maximumEvidence).map { ($0.key, $0.value) }
      var list: [(String, PropertyValue)] = properties.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
      if let status = edgeKey.status { list.append(("status", .string(status))) }
      if let role { list.append(("role", .string(role))) }
      if !evidence.isEmpty {
        list.append(("evidence", .list(evidence.map { .string($0.1) })))
        list.append(("evidence_articles", .list(evidence.map { .string($0.0) })))
      }
      if !quotes.isEmpty {
        list.append(("quote", .list(quotes.map { .string($0.1) })))
        list.append(("quote_articles", .list(quotes.map { .string($0.0) })))
      }
      if !via.isEmpty { list.append(("via", .list(via.sorted().map(PropertyValue.string)))) }
      list.append(("articles", .list(articles.map(PropertyValue.string))))
      list.append(("weight", .integer(articles.count)))
      let id = "e-" + EntityID.shortHash(
        "\(edgeKey.type)|\(graph.nodeID(at: edgeKey.source))|\(graph.nodeID(at: edgeKey.target))|\(edgeKey.status ?? "")")
      _ = try? graph.addEdge(id: id, sourceIndex: edgeKey.source, targetIndex: edgeKey.target, type: edgeKey.type, properties: list)
    }
    report.joins.sort()
    report.refusals.sort()
    return (graph, report)
  }

  /// The keys two members must share to be one entity.
  private func joinKeys(_ key: MemberKey, _ member: Member) -> [String] {
    var result: [String] = []
    let type = key.type
    if let code = member.code { result.append("\(type)|code|\(code)") }
    for name in member.aliases {
      if type == EntityType.person.rawValue && name.split(separator: " ").count < 2 { continue }
      let folded = NameFolding.fold(name)
      guard !folded.isEmpty else { continue }
      result.append("\(type)|name|\(folded)")
      if let group = variants.group(type: type, name: name) { result.append("\(type)|variant|\(group)") }
      if type == EntityType.person.rawValue { result.append("\(type)|translit|\(NameFolding.transliterationKey(name))") }
    }
    return result.sorted()
  }

  private static func describe(_ joinKey: String) -> String {
    let parts = joinKey.split(separator: "|", maxSplits: 2).map(String.init)
    guard parts.count == 3 else { return joinKey }
    switch parts[1] {
    case "code": return "same country code \(parts[2])"
    case "variant": return "known spelling variants"
    case "translit": return "same name up to transliteration"
    default: return "same name or alias '\(parts[2])'"
    }
  }

  /// The canonical name order: more words, then more characters, then alphabetical.
  static func isFuller(_ a: String, than b: String) -> Bool {
    let wordsA = a.split(separator: " ").count
    let wordsB = b.split(separator: " ").count
    if wordsA != wordsB { return wordsA > wordsB }
    if a.count != b.count { return a.count > b.count }
    return a < b
  }

  private func makeNode(root: Int, positions: [Int], keys: [MemberKey], absorbed: [Int: Int]) -> (id: String, root: Int, node: Node) {
    var name = ""
    var aliases: Set<String> = []
    var articles: Set<String> = []
    var code: String?
    var labels: [String] = []
    var properties: [String: PropertyValue] = [:]
    var shortForms: [String] = []
    var foreignID: String?
    for position in positions.sorted() {
      let key = keys[position]
      guard let member = members[key] else { continue }
      if absorbed[position] != nil {
        shortForms.append(([key.name] + member.articles.sorted()).joined(separator: "\t"))
        continue
      }
      if key.foreignID != nil { foreignID = min(foreignID ?? key.foreignID ?? "", key.foreignID ?? "") }
      if !key.name.isEmpty && (name.isEmpty || Self.isFuller(key.name, than: name)) { name = key.name }
      aliases.formUnion(member.aliases)
      articles.formUnion(member.articles)
      if let memberCode = member.code { code = min(code ?? memberCode, memberCode) }
      labels = labels.isEmpty ? member.labels : labels
      for (property, value) in member.properties { properties[property] = Self.combine(properties[property], value) }
    }
    if name.isEmpty, let first = positions.map({ keys[$0] }).first(where: { !$0.name.isEmpty }) { name = first.name }
    let type = EntityType(rawValue: keys[root].type)
    var nodeProperties = properties
    if !name.isEmpty {
      nodeProperties["name"] = .string(name)
      nodeProperties["aliases"] = .list(aliases.sorted().map(PropertyValue.string))
    }
    if let code { nodeProperties["code"] = .string(code) }
    nodeProperties["articles"] = .list(articles.sorted().map(PropertyValue.string))
    if !shortForms.isEmpty { nodeProperties["short_forms"] = .list(shortForms.sorted().map(PropertyValue.string)) }
    let id = type.map { EntityID.make(type: $0, name: name) } ?? foreignID ?? keys[root].name
    return (id, root, Node(id: id, labels: labels, properties: nodeProperties))
  }
}

/// Union-find over member positions.
struct DisjointSets {
  private var parent: [Int]

  init(count: Int) { parent = Array(0..<count) }

  mutating func find(_ element: Int) -> Int {
    var root = element
    while parent[root] != root { root = parent[root] }
    var current = element
    while parent[current] != root {
      let next = parent[current]
      parent[current] = root
      current = next
    }
    return root
  }

  mutating func union(_ a: Int, _ b: Int) {
    let rootA = find(a)
    let rootB = find(b)
    if rootA != rootB { parent[max(rootA, rootB)] = min(rootA, rootB) }
  }
}
