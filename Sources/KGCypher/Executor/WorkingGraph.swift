import KGGraph

/// The graph a query reads and writes, with adjacency lists for pattern matching.
/// A reference type so that CREATE in one clause is seen by the next.
final class WorkingGraph: @unchecked Sendable {
  private(set) var graph: Graph
  private(set) var changed = false
  private var nextNode: Int
  private var nextEdge: Int
  private var adjacency: (outgoing: [[Int]], incoming: [[Int]])?

  init(_ graph: Graph) {
    self.graph = graph
    nextNode = graph.nodeCount
    nextEdge = graph.edgeCount
  }

  /// Relationships leaving each node, built on first use (statements that match no
  /// relationship never pay for it).
  var outgoing: [[Int]] { buildAdjacency().outgoing }

  /// Relationships arriving at each node, built on first use.
  var incoming: [[Int]] { buildAdjacency().incoming }

  private func buildAdjacency() -> (outgoing: [[Int]], incoming: [[Int]]) {
    if let adjacency { return adjacency }
    var outgoing = Array(repeating: [Int](), count: graph.nodeCount)
    var incoming = Array(repeating: [Int](), count: graph.nodeCount)
    for edge in 0..<graph.edgeCount {
      outgoing[graph.edgeSourceIndex(at: edge)].append(edge)
      incoming[graph.edgeTargetIndex(at: edge)].append(edge)
    }
    adjacency = (outgoing, incoming)
    return (outgoing, incoming)
  }

  func createNode(labels: [String], properties: [String: PropertyValue]) -> Int {
    var id = "n\(nextNode)"
    while graph.nodeIndex(of: id) != nil {
      nextNode += 1
      id = "n\(nextNode)"
    }
    nextNode += 1
    let index = (try? graph.addNode(Node(id: id, labels: labels, properties: properties))) ?? 0
    if adjacency != nil {
      adjacency?.outgoing.append([])
      adjacency?.incoming.append([])
    }
    changed = true
    return index
  }

  func createRelationship(type: String, from source: Int, to target: Int, properties: [String: PropertyValue]) -> Int {
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
    if adjacency != nil {
      adjacency?.outgoing[source].append(index)
      adjacency?.incoming[target].append(index)
    }
    changed = true
    return index
  }
}
