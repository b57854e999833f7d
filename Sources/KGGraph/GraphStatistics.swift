/// Counts that describe a graph: nodes by label, edges by type, the best-connected nodes.
public struct GraphStatistics: Sendable, Equatable {
  /// A node and its degree (edges in plus edges out; a self-loop counts twice).
  public struct RankedNode: Sendable, Equatable {
    public var id: String
    public var name: String
    public var labels: [String]
    public var degree: Int
  }

  public var nodeCount: Int
  public var edgeCount: Int
  /// Node counts by label, most frequent first (ties by name). Nodes without a label count under `""`.
  public var nodesByLabel: [(label: String, count: Int)]
  /// Edge counts by type, most frequent first (ties by name).
  public var edgesByType: [(type: String, count: Int)]
  /// The nodes of highest degree, highest first (ties by id).
  public var topNodes: [RankedNode]

  /// Computes the statistics of `graph`, keeping the `top` nodes of highest degree.
  ///
  /// - Complexity: O(edges + nodes × log(nodes)); node ids are made as strings only for
  ///   the nodes that compete for the top places.
  public init(graph: Graph, top: Int = 10) {
    nodeCount = graph.nodeCount
    edgeCount = graph.edgeCount
    var labelCounts: [String: Int] = [:]
    for index in 0..<graph.nodeCount {
      let labels = graph.nodeLabels(at: index)
      if labels.isEmpty { labelCounts["", default: 0] += 1 }
      for label in labels { labelCounts[label, default: 0] += 1 }
    }
    var typeCounts: [String: Int] = [:]
    var degrees = [Int](repeating: 0, count: graph.nodeCount)
    for index in 0..<graph.edgeCount {
      typeCounts[graph.edgeType(at: index), default: 0] += 1
      degrees[graph.edgeSourceIndex(at: index)] += 1
      degrees[graph.edgeTargetIndex(at: index)] += 1
    }
    nodesByLabel = labelCounts.map { ($0.key, $0.value) }.sorted { ($1.1, $0.0) < ($0.1, $1.0) }
    edgesByType = typeCounts.map { ($0.key, $0.value) }.sorted { ($1.1, $0.0) < ($0.1, $1.0) }
    // Highest degree first, ties by id. Only nodes at least as connected as the
    // `top`-th are ranked, so ids are made as strings for those alone.
    let wanted = min(max(0, top), graph.nodeCount)
    var ranked: [Int] = []
    if wanted > 0 {
      let threshold = degrees.sorted(by: >)[wanted - 1]
      let candidates = degrees.indices.filter { degrees[$0] >= threshold }.map { ($0, graph.nodeID(at: $0)) }
      ranked = candidates.sorted { lhs, rhs in
        let (left, right) = (degrees[lhs.0], degrees[rhs.0])
        return left != right ? left > right : lhs.1 < rhs.1
      }.prefix(wanted).map(\.0)
    }
    topNodes = ranked.map { index in
      RankedNode(
        id: graph.nodeID(at: index),
        name: graph.nodeProperty("name", at: index)?.stringValue
          ?? graph.nodeProperty("label", at: index)?.stringValue ?? graph.nodeID(at: index),
        labels: graph.nodeLabels(at: index), degree: degrees[index])
    }
  }

  public static func == (lhs: GraphStatistics, rhs: GraphStatistics) -> Bool {
    lhs.nodeCount == rhs.nodeCount && lhs.edgeCount == rhs.edgeCount
      && lhs.nodesByLabel.elementsEqual(rhs.nodesByLabel, by: ==)
      && lhs.edgesByType.elementsEqual(rhs.edgesByType, by: ==) && lhs.topNodes == rhs.topNodes
  }
}
