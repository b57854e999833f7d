import KGGraph
import KGStore

/// The graph a statement reads and writes. A reference type so that CREATE in one
/// clause is seen by the next.
///
/// Reads go to a ``GraphStore`` (flat columns, adjacency by type, indexes): the one
/// the statement was given, or one built from the graph on first use and dropped by
/// the next write. Between a write and the next pattern match, reads go to the graph
/// itself, so a CREATE per row never rebuilds the store per row.
final class WorkingGraph: @unchecked Sendable {
  /// The writable graph; `nil` for a statement on a store alone (read-only).
  private(set) var graph: Graph?
  private(set) var changed = false
  private var cachedStore: GraphStore?
  private var nextNode: Int
  private var nextEdge: Int

  init(_ graph: Graph) {
    self.graph = graph
    nextNode = graph.nodeCount
    nextEdge = graph.edgeCount
  }

  init(store: GraphStore) {
    graph = nil
    cachedStore = store
    nextNode = store.nodeCount
    nextEdge = store.edgeCount
  }

  /// The store for pattern matching, rebuilt from the graph after writes.
  var store: GraphStore {
    if let cachedStore { return cachedStore }
    let built = GraphStore(graph: graph ?? Graph())
    cachedStore = built
    return built
  }

  /// The store when it is up to date (reads prefer it), else `nil`.
  @inline(__always) private var freshStore: GraphStore? { cachedStore }

  // MARK: Reads

  var nodeCount: Int { freshStore?.nodeCount ?? graph?.nodeCount ?? 0 }

  func nodeID(at index: Int) -> String { freshStore?.nodeID(at: index) ?? graph?.nodeID(at: index) ?? "" }

  func labels(of node: Int) -> [String] { freshStore?.labels(at: node) ?? graph?.nodeLabels(at: node) ?? [] }

  func nodeProperty(_ name: String, at index: Int) -> PropertyValue? {
    if let store = freshStore { return store.nodeProperty(name, at: index) }
    return graph?.nodeProperty(name, at: index)
  }

  func nodeProperties(at index: Int) -> [String: PropertyValue] {
    freshStore?.nodeProperties(at: index) ?? graph?.nodeProperties(at: index) ?? [:]
  }

  func edgeType(at index: Int) -> String { freshStore?.type(of: index) ?? graph?.edgeType(at: index) ?? "" }

  func source(of edge: Int) -> Int { freshStore?.source(of: edge) ?? graph?.edgeSourceIndex(at: edge) ?? 0 }

  func target(of edge: Int) -> Int { freshStore?.target(of: edge) ?? graph?.edgeTargetIndex(at: edge) ?? 0 }

  func edgeProperty(_ name: String, at index: Int) -> PropertyValue? {
    if let store = freshStore { return store.edgeProperty(name, at: index) }
    return graph?.edgeProperty(name, at: index)
  }

  func edgeProperties(at index: Int) -> [String: PropertyValue] {
    freshStore?.edgeProperties(at: index) ?? graph?.edgeProperties(at: index) ?? [:]
  }

  // MARK: Writes

  /// The graph to write to, or a typed error for a read-only statement.
  private func writable() throws(CypherError) -> Graph {
    guard let graph else {
      throw CypherError(.semanticError, "ReadOnlyGraph", "this graph is open for reading only")
    }
    return graph
  }

  func createNode(labels: [String], properties: [String: PropertyValue]) throws(CypherError) -> Int {
    var graph = try writable()
    self.graph = nil  // keep the graph uniquely referenced while it grows
    var id = "n\(nextNode)"
    while graph.nodeIndex(of: id) != nil {
      nextNode += 1
      id = "n\(nextNode)"
    }
    nextNode += 1
    let index = (try? graph.addNode(Node(id: id, labels: labels, properties: properties))) ?? 0
    self.graph = graph
    cachedStore = nil
    changed = true
    return index
  }

  func createRelationship(type: String, from source: Int, to target: Int, properties: [String: PropertyValue]) throws(CypherError) -> Int {
    var graph = try writable()
    self.graph = nil
    var id = "r\(nextEdge)"
    while graph.edgeIndex(of: id) != nil {
      nextEdge += 1
      id = "r\(nextEdge)"
    }
    nextEdge += 1
    let index =
      (try? graph.addEdge(
        id: id, sourceIndex: source, targetIndex: target, type: type,
        properties: properties.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })) ?? 0
    self.graph = graph
    cachedStore = nil
    changed = true
    return index
  }
}
