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

  // Node and edge ids live in byte arenas with a compact hash index (IDTable); edge
  // types and node label lists are stored once each and referred to by number.
  private var nodeIDs = IDTable()
  private var nodeLabelCodes: [UInt32] = []
  private var labelSets = LabelSets()
  private var nodeColumns = PropertyColumns()

  private var edgeIDs = IDTable()
  private var edgeSources: [Int32] = []
  private var edgeTargets: [Int32] = []
  private var edgeTypeCodes: [UInt32] = []
  private var edgeTypeTable = IDTable()
  private var edgeTypeNames: [String] = []
  private var edgeColumns = PropertyColumns()

  /// Creates an empty directed graph.
  public init() {}

  /// The number of nodes.
  public var nodeCount: Int { nodeIDs.count }
  /// The number of edges.
  public var edgeCount: Int { edgeIDs.count }

  /// Makes room for `nodes` nodes and `edges` edges in all, so that building a large
  /// graph does not grow its tables step by step.
  public mutating func reserveCapacity(nodes: Int, edges: Int) {
    nodeIDs.reserveCapacity(nodes)
    nodeLabelCodes.reserveCapacity(nodes)
    edgeIDs.reserveCapacity(edges)
    edgeSources.reserveCapacity(edges)
    edgeTargets.reserveCapacity(edges)
    edgeTypeCodes.reserveCapacity(edges)
  }

  // MARK: Nodes

  /// The position of the node with `id`, or `nil`.
  ///
  /// - Complexity: O(1) on average.
  public func nodeIndex(of id: String) -> Int? { nodeIDs.index(of: id) }

  /// The id of the node at `index`.
  public func nodeID(at index: Int) -> String { nodeIDs.string(at: index) }

  /// The labels of the node at `index`.
  public func nodeLabels(at index: Int) -> [String] { labelSets.lists[Int(nodeLabelCodes[index])] }

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
    Node(id: nodeID(at: index), labels: nodeLabels(at: index), properties: nodeColumns.properties(at: index))
  }

  /// The node with `id`, or `nil`.
  public func node(id: String) -> Node? { nodeIndex(of: id).map(node(at:)) }

  /// One property of every node, for fast access in loops.
  public func nodePropertyColumn(_ name: String) -> PropertyColumn? {
    nodeColumns.column(named: name).map(PropertyColumn.init(data:))
  }

  /// Property names that some node has a value for, sorted.
  public var nodePropertyNames: [String] { nodeColumns.namesInUse }

  /// Adds a node at the end and returns its index.
  ///
  /// - Throws: ``GraphError/duplicateNodeID(_:)`` when the id is taken, and
  ///   ``GraphError/invalidProperty(name:reason:)`` for a mixed or nested list.
  @discardableResult
  public mutating func addNode(_ node: Node) throws(GraphError) -> Int {
    try Self.check(node.properties)
    guard let index = nodeIDs.append(node.id) else { throw .duplicateNodeID(node.id) }
    nodeLabelCodes.append(labelSets.code(for: node.labels))
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
    nodeLabelCodes[index] = labelSets.code(for: labels)
  }

  // MARK: Edges

  /// The position of the edge with `id`, or `nil`.
  public func edgeIndex(of id: String) -> Int? { edgeIDs.index(of: id) }

  /// The id of the edge at `index`.
  public func edgeID(at index: Int) -> String { edgeIDs.string(at: index) }

  /// The index of the source node of the edge at `index`.
  public func edgeSourceIndex(at index: Int) -> Int { Int(edgeSources[index]) }

  /// The index of the target node of the edge at `index`.
  public func edgeTargetIndex(at index: Int) -> Int { Int(edgeTargets[index]) }

  /// The type of the edge at `index`.
  public func edgeType(at index: Int) -> String { edgeTypeNames[Int(edgeTypeCodes[index])] }

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
      id: edgeID(at: index), source: nodeID(at: Int(edgeSources[index])),
      target: nodeID(at: Int(edgeTargets[index])), type: edgeType(at: index),
      properties: edgeColumns.properties(at: index))
  }

  /// The edge with `id`, or `nil`.
  public func edge(id: String) -> Edge? { edgeIndex(of: id).map(edge(at:)) }

  /// One property of every edge, for fast access in loops.
  public func edgePropertyColumn(_ name: String) -> PropertyColumn? {
    edgeColumns.column(named: name).map(PropertyColumn.init(data:))
  }

  /// Property names that some edge has a value for, sorted.
  public var edgePropertyNames: [String] { edgeColumns.namesInUse }

  /// Adds an edge between two existing nodes and returns its index.
  ///
  /// - Throws: ``GraphError/duplicateEdgeID(_:)``, ``GraphError/unknownEndpoint(edge:node:)``
  ///   or ``GraphError/invalidProperty(name:reason:)``.
  @discardableResult
  public mutating func addEdge(_ edge: Edge) throws(GraphError) -> Int {
    guard let source = nodeIndex(of: edge.source) else { throw .unknownEndpoint(edge: edge.id, node: edge.source) }
    guard let target = nodeIndex(of: edge.target) else { throw .unknownEndpoint(edge: edge.id, node: edge.target) }
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
    let added = id.withUTF8Bytes { idBytes in
      type.withUTF8Bytes { typeBytes in
        appendEdge(idBytes: idBytes, sourceIndex: sourceIndex, targetIndex: targetIndex, typeBytes: typeBytes)
      }
    }
    guard let index = added else { throw .duplicateEdgeID(id) }
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
    precondition(edgeIndex(of: id) == nil, "edge id '\(id)' is taken")
    id.withUTF8Bytes { edgeIDs.replace(at: index, with: $0) }
  }

  /// Removes the edge at `index`; the last edge takes its place.
  public mutating func removeEdge(at index: Int) {
    let last = edgeIDs.count - 1
    edgeIDs.swapRemove(at: index)
    edgeColumns.swapRemove(at: index, lastIndex: last)
    if index != last {
      edgeSources[index] = edgeSources[last]
      edgeTargets[index] = edgeTargets[last]
      edgeTypeCodes[index] = edgeTypeCodes[last]
    }
    edgeSources.removeLast()
    edgeTargets.removeLast()
    edgeTypeCodes.removeLast()
  }

  private static func check(_ properties: [String: PropertyValue]) throws(GraphError) {
    for (name, value) in properties {
      if let problem = value.storageProblem { throw .invalidProperty(name: name, reason: problem) }
    }
  }
}

// MARK: - Byte-level access for the GraphML reader and writer

extension Graph {
  /// The position of the node whose id has these UTF-8 bytes, or `nil`.
  package func nodeIndex(ofBytes id: UnsafeRawBufferPointer) -> Int? { nodeIDs.index(of: id) }

  /// Calls `body` with the UTF-8 bytes of the id of the node at `index`.
  package func withNodeIDBytes<R>(at index: Int, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
    try nodeIDs.withBytes(at: index, body)
  }

  /// The arena and spans of the edge ids, for reading them in a loop.
  package var edgeIDStorage: (arena: ByteArena, spans: [ByteSpan]) { (edgeIDs.arena, edgeIDs.spans) }

  /// Adds a node without properties; `nil` (and no change) when the id is taken.
  package mutating func appendNode(idBytes: UnsafeRawBufferPointer, labels: [String]) -> Int? {
    guard let index = nodeIDs.append(idBytes) else { return nil }
    nodeLabelCodes.append(labelSets.code(for: labels))
    return index
  }

  /// Adds an edge without properties; `nil` (and no change) when the id is taken.
  package mutating func appendEdge(
    idBytes: UnsafeRawBufferPointer, sourceIndex: Int, targetIndex: Int, typeBytes: UnsafeRawBufferPointer
  ) -> Int? {
    guard let index = edgeIDs.append(idBytes) else { return nil }
    edgeSources.append(Int32(truncatingIfNeeded: sourceIndex))
    edgeTargets.append(Int32(truncatingIfNeeded: targetIndex))
    edgeTypeCodes.append(UInt32(truncatingIfNeeded: edgeTypeCode(ofBytes: typeBytes)))
    return index
  }

  /// The positions of the nodes whose ids have these UTF-8 bytes (the two lookups
  /// overlap in memory).
  package func nodeIndices(ofBytes first: UnsafeRawBufferPointer, _ second: UnsafeRawBufferPointer) -> (Int?, Int?) {
    nodeIDs.indices(of: first, second)
  }

  /// The number of the edge type with these UTF-8 bytes, made when new.
  package mutating func edgeTypeCode(ofBytes type: UnsafeRawBufferPointer) -> Int {
    let code = edgeTypeTable.intern(type)
    if code == edgeTypeNames.count { edgeTypeNames.append(String(decoding: type, as: UTF8.self)) }
    return code
  }

  /// Adds an edge without properties and without checking or indexing its id: the
  /// bulk path for readers. Until ``indexDeferredEdgeIDs()`` has run, nothing may look
  /// up, rename or remove edges.
  package mutating func appendEdgeDeferringIDIndex(
    idBytes: UnsafeRawBufferPointer, sourceIndex: Int, targetIndex: Int, typeCode: Int
  ) -> Int {
    let index = edgeIDs.appendUnindexed(idBytes)
    edgeSources.append(Int32(truncatingIfNeeded: sourceIndex))
    edgeTargets.append(Int32(truncatingIfNeeded: targetIndex))
    edgeTypeCodes.append(UInt32(truncatingIfNeeded: typeCode))
    return index
  }

  /// Whether edges were added by ``appendEdgeDeferringIDIndex(idBytes:sourceIndex:targetIndex:typeCode:)``
  /// and not indexed yet.
  package var hasDeferredEdgeIDs: Bool { edgeIDs.unindexedFrom != nil }

  /// Indexes the ids of edges added without index. Returns the position of the first
  /// edge whose id an earlier edge already has (the graph is then not valid and should
  /// be dropped), or `nil`.
  package mutating func indexDeferredEdgeIDs() -> Int? { edgeIDs.indexUnindexed() }

  /// The number of the type of the edge at `index` (see ``edgeTypeNames``).
  package func edgeTypeCode(at index: Int) -> Int { Int(edgeTypeCodes[index]) }

  /// The distinct edge types, by number.
  package var distinctEdgeTypes: [String] { edgeTypeNames }

  /// The number of the label list of the node at `index` (see ``distinctLabelLists``).
  package func nodeLabelsCode(at index: Int) -> Int { Int(nodeLabelCodes[index]) }

  /// The distinct node label lists, by number.
  package var distinctLabelLists: [[String]] { labelSets.lists }

  /// The column slot of node property `name`, made when new.
  package mutating func nodePropertySlot(_ name: String) -> Int { nodeColumns.slot(for: name) }

  /// The column slot of edge property `name`, made when new.
  package mutating func edgePropertySlot(_ name: String) -> Int { edgeColumns.slot(for: name) }

  /// Sets a string property of a node from its UTF-8 bytes.
  package mutating func setNodeText(slot: Int, at index: Int, bytes: UnsafeRawBufferPointer) {
    nodeColumns.setText(slot: slot, at: index, bytes: bytes)
  }

  /// Sets a string property of an edge from its UTF-8 bytes.
  package mutating func setEdgeText(slot: Int, at index: Int, bytes: UnsafeRawBufferPointer) {
    edgeColumns.setText(slot: slot, at: index, bytes: bytes)
  }

  /// Sets a list-of-strings property of a node from its elements' bytes laid end to end.
  package mutating func setNodeTextList(
    slot: Int, at index: Int, bytes: UnsafeRawBufferPointer, lengths: UnsafeBufferPointer<Int>
  ) {
    nodeColumns.setTextList(slot: slot, at: index, bytes: bytes, lengths: lengths)
  }

  /// Sets a list-of-strings property of an edge from its elements' bytes laid end to end.
  package mutating func setEdgeTextList(
    slot: Int, at index: Int, bytes: UnsafeRawBufferPointer, lengths: UnsafeBufferPointer<Int>
  ) {
    edgeColumns.setTextList(slot: slot, at: index, bytes: bytes, lengths: lengths)
  }

  /// Sets an integer property of a node.
  package mutating func setNodeInteger(slot: Int, at index: Int, to number: Int) {
    nodeColumns.setInteger(slot: slot, at: index, to: number)
  }

  /// Sets an integer property of an edge.
  package mutating func setEdgeInteger(slot: Int, at index: Int, to number: Int) {
    edgeColumns.setInteger(slot: slot, at: index, to: number)
  }
}

/// The distinct label lists of a graph's nodes, each stored once.
private struct LabelSets: Sendable {
  private(set) var lists: [[String]] = [[]]
  private var codes: [[String]: UInt32] = [[]: 0]

  mutating func code(for labels: [String]) -> UInt32 {
    if labels.isEmpty { return 0 }
    if let code = codes[labels] { return code }
    let code = UInt32(truncatingIfNeeded: lists.count)
    lists.append(labels)
    codes[labels] = code
    return code
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
