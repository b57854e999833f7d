import KGGraph
import Testing

@testable import KGCypher

/// End-to-end queries on a tiny news graph.
@Suite struct QueryEngineTests {
  static func newsGraph() throws -> Graph {
    var graph = Graph()
    try graph.addNode(Node(id: "p1", labels: ["Person"], properties: ["name": "Maria Lindqvist", "aliases": ["Lindqvist"]]))
    try graph.addNode(Node(id: "p2", labels: ["Person"], properties: ["name": "Tomás Herrera"]))
    try graph.addNode(Node(id: "p3", labels: ["Person"], properties: ["name": "Aiko Tanaka"]))
    try graph.addNode(Node(id: "c1", labels: ["Country"], properties: ["name": "Sweden", "code": "SWE"]))
    try graph.addEdge(Edge(id: "e1", source: "p1", target: "p2", type: "met", properties: ["weight": 2]))
    try graph.addEdge(Edge(id: "e2", source: "p1", target: "p3", type: "talked_to", properties: ["weight": 1]))
    try graph.addEdge(Edge(id: "e3", source: "p1", target: "c1", type: "leads"))
    return graph
  }

  func rows(_ query: String, _ graph: Graph? = nil) throws -> [[Value]] {
    try QueryEngine.run(query, on: graph ?? Self.newsGraph()).rows
  }

  @Test func whoTalkedToWhom() throws {
    let result = try rows("MATCH (a:Person)-[r:met|talked_to]-(b) RETURN a.name, type(r), b.name ORDER BY a.name, b.name")
    #expect(result.count == 4)
    #expect(result.first == [.string("Aiko Tanaka"), .string("talked_to"), .string("Maria Lindqvist")])
  }

  @Test func aggregationAndOrdering() throws {
    let result = try rows("MATCH (a:Person)-[r]->(b) RETURN a.name AS who, count(r) AS n, sum(r.weight) AS w ORDER BY n DESC")
    #expect(result == [[.string("Maria Lindqvist"), .integer(3), .integer(3)]])
  }

  @Test func nullSemanticsAndOptionalMatch() throws {
    let result = try rows("MATCH (p:Person) OPTIONAL MATCH (p)-[:leads]->(c) RETURN p.name, c.code ORDER BY p.name")
    #expect(result.map { $0[1] } == [.null, .string("SWE"), .null])
    #expect(try rows("RETURN null = null AS a, 1 < 2 AS b, null OR true AS c") == [[.null, .boolean(true), .boolean(true)]])
  }

  @Test func createWritesToTheGraph() throws {
    let result = try QueryEngine.run("CREATE (:Person {name: 'Ada'})-[:met {weight: 1}]->(:Person {name: 'Charles'})", on: Graph())
    #expect(result.changedGraph)
    #expect(result.graph?.nodeCount == 2 && result.graph?.edgeCount == 1)
    #expect(try rows("MATCH (a)-[:met]->(b) RETURN a.name + ' met ' + b.name", result.graph ?? Graph()) == [[.string("Ada met Charles")]])
  }

  @Test func variableLengthPathsAndUnwind() throws {
    #expect(try rows("MATCH p = (a {name: 'Aiko Tanaka'})-[*1..2]-(x) RETURN length(p) ORDER BY length(p)").count == 3)
    #expect(try rows("UNWIND [3, 1, 2] AS x WITH x WHERE x > 1 RETURN collect(x) AS xs") == [[.list([.integer(3), .integer(2)])]])
  }

  @Test(arguments: [
    ("RETURN x", CypherError.Kind.syntaxError),
    ("MATCH (a) RETURN a,", .syntaxError),
    ("RETURN 1 + 'a' - 2", .typeError),
    ("MATCH (a) WHERE count(a) > 1 RETURN a", .syntaxError),
  ])
  func errorsAreTyped(query: String, kind: CypherError.Kind) throws {
    #expect {
      try QueryEngine.run(query, on: Self.newsGraph())
    } throws: { error in
      (error as? CypherError)?.kind == kind
    }
  }
}
