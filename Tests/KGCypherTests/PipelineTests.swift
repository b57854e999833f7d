import KGGraph
import Testing

@testable import KGCypher

/// The streaming pipeline gives the rows the clause-by-clause executor gives, on
/// random news graphs with repeated names (so grouping by element must merge by value),
/// self-loops and parallel edges.
@Suite struct PipelineTests {
  static let names = ["Ada", "Boris", "Chen", "Dana", "Ada", "Émile", "Fatima", "Boris"]

  static func randomGraph(seed: UInt64, nodes: Int = 24, edges: Int = 90, uniqueNames: Bool = false) throws -> Graph {
    var state = seed &* 0x9E37_79B9_7F4A_7C15 | 1
    func next(_ bound: Int) -> Int {
      state ^= state << 13
      state ^= state >> 7
      state ^= state << 17
      return Int(state % UInt64(bound))
    }
    var graph = Graph()
    let labels = [["Person"], ["Person"], ["Country"], ["Organization"], []]
    for index in 0..<nodes {
      // Unique names make grouping by node exact (no merge by value afterwards).
      let name = uniqueNames ? names[index % names.count] + " \(index)" : names[next(names.count)]
      var properties: [String: PropertyValue] = ["name": .string(name)]
      if next(3) == 0 { properties["rank"] = .integer(next(5)) }
      try graph.addNode(Node(id: "n\(index)", labels: labels[next(labels.count)], properties: properties))
    }
    let types = ["met", "talked_to", "said", "leads", "met"]
    let statuses = ["planned", "done", "denied"]
    for index in 0..<edges {
      var properties: [String: PropertyValue] = ["status": .string(statuses[next(3)])]
      if next(4) != 0 { properties["weight"] = next(5) == 0 ? .float(Double(next(10)) / 2) : .integer(next(9)) }
      let source = next(nodes)
      let target = next(6) == 0 ? source : next(nodes)
      try graph.addEdge(
        Edge(id: "e\(index)", source: "n\(source)", target: "n\(target)", type: types[next(types.count)], properties: properties))
    }
    return graph
  }

  /// Queries whose order is fixed by ORDER BY are compared row by row; the others as
  /// multisets.
  static let queries: [(text: String, ordered: Bool)] = [
    ("MATCH (a {name: 'Ada'})-[:met|talked_to]-(b) RETURN b.name, count(*) AS n ORDER BY n DESC, b.name", true),
    ("MATCH (a)-[:met|talked_to]-(b) RETURN b.name, count(*) AS n ORDER BY n DESC LIMIT 3", true),
    ("MATCH (a)-[:met]-(b) RETURN a.name, b.name, count(*) AS n ORDER BY n LIMIT 4", true),
    ("MATCH (a:Person)-[r]->(b) RETURN type(r), count(*), sum(r.weight), min(b.name), max(r.weight), avg(r.weight)", false),
    ("MATCH (a {name: 'Ada'})-[:met]-(b)-[:talked_to]-(c) RETURN DISTINCT c.name", false),
    ("MATCH (a {name: 'Ada'})-[:met]->(b)<-[:said]-(c) RETURN DISTINCT c.name AS who ORDER BY who", true),
    ("MATCH (a)-[:met]-(b)-[:met]-(c) RETURN DISTINCT c.name", false),
    ("MATCH (a)-[:met]-(b) WHERE a.name < b.name RETURN a.name, b.name, count(*) AS n ORDER BY n DESC, a.name, b.name LIMIT 3", true),
    ("MATCH (c:Country)<-[:leads]-(p:Person)-[s:said]->(t) WHERE s.status = 'planned' RETURN p.name, t.name, s.weight", false),
    ("MATCH (a)-->(b)-->(c) RETURN a, b, c", false),
    ("MATCH (a)-[r1]-(b)-[r2]-(c) RETURN count(*)", false),
    ("MATCH (a)-[r]-(b) RETURN a.name, r.weight ORDER BY r.weight DESC, a.name SKIP 2 LIMIT 4", true),
    ("MATCH (a:Person)-[:met]->(b) RETURN collect(b.name) AS c, count(DISTINCT b.name) AS d, a.name ORDER BY a.name", true),
    ("MATCH (n) WHERE n.rank > 1 OR n:Country RETURN n.name, n.rank", false),
    ("MATCH (n:Person {name: 'Boris'}) RETURN n", false),
    ("MATCH (a)-[r {status: 'done'}]->(b:Person) WHERE r.weight >= 2 AND NOT b.name STARTS WITH 'A' RETURN a.name, r.weight", false),
    ("MATCH (a)-[:leads]->(b) RETURN count(*) AS n, count(b.rank) AS ranked, min(b.rank), max(b.name)", false),
    ("MATCH (a)-[:nothing]->(b) RETURN count(*), collect(a.name), sum(a.rank), avg(a.rank), min(a.rank)", false),
    ("MATCH (a)-[:met]->(b) RETURN DISTINCT labels(b), a.name = b.name AS same", false),
    ("MATCH (a)-[r]->(b) WHERE type(r) IN ['met', 'said'] RETURN b.name AS name, count(*) AS n ORDER BY n DESC, name LIMIT 2", true),
    // MATCH … WITH … then more clauses: the pipeline makes the WITH rows.
    ("MATCH (a)-[:met]-(b) WITH a, count(*) AS n WHERE n > 1 RETURN a.name, n ORDER BY n DESC, a.name", true),
    ("MATCH (a:Person)-[r]->(b) WITH b, count(r) AS c RETURN b.name AS name, c ORDER BY c DESC, name LIMIT 3", true),
    ("MATCH (a)-[:met]->(b) WITH DISTINCT b MATCH (b)-[:talked_to]-(c) RETURN count(DISTINCT c.name) AS n", false),
    ("MATCH (n:Person) WITH n.name AS name ORDER BY name LIMIT 3 RETURN name", true),
    ("MATCH (a)-[r:met]->(b) WITH a.name AS who, collect(b.name) AS whom UNWIND whom AS w RETURN who, w", false),
  ]

  @Test(arguments: 0..<12)
  func pipelineRowsEqualTheGeneralExecutorRows(seed: Int) throws {
    let graph = try Self.randomGraph(seed: UInt64(seed + 1), uniqueNames: seed % 2 == 0)
    for query in Self.queries {
      let streamed = try QueryEngine.run(query.text, on: graph, usingPipeline: true)
      let general = try QueryEngine.run(query.text, on: graph, usingPipeline: false)
      #expect(streamed.columns == general.columns, "\(query.text)")
      if query.ordered {
        #expect(streamed.rows == general.rows, "\(query.text)")
      } else {
        // Sorted by text, which tells 2 from 2.0 (the order key does not).
        let key = { (rows: [[Value]]) in rows.map { "\($0)" }.sorted() }
        #expect(key(streamed.rows) == key(general.rows), "\(query.text)")
      }
    }
  }

  @Test func theQueriesAboveRunOnThePipeline() throws {
    let graph = try Self.randomGraph(seed: 1)
    let working = WorkingGraph(graph)
    for query in Self.queries {
      let statement = try CypherParser.parse(query.text)
      let evaluator = Evaluator(graph: working, parameters: [:])
      let streamed = try Pipeline.make(statement, working: working, evaluator: evaluator) != nil
        || Pipeline.makeHead(statement, working: working, evaluator: evaluator) != nil
      #expect(streamed, "\(query.text)")
    }
  }
}
