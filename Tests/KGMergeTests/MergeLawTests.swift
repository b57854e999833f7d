import KGGraph
import KGGraphML
import KGTestSupport
import Testing

@testable import KGMerge

/// Generates article graphs like the extractor's: people (full names, surnames only,
/// spelling variants), countries (names and codes), organizations (names and
/// acronyms), and edges with status, evidence, quotes and articles.
struct ArticleGraphGenerator {
  var random: SeededRandom

  static let people: [[String]] = [
    ["Volodymyr Zelenskyy", "Volodymyr Zelensky", "Zelensky"], ["George W. Bush", "Bush"], ["George H. W. Bush", "Bush"],
    ["Kim Jong-un", "Kim Jong Un", "Kim"], ["Kim Yo-jong", "Kim"], ["Maria Lindqvist", "Lindqvist"],
    ["Tomás Herrera", "Tomas Herrera", "Herrera"], ["Muammar Gaddafi", "Muammar Qaddafi", "Gaddafi"],
  ]
  static let countries: [(String, String, [String])] = [
    ("United States", "USA", ["US", "U.S."]), ("Ukraine", "UKR", ["Kyiv"]), ("Chile", "CHL", []), ("Japan", "JPN", ["Tokyo"]),
  ]
  static let organizations: [(String, [String])] = [
    ("North Atlantic Treaty Organization", ["NATO"]), ("United Nations", ["UN"]), ("Reuters", []),
  ]
  static let types = ["met", "talked_to", "said", "proposed", "leads"]
  static let statuses: [String?] = ["occurred", "planned", nil]

  init(seed: UInt64) { random = SeededRandom(seed: seed) }

  mutating func pick<T>(_ values: [T]) -> T { values[Int.random(in: 0..<values.count, using: &random)] }

  mutating func article(_ id: String) -> Graph {
    var graph = Graph()
    var indices: [Int] = []
    for _ in 0..<Int.random(in: 2...6, using: &random) {
      var node: Node
      switch Int.random(in: 0..<3, using: &random) {
      case 0:
        let forms = pick(Self.people)
        let name = pick(forms)
        let aliases = Array(Set([name] + (Bool.random(using: &random) ? [forms[forms.count - 1]] : []))).sorted()
        node = Node(id: EntityID.make(type: .person, name: name), labels: ["Person"], properties: ["name": .string(name), "aliases": .list(aliases.map(PropertyValue.string))])
      case 1:
        let (name, code, aliases) = pick(Self.countries)
        let alias = aliases.isEmpty || Bool.random(using: &random) ? name : pick(aliases)
        node = Node(id: EntityID.make(type: .country, name: name), labels: ["Country"], properties: ["name": .string(name), "code": .string(code), "aliases": [.string(alias)]])
      default:
        let (name, aliases) = pick(Self.organizations)
        let shown = aliases.isEmpty || Bool.random(using: &random) ? name : pick(aliases)
        node = Node(id: EntityID.make(type: .organization, name: shown), labels: ["Organization"], properties: ["name": .string(shown), "aliases": .list(([shown] + aliases).map(PropertyValue.string))])
      }
      node.properties["articles"] = [.string(id)]
      if let index = try? graph.addNode(node) { indices.append(index) }
    }
    for number in 0..<Int.random(in: 0...6, using: &random) where indices.count >= 2 {
      let source = pick(indices)
      let target = pick(indices)
      var properties: [(String, PropertyValue)] = [
        ("evidence", [.string("Sentence \(number) of \(id).")]), ("articles", [.string(id)]), ("weight", 1),
        ("rule", .string("rule \(number)")),
      ]
      if let status = pick(Self.statuses) { properties.append(("status", .string(status))) }
      let type = pick(Self.types)
      if type == "said" { properties.append(("quote", [.string("Quote \(number) in \(id)")])) }
      _ = try? graph.addEdge(id: "e\(number)", sourceIndex: source, targetIndex: target, type: type, properties: properties)
    }
    return graph
  }
}

func merged(_ graphs: [Graph], maximumEvidence: Int = 2) -> Graph {
  var merger = GraphMerger(maximumEvidence: maximumEvidence, variants: VariantTable.bundled())
  for (index, graph) in graphs.enumerated() { merger.add(graph, source: "input\(index)") }
  return merger.result().graph
}

func bytes(_ graph: Graph) -> [UInt8] { GraphMLWriter().bytes(of: graph) }

/// The first lines where two GraphML texts differ, for failure messages.
func firstDifference(_ a: Graph, _ b: Graph) -> String {
  let left = GraphMLWriter().string(of: a).split(separator: "\n")
  let right = GraphMLWriter().string(of: b).split(separator: "\n")
  for (index, (x, y)) in zip(left, right).enumerated() where x != y {
    return "line \(index + 1): \(x) ≠ \(y)"
  }
  return left.count == right.count ? "same" : "lengths \(left.count) vs \(right.count)"
}

@Suite struct MergeLawTests {
  @Test(arguments: 0..<25)
  func mergeIsCommutative(seed: UInt64) {
    var generator = ArticleGraphGenerator(seed: seed)
    let articles = (0..<5).map { generator.article("a\($0)") }
    #expect(bytes(merged(articles)) == bytes(merged(articles.reversed())))
    #expect(bytes(merged(articles)) == bytes(merged([articles[2], articles[0], articles[4], articles[1], articles[3]])))
  }

  @Test(arguments: 100..<125)
  func mergeIsAssociative(seed: UInt64) {
    var generator = ArticleGraphGenerator(seed: seed)
    let a = (0..<3).map { generator.article("a\($0)") }
    let b = (3..<6).map { generator.article("a\($0)") }
    let c = (6..<9).map { generator.article("a\($0)") }
    let flat = merged(a + b + c)
    let all = bytes(flat)
    #expect(bytes(merged([merged(a + b)] + c)) == all, "\(firstDifference(merged([merged(a + b)] + c), flat))")
    #expect(bytes(merged(a + [merged(b + c)])) == all, "\(firstDifference(merged(a + [merged(b + c)]), flat))")
    #expect(bytes(merged([merged(a), merged(b), merged(c)])) == all)
  }

  @Test(arguments: 200..<225)
  func mergeIsIdempotent(seed: UInt64) {
    var generator = ArticleGraphGenerator(seed: seed)
    let once = merged((0..<6).map { generator.article("a\($0)") })
    #expect(bytes(merged([once, once])) == bytes(once), "\(firstDifference(merged([once, once]), once))")
    #expect(bytes(merged([once])) == bytes(once), "\(firstDifference(merged([once]), once))")
  }

  @Test(arguments: 300..<310)
  func mergedGraphsValidateAndReadBack(seed: UInt64) throws {
    var generator = ArticleGraphGenerator(seed: seed)
    let graph = merged((0..<8).map { generator.article("a\($0)") })
    let text = bytes(graph)
    let read = try GraphMLReader().read(bytes: text)
    #expect(bytes(read) == text)
  }
}
