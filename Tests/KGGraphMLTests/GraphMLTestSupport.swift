import KGGraph
import KGTestSupport
import Testing

@testable import KGGraphML

/// Writing, validating and reading graphs in tests.
enum GraphMLTesting {
  /// Compiled once: NewsGraph's schema and the official GraphML 1.1 schema.
  static let ownSchema: SchemaValidator? = try? SchemaValidator.newsGraph()
  static let officialSchema: SchemaValidator? = try? SchemaValidator(
    schemaFile: ProjectPaths.officialGraphMLSchema)

  /// Writes `graph` to a temporary file, checks it against both schemas, and returns the path.
  static func writeValidated(_ graph: Graph, name: String = "graph") throws -> String {
    let folder = ProjectPaths.temporaryFolder(name)
    let path = folder + "/\(name).graphml"
    try GraphMLWriter().write(graph, toFile: path)
    let own = try #require(ownSchema)
    let official = try #require(officialSchema)
    let ownProblems = own.validate(file: path)
    #expect(ownProblems.isEmpty, "newsgraph schema: \(ownProblems.map(\.description))")
    let officialProblems = official.validate(file: path)
    #expect(officialProblems.isEmpty, "official schema: \(officialProblems.map(\.description))")
    return path
  }

  /// `graph` with every string stripped of the characters XML cannot hold, which is
  /// what reading back a written file gives.
  static func sanitized(_ graph: Graph) -> Graph {
    func clean(_ value: PropertyValue) -> PropertyValue {
      switch value {
      case .string(let text): .string(XMLEscaping.sanitized(text))
      case .list(let elements): .list(elements.map(clean))
      default: value
      }
    }
    func cleanAll(_ properties: [String: PropertyValue]) -> [String: PropertyValue] {
      properties.mapValues(clean)
    }
    var result = Graph()
    result.isDirected = graph.isDirected
    result.properties = cleanAll(graph.properties)
    for node in graph.nodes {
      _ = try? result.addNode(Node(id: XMLEscaping.sanitized(node.id), labels: node.labels, properties: cleanAll(node.properties)))
    }
    for edge in graph.edges {
      _ = try? result.addEdge(
        Edge(
          id: edge.id, source: XMLEscaping.sanitized(edge.source), target: XMLEscaping.sanitized(edge.target),
          type: edge.type, properties: cleanAll(edge.properties)))
    }
    return result
  }

  /// Describes the first difference between two graphs, for failure messages.
  static func difference(_ lhs: Graph, _ rhs: Graph) -> String {
    if lhs.nodeCount != rhs.nodeCount { return "node count \(lhs.nodeCount) vs \(rhs.nodeCount)" }
    if lhs.edgeCount != rhs.edgeCount { return "edge count \(lhs.edgeCount) vs \(rhs.edgeCount)" }
    if lhs.properties != rhs.properties { return "graph properties \(lhs.properties) vs \(rhs.properties)" }
    for index in 0..<lhs.nodeCount where lhs.node(at: index) != rhs.node(at: index) {
      return "node \(index): \(lhs.node(at: index)) vs \(rhs.node(at: index))"
    }
    for index in 0..<lhs.edgeCount where lhs.edge(at: index) != rhs.edge(at: index) {
      return "edge \(index): \(lhs.edge(at: index)) vs \(rhs.edge(at: index))"
    }
    return "no difference"
  }
}
