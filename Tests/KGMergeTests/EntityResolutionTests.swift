import KGExtraction
import KGGraph
import Testing

@testable import KGMerge

@Suite struct EntityResolutionTests {
  static let extractor: Extractor? = (try? Lexicon.bundled()).map(Extractor.init)

  func extracted(_ articles: [(String, String)]) throws -> [Graph] {
    let extractor = try #require(Self.extractor)
    return articles.map { extractor.extract(id: $0.0, text: $0.1) }
  }

  @Test func articlesThatSpellNamesDifferentlyJoinAndAmbiguousSurnamesStayApart() throws {
    let graphs = try extracted([
      ("a1", "Leaders talk\nUkrainian President Volodymyr Zelenskyy met NATO Secretary-General Mark Rutte in Kyiv."),
      ("a2", "Talks in Brussels\nVolodymyr Zelensky spoke by phone with U.S. President George W. Bush on Monday."),
      ("a3", "Old pictures\nFormer U.S. President George H. W. Bush visited the North Atlantic Treaty Organization."),
      ("a4", "Short note\nBush said the United States would help Ukraine."),
    ])
    var merger = GraphMerger(variants: VariantTable.bundled())
    for (index, graph) in graphs.enumerated() { merger.add(graph, source: "a\(index + 1)") }
    let (graph, report) = merger.result()
    let people = graph.nodes.filter { $0.labels == ["Person"] }.compactMap { $0.properties["name"]?.stringValue }
    #expect(people.filter { $0.contains("Zelensk") } == ["Volodymyr Zelenskyy"], "\(people)")
    #expect(people.contains("George W. Bush") && people.contains("George H. W. Bush") && people.contains("Bush"), "\(people)")
    let countries = graph.nodes.filter { $0.labels == ["Country"] }.compactMap { $0.properties["name"]?.stringValue }
    #expect(countries.filter { $0 == "United States" }.count == 1)
    #expect(graph.nodes.filter { $0.properties["name"]?.stringValue == "North Atlantic Treaty Organization" }.count == 1)
    #expect(report.refusals.contains { $0.contains("'Bush'") && $0.contains("2 people") }, "\(report.refusals)")
    #expect(report.joins.contains { $0.contains("Zelensky") }, "\(report.joins)")
  }

  @Test func aSurnameWithOneCandidateJoinsIt() {
    var first = Graph()
    _ = try? first.addNode(Node(id: "person:maria-lindqvist", labels: ["Person"], properties: ["name": "Maria Lindqvist", "articles": ["a1"]]))
    var second = Graph()
    _ = try? second.addNode(Node(id: "person:lindqvist", labels: ["Person"], properties: ["name": "Lindqvist", "articles": ["a2"]]))
    _ = try? second.addNode(Node(id: "country:chile", labels: ["Country"], properties: ["name": "Chile", "code": "CHL", "articles": ["a2"]]))
    _ = try? second.addEdge(Edge(id: "e1", source: "person:lindqvist", target: "country:chile", type: "visited", properties: ["articles": ["a2"]]))
    var merger = GraphMerger()
    merger.add(first, source: "a1")
    merger.add(second, source: "a2")
    let graph = merger.result().graph
    #expect(graph.nodeCount == 2)
    let edge = graph.edge(at: 0)
    #expect(edge.source == "person:maria-lindqvist")
    // The surname-only form and its articles are kept apart, so a later merge can decide again.
    #expect(graph.node(id: "person:maria-lindqvist")?.properties["articles"] == ["a1"])
    #expect(graph.node(id: "person:maria-lindqvist")?.properties["short_forms"] == ["Lindqvist\ta2"])
    #expect(edge.properties["via"] == ["s\tLindqvist\ta2"])
  }

  @Test func edgesAggregateArticlesWeightAndEvidence() {
    var graphs: [Graph] = []
    for article in ["a3", "a1", "a2"] {
      var graph = Graph()
      _ = try? graph.addNode(Node(id: "country:chile", labels: ["Country"], properties: ["name": "Chile", "code": "CHL"]))
      _ = try? graph.addNode(Node(id: "country:peru", labels: ["Country"], properties: ["name": "Peru", "code": "PER"]))
      _ = try? graph.addEdge(
        Edge(
          id: "e", source: article == "a2" ? "country:peru" : "country:chile", target: article == "a2" ? "country:chile" : "country:peru",
          type: "met", properties: ["articles": [.string(article)], "evidence": [.string("Evidence of \(article).")], "status": "occurred"]))
      graphs.append(graph)
    }
    var merger = GraphMerger(maximumEvidence: 2)
    for graph in graphs { merger.add(graph, source: "x") }
    let graph = merger.result().graph
    #expect(graph.edgeCount == 1)
    let edge = graph.edge(at: 0)
    #expect(edge.properties["weight"] == 3)
    #expect(edge.properties["articles"] == ["a1", "a2", "a3"])
    #expect(edge.properties["evidence"] == ["Evidence of a1.", "Evidence of a2."])
  }

  @Test func graphsFromOtherToolsMergeByTheirIds() {
    var one = Graph()
    _ = try? one.addNode(Node(id: "n1", properties: ["label": "Ada"]))
    _ = try? one.addNode(Node(id: "n2"))
    _ = try? one.addEdge(Edge(id: "x", source: "n1", target: "n2", type: "RELATED"))
    var merger = GraphMerger()
    merger.add(one, source: "first")
    merger.add(one, source: "second")
    let graph = merger.result().graph
    #expect(graph.nodeCount == 2)
    #expect(graph.edgeCount == 1)
    #expect(graph.edge(at: 0).properties["weight"] == 2)
  }
}
