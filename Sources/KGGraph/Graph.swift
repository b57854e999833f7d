import KGCore

/// A property graph: nodes with ids, labels and properties; edges with ids, ends,
/// a type and properties. Parallel edges and self-loops are allowed.
///
/// Nodes and edges keep the order they were added in, and a graph always writes
/// to the same bytes. Storage is by column, so a graph can be far larger than one
/// dictionary per element would allow; ``Node`` and ``Edge`` values are built on
/// access.
///
/// ```swift
/// var graph = Graph()
/// try graph.addNode(Node(id: "person:ada-lovelace", labels: ["Person"], properties: ["name": "Ada Lovelace"]))
/// try graph.addNode(Node(id: "country:france", labels: ["Country"], properties: ["name": "France"]))
/// try graph.addEdge(Edge(id: "e1", source: "person:ada-lovelace", target: "country:france", type: "visited"))
/// ```
public struct Graph: Sendable {
  /// Whether edges are directed (GraphML `edgedefault`). Graphs we make always are.
  public var isDirected: Bool = true
  /// Graph-level properties (GraphML `<data>` on `<graph>`).
  public var properties: [String: PropertyValue] = [:]

  private var nodeIDs: [String] = []
  private var nodeLabelLists: [[String]] = []
  private var nodeIndexByID: [String: Int] = [:]
  private var nodeColumns = PropertyColumns()

  private var edgeIDs: [String] = []
  private var edgeSources: [Int32] = []
  private var edgeTargets: [Int32] = []
  private var edgeTypes: [String] = []
  private var edgeIndexByID: [String: Int] = [:]
  private var edgeColumns = PropertyColumns()

  /// Creates an empty directed graph.
  public init() {}

  /// The number of nodes.
  public var nodeCount: Int { nodeIDs.count }
  /// The number of edges.
  public var edgeCount: Int { edgeIDs.count }

  // MARK: Nodes

  /// The position of the node with `id`, or `nil`.
  ///
  /// - Complexity: O(1) on average.
  public func nodeIndex(of id: String) -> Int? { nodeIndexByID[id] }

  /// The id of the node at `index`.
  public func nodeID(at index: Int) -> String { nodeIDs[index] }

  /// The labels of the node at `index`.
  public func nodeLabels(at index: Int) -> [String] { nodeLabelLists[index] }

  /// One property of the node at `index`.
  public func nodeProperty(_ name: String, at index: Int) -> PropertyValue? {
    nodeColumns.value(named: name, at: index)
  }

  /// All properties of the node at `index`.
  public func nodeProperties(at index: Int) -> [String: PropertyValue] {
    nodeColumns.properties(at: index)
  }

  /// The node at `index`, as a value.
  public func node(at index: Int) -> Node {
    Node(id: nodeIDs[index], labels: nodeLabelLists[index], properties: nodeColumns.properties(at: index))
  }

  /// The node with `id`, or `nil`.
  public func node(id: String) -> Node? { nodeIndexByID[id].map(node(at:)) }

  /// One property of every node, for fast access in loops.
  public func nodePropertyColumn(_ name: String) -> PropertyColumn? { nodeColumns.column(named: name) }

  /// Property names that some node has a value for, sorted.
  public var nodePropertyNames: [String] { nodeColumns.namesInUse }

  /// Adds a node at the end and returns its index.
  ///
  /// - Throws: ``GraphError/duplicateNodeID(_:)`` when the id is taken, and
  ///   ``GraphError/invalidProperty(name:reason:)`` for a mixed or nested list.
  @discardableResult
  public mutating func addNode(_ node: Node) throws(GraphError) -> Int {
    try Self.check(node.properties)
    guard nodeIndexByID[node.id] == nil else { throw .duplicateNodeID(node.id) }
    let index = nodeIDs.count
    nodeIDs.append(node.id)
    nodeLabelLists.append(node.labels)
    nodeIndexByID[node.id] = index
    for (name, value) in node.properties {
      nodeColumns.set(slot: nodeColumns.slot(for: name), at: index, to: value)
    }
    return index
  }

  /// Sets (or with `nil` removes) a property of the node at `index`.
  public mutating func setNodeProperty(_ name: String, to value: PropertyValue?, at index: Int) throws(GraphError) {
    if let value { try Self.check([name: value]) }
    nodeColumns.set(slot: nodeColumns.slot(for: name), at: index, to: value)
  }

  /// Replaces the labels of the node at `index`.
  public mutating func setNodeLabels(_ labels: [String], at index: Int) {
    nodeLabelLists[index] = labels
  }

  // MARK: Edges

  /// The position of the edge with `id`, or `nil`.
  public func edgeIndex(of id: String) -> Int? { edgeIndexByID[id] }

  /// The id of the edge at `index`.
  public func edgeID(at index: Int) -> String { edgeIDs[index] }

  /// The index of the source node of the edge at `index`.
  public func edgeSourceIndex(at index: Int) -> Int { Int(edgeSources[index]) }

  /// The index of the target node of the edge at `index`.
  public func edgeTargetIndex(at index: Int) -> Int { Int(edgeTargets[index]) }

  /// The type of the edge at `index`.
  public func edgeType(at index: Int) -> String { edgeTypes[index] }

  /// One property of the edge at `index`.
  public func edgeProperty(_ name: String, at index: Int) -> PropertyValue? {
    edgeColumns.value(named: name, at: index)
  }

  /// All properties of the edge at `index`.
  public func edgeProperties(at index: Int) -> [String: PropertyValue] {
    edgeColumns.properties(at: index)
  }

  /// The edge at `index`, as a value.
  public func edge(at index: Int) -> Edge {
    Edge(
      id: edgeIDs[index], source: nodeIDs[Int(edgeSources[index])],
      target: nodeIDs[Int(edgeTargets[index])], type: edgeTypes[index],
      properties: edgeColumns.properties(at: index))
  }

  /// The edge with `id`, or `nil`.
  public func edge(id: String) -> Edge? { edgeIndexByID[id].map(edge(at:)) }

  /// One property of every edge, for fast access in loops.
  public func edgePropertyColumn(_ name: String) -> PropertyColumn? { edgeColumns.column(named: name) }

  /// Property names that some edge has a value for, sorted.
  public var edgePropertyNames: [String] { edgeColumns.namesInUse }

  /// Adds an edge between two existing nodes and returns its index.
  ///
  /// - Throws: ``GraphError/duplicateEdgeID(_:)``, ``GraphError/unknownEndpoint(edge:node:)``
  ///   or ``GraphError/invalidProperty(name:reason:)``.
  @discardableResult
  public mutating func addEdge(_ edge: Edge) throws(GraphError) -> Int {
    guard let source = nodeIndexByID[edge.source] else { throw .unknownEndpoint(edge: edge.id, node: edge.source) }
    guard let target = nodeIndexByID[edge.target] else { throw .unknownEndpoint(edge: edge.id, node: edge.target) }
    return try addEdge(
      id: edge.id, sourceIndex: source, targetIndex: target, type: edge.type,
      properties: edge.properties.map { ($0.key, $0.value) })
  }

  /// Adds an edge between the nodes at two indices; the fast path for readers.
  @discardableResult
  public mutating func addEdge(
    id: String, sourceIndex: Int, targetIndex: Int, type: String,
    properties: [(String, PropertyValue)]
  ) throws(GraphError) -> Int {
    for (name, value) in properties {
      if let problem = value.storageProblem { throw .invalidProperty(name: name, reason: problem) }
    }
    guard edgeIndexByID[id] == nil else { throw .duplicateEdgeID(id) }
    let index = edgeIDs.count
    edgeIDs.append(id)
    edgeSources.append(Int32(truncatingIfNeeded: sourceIndex))
    edgeTargets.append(Int32(truncatingIfNeeded: targetIndex))
    edgeTypes.append(type)
    edgeIndexByID[id] = index
    for (name, value) in properties {
      edgeColumns.set(slot: edgeColumns.slot(for: name), at: index, to: value)
    }
    return index
  }

  /// Sets (or with `nil` removes) a property of the edge at `index`.
  public mutating func setEdgeProperty(_ name: String, to value: PropertyValue?, at index: Int) throws(GraphError) {
    if let value { try Self.check([name: value]) }
    edgeColumns.set(slot: edgeColumns.slot(for: name), at: index, to: value)
  }

  /// Gives the edge at `index` a new id, which must not be taken.
  public mutating func setEdgeID(_ id: String, at index: Int) {
    precondition(edgeIndexByID[id] == nil, "edge id '\(id)' is taken")
    edgeIndexByID[edgeIDs[index]] = nil
    edgeIDs[index] = id
    edgeIndexByID[id] = index
  }

  /// Removes the edge at `index`; the last edge takes its place.
  public mutating func removeEdge(at index: Int) {
    let last = edgeIDs.count - 1
    edgeIndexByID[edgeIDs[index]] = nil
    edgeColumns.swapRemove(at: index, lastIndex: last)
    if index != last {
      edgeIDs[index] = edgeIDs[last]
      edgeSources[index] = edgeSources[last]
      edgeTargets[index] = edgeTargets[last]
      edgeTypes[index] = edgeTypes[last]
      edgeIndexByID[edgeIDs[index]] = index
    }
    edgeIDs.removeLast()
    edgeSources.removeLast()
    edgeTargets.removeLast()
    edgeTypes.removeLast()
  }

  private static func check(_ properties: [String: PropertyValue]) throws(GraphError) {
    for (name, value) in properties {
      if let problem = value.storageProblem { throw .invalidProperty(name: name, reason: problem) }
    }
  }
}

extension Graph {
  /// The nodes in order, as values.
  public var nodes: LazyMapSequence<Range<Int>, Node> { (0..<nodeCount).lazy.map(node(at:)) }

  /// The edges in order, as values.
  public var edges: LazyMapSequence<Range<Int>, Edge> { (0..<edgeCount).lazy.map(edge(at:)) }
}

extension Graph: Equatable {
  /// Two graphs are equal when they have the same direction, graph properties, and
  /// the same nodes and edges in the same order.
  public static func == (lhs: Graph, rhs: Graph) -> Bool {
    guard lhs.isDirected == rhs.isDirected, lhs.properties == rhs.properties,
      lhs.nodeCount == rhs.nodeCount, lhs.edgeCount == rhs.edgeCount
    else { return false }
    for index in 0..<lhs.nodeCount where lhs.node(at: index) != rhs.node(at: index) { return false }
    for index in 0..<lhs.edgeCount where lhs.edge(at: index) != rhs.edge(at: index) { return false }
    return true
  }
}
