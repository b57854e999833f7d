import KGCore
import KGGraph

/// Why a snapshot image was refused.
public struct SnapshotError: Error, CustomStringConvertible, Sendable {
  public let description: String
  init(_ description: String) { self.description = description }
}

/// A graph frozen for reading: the columns of a ``Graph`` laid out flat, adjacency as
/// compressed sparse rows grouped by relationship type, and hash indexes on
/// string-valued node properties.
///
/// A store lives on one block of bytes: built in memory from a graph
/// (``init(graph:)``), or memory-mapped from a snapshot file beside a GraphML file
/// (``SnapshotFile``), which a new process opens in milliseconds instead of parsing
/// the GraphML. Opening checks the whole image (checksums, bounds, adjacency), so
/// reads need no checks of their own. Node and edge indices are those of the graph
/// it was built from.
public final class GraphStore: @unchecked Sendable {
  /// Keeps the bytes alive (a ``ByteBuffer`` or a mapped file).
  private let owner: AnyObject
  /// The number of nodes.
  public let nodeCount: Int
  /// The number of edges.
  public let edgeCount: Int
  /// Whether edges are directed.
  public let isDirected: Bool
  /// The distinct label lists; each node refers to one by code.
  public let labelSets: [[String]]
  /// How many nodes carry each label list (by code), for choosing where a match starts.
  public let labelSetCounts: [Int]
  /// The distinct relationship types, by code.
  public let edgeTypes: [String]
  /// Node property names, by column.
  public let nodePropertyNames: [String]
  /// Edge property names, by column.
  public let edgePropertyNames: [String]

  /// The fingerprint of the graph file the image was made from (0 for none).
  package let sourceFingerprint: UInt64
  package let nodeIDs: StringsView
  package let nodeLabelCodes: U32View
  package let nodeColumns: [ColumnView]
  package let nodeIndexes: [Int: StringIndexView]
  /// Node property columns whose value tells nodes apart (no two nodes share one, at
  /// most one node has none): grouping by such a value is grouping by node.
  package let uniqueNodeColumns: Set<Int>
  package let edgeIDs: StringsView
  package let sources: U32View
  package let targets: U32View
  package let typeCodes: U32View
  package let edgeColumns: [ColumnView]
  package let outgoing: AdjacencyView
  package let incoming: AdjacencyView
  private let typeCodeByName: [String: Int]
  private let nodeColumnByName: [String: Int]
  private let edgeColumnByName: [String: Int]

  /// Lays `graph` out in memory.
  public convenience init(graph: Graph) {
    var builder = SnapshotBuilder(graph: graph)
    let buffer = builder.build()
    // An image we just built is well formed; opening it checks that anyway.
    do {
      try self.init(image: buffer.bytes, owner: buffer)
    } catch {
      fatalError("snapshot of an in-memory graph refused: \(error)")
    }
  }

  /// Opens an image (the bytes must stay valid while `owner` lives).
  ///
  /// - Throws: ``SnapshotError`` when the image is damaged, truncated or of another
  ///   format version.
  package init(image: UnsafeRawBufferPointer, owner: AnyObject) throws(SnapshotError) {
    self.owner = owner
    let reader = try ImageReader(image)
    let meta = try reader.meta()
    nodeCount = meta.nodes
    edgeCount = meta.edges
    isDirected = meta.directed
    labelSets = meta.labelSets
    edgeTypes = meta.edgeTypes
    nodePropertyNames = meta.nodeProperties
    edgePropertyNames = meta.edgeProperties

    let fingerprint = try reader.section("source.fp")
    guard fingerprint.count == 8 else { throw SnapshotError("section 'source.fp' has the wrong size") }
    sourceFingerprint = UInt64(littleEndian: fingerprint.loadUnaligned(as: UInt64.self))
    nodeIDs = try reader.strings("node.id", count: nodeCount)
    nodeLabelCodes = try reader.u32("node.labels", count: nodeCount, below: labelSets.count)
    var counts = [Int](repeating: 0, count: labelSets.count)
    for node in 0..<nodeCount { counts[nodeLabelCodes[node]] += 1 }
    labelSetCounts = counts
    var columns: [ColumnView] = []
    for (position, name) in meta.nodeProperties.enumerated() {
      columns.append(ColumnView(name: name, values: try reader.strings("np.\(position).val", offsets: "np.\(position).off", count: nodeCount)))
    }
    nodeColumns = columns
    var indexes: [Int: StringIndexView] = [:]
    for position in meta.indexedNodeProperties {
      guard position >= 0 && position < columns.count else { throw SnapshotError("index of a missing column") }
      let slots = try reader.u32("nidx.\(position)", count: nil, below: nodeCount + 1)
      guard slots.count > 0 && slots.count & (slots.count - 1) == 0 else { throw SnapshotError("index size is not a power of two") }
      indexes[position] = StringIndexView(slots: slots)
    }
    nodeIndexes = indexes
    uniqueNodeColumns = Set(meta.uniqueNodeProperties.filter { indexes[$0] != nil })

    edgeIDs = try reader.strings("edge.id", count: edgeCount)
    sources = try reader.u32("edge.source", count: edgeCount, below: nodeCount)
    targets = try reader.u32("edge.target", count: edgeCount, below: nodeCount)
    typeCodes = try reader.u32("edge.type", count: edgeCount, below: edgeTypes.count)
    columns = []
    for (position, name) in meta.edgeProperties.enumerated() {
      columns.append(ColumnView(name: name, values: try reader.strings("ep.\(position).val", offsets: "ep.\(position).off", count: edgeCount)))
    }
    edgeColumns = columns
    outgoing = try reader.adjacency("out", nodes: nodeCount, edges: edgeCount, typeCount: edgeTypes.count)
    incoming = try reader.adjacency("in", nodes: nodeCount, edges: edgeCount, typeCount: edgeTypes.count)

    var codes: [String: Int] = [:]
    for (code, name) in edgeTypes.enumerated() where codes[name] == nil { codes[name] = code }
    typeCodeByName = codes
    var byName: [String: Int] = [:]
    for (position, name) in nodePropertyNames.enumerated() where byName[name] == nil { byName[name] = position }
    nodeColumnByName = byName
    byName = [:]
    for (position, name) in edgePropertyNames.enumerated() where byName[name] == nil { byName[name] = position }
    edgeColumnByName = byName
  }

  // MARK: Nodes

  /// The id of the node at `index`.
  public func nodeID(at index: Int) -> String { nodeIDs.string(at: index) }

  /// The code of the node's label list (an index into ``labelSets``).
  @inline(__always)
  public func labelSetCode(at index: Int) -> Int { nodeLabelCodes[index] }

  /// The labels of the node at `index`.
  public func labels(at index: Int) -> [String] { labelSets[nodeLabelCodes[index]] }

  /// The column of node property `name`, or `nil` when no node has it.
  public func nodeColumnIndex(named name: String) -> Int? { nodeColumnByName[name] }

  /// One property of the node at `index`.
  public func nodeProperty(_ name: String, at index: Int) -> PropertyValue? {
    guard let column = nodeColumnByName[name] else { return nil }
    return nodeColumns[column].value(at: index)
  }

  /// All properties of the node at `index`.
  public func nodeProperties(at index: Int) -> [String: PropertyValue] {
    var result: [String: PropertyValue] = [:]
    for column in nodeColumns { if let value = column.value(at: index) { result[column.name] = value } }
    return result
  }

  /// The nodes whose property `name` is the string `text`, from the index; `nil` when
  /// that property has no index (then the caller scans).
  public func nodes(whereProperty name: String, equals text: String) -> [Int]? {
    guard let column = nodeColumnByName[name] else { return [] }
    guard let index = nodeIndexes[column] else { return nil }
    var copy = text
    return copy.withUTF8 { index.nodes(matching: UnsafeRawBufferPointer($0), in: nodeColumns[column]) }
  }

  // MARK: Edges

  /// The id of the edge at `index`.
  public func edgeID(at index: Int) -> String { edgeIDs.string(at: index) }

  @inline(__always)
  public func source(of edge: Int) -> Int { sources[edge] }

  @inline(__always)
  public func target(of edge: Int) -> Int { targets[edge] }

  @inline(__always)
  public func typeCode(of edge: Int) -> Int { typeCodes[edge] }

  /// The type of the edge at `index`.
  public func type(of edge: Int) -> String { edgeTypes[typeCodes[edge]] }

  /// The code of relationship type `name`, or `nil` when no edge has it.
  public func typeCode(named name: String) -> Int? { typeCodeByName[name] }

  /// The column of edge property `name`, or `nil` when no edge has it.
  public func edgeColumnIndex(named name: String) -> Int? { edgeColumnByName[name] }

  /// One property of the edge at `index`.
  public func edgeProperty(_ name: String, at index: Int) -> PropertyValue? {
    guard let column = edgeColumnByName[name] else { return nil }
    return edgeColumns[column].value(at: index)
  }

  /// All properties of the edge at `index`.
  public func edgeProperties(at index: Int) -> [String: PropertyValue] {
    var result: [String: PropertyValue] = [:]
    for column in edgeColumns { if let value = column.value(at: index) { result[column.name] = value } }
    return result
  }
}

/// Reads and checks the sections of an image.
private struct ImageReader {
  let image: UnsafeRawBufferPointer
  var sections: [String: (offset: Int, length: Int)] = [:]

  struct Meta {
    var directed: Bool
    var nodes: Int
    var edges: Int
    var labelSets: [[String]]
    var edgeTypes: [String]
    var nodeProperties: [String]
    var edgeProperties: [String]
    var indexedNodeProperties: [Int]
    var uniqueNodeProperties: [Int]
  }

  init(_ image: UnsafeRawBufferPointer) throws(SnapshotError) {
    self.image = image
    guard image.count >= SnapshotFormat.headerSize, image.baseAddress.map({ Int(bitPattern: $0) % 8 == 0 }) == true else {
      throw SnapshotError("too short")
    }
    guard image[0..<8].elementsEqual(SnapshotFormat.magic) else { throw SnapshotError("not a NewsGraph snapshot") }
    guard word32(8) == SnapshotFormat.version, word32(12) == SnapshotFormat.byteOrderMark else {
      throw SnapshotError("another snapshot format version")
    }
    let tableOffset = Int(truncatingIfNeeded: word64(40))
    let count = Int(word32(48))
    guard tableOffset >= SnapshotFormat.headerSize, tableOffset <= image.count,
      count <= (image.count - tableOffset) / SnapshotFormat.tableEntrySize
    else { throw SnapshotError("truncated") }
    guard SnapshotBuilder.headerChecksum(image, tableOffset: tableOffset, sectionCount: count) == word64(56) else {
      throw SnapshotError("header checksum mismatch")
    }
    for entry in 0..<count {
      let at = tableOffset + entry * SnapshotFormat.tableEntrySize
      let nameBytes = image[at..<(at + SnapshotFormat.nameSize)].prefix { $0 != 0 }
      let name = String(decoding: nameBytes, as: UTF8.self)
      let offset = Int(truncatingIfNeeded: word64(at + 24))
      let length = Int(truncatingIfNeeded: word64(at + 32))
      guard offset >= SnapshotFormat.headerSize, offset % 8 == 0, length >= 0, offset <= tableOffset,
        length <= tableOffset - offset
      else { throw SnapshotError("section '\(name)' out of bounds") }
      let bytes = UnsafeRawBufferPointer(rebasing: image[offset..<(offset + length)])
      guard Checksum.of(bytes) == word64(at + 40) else { throw SnapshotError("section '\(name)' checksum mismatch") }
      sections[name] = (offset, length)
    }
  }

  func word32(_ offset: Int) -> UInt32 { UInt32(littleEndian: image.loadUnaligned(fromByteOffset: offset, as: UInt32.self)) }
  func word64(_ offset: Int) -> UInt64 { UInt64(littleEndian: image.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) }

  func section(_ name: String) throws(SnapshotError) -> UnsafeRawBufferPointer {
    guard let found = sections[name] else { throw SnapshotError("section '\(name)' missing") }
    return UnsafeRawBufferPointer(rebasing: image[found.offset..<(found.offset + found.length)])
  }

  func meta() throws(SnapshotError) -> Meta {
    let text = String(decoding: try section("meta"), as: UTF8.self)
    guard let json = try? JSONValue.parse(text),
      case .bool(let directed)? = json["directed"],
      case .integer(let nodes)? = json["nodes"], nodes >= 0, nodes < Int(UInt32.max),
      case .integer(let edges)? = json["edges"], edges >= 0, edges < Int(UInt32.max),
      case .array(let sets)? = json["labelSets"],
      let edgeTypes = Self.strings(json["edgeTypes"]),
      let nodeProperties = Self.strings(json["nodeProperties"]),
      let edgeProperties = Self.strings(json["edgeProperties"]),
      case .array(let indexed)? = json["indexedNodeProperties"],
      case .array(let unique)? = json["uniqueNodeProperties"]
    else { throw SnapshotError("unreadable metadata") }
    var labelSets: [[String]] = []
    for set in sets {
      guard let labels = Self.strings(set) else { throw SnapshotError("unreadable metadata") }
      labelSets.append(labels)
    }
    var positions: [Int] = []
    for entry in indexed {
      guard case .integer(let position) = entry else { throw SnapshotError("unreadable metadata") }
      positions.append(position)
    }
    var uniquePositions: [Int] = []
    for entry in unique {
      guard case .integer(let position) = entry else { throw SnapshotError("unreadable metadata") }
      uniquePositions.append(position)
    }
    return Meta(
      directed: directed, nodes: nodes, edges: edges, labelSets: labelSets, edgeTypes: edgeTypes,
      nodeProperties: nodeProperties, edgeProperties: edgeProperties, indexedNodeProperties: positions,
      uniqueNodeProperties: uniquePositions)
  }

  static func strings(_ value: JSONValue?) -> [String]? {
    guard case .array(let elements)? = value else { return nil }
    var result: [String] = []
    for element in elements {
      guard case .string(let text) = element else { return nil }
      result.append(text)
    }
    return result
  }

  /// A `u32` section of `count` elements (any count when `nil`), each below `limit`.
  func u32(_ name: String, count: Int?, below limit: Int) throws(SnapshotError) -> U32View {
    let bytes = try section(name)
    guard bytes.count % 4 == 0, count.map({ $0 * 4 == bytes.count }) ?? true else {
      throw SnapshotError("section '\(name)' has the wrong size")
    }
    let view = U32View(base: bytes.baseAddress?.assumingMemoryBound(to: UInt32.self), count: bytes.count / 4)
    var largest = 0
    for index in 0..<view.count { largest = max(largest, view[index]) }
    guard view.count == 0 || largest < limit else { throw SnapshotError("section '\(name)' refers past the end") }
    return view
  }

  /// `count + 1` non-decreasing offsets from 0 to `end`.
  func offsets(_ name: String, count: Int, end: Int) throws(SnapshotError) -> OffsetView {
    let bytes = try section(name)
    let isWide: Bool
    if bytes.count == (count + 1) * 4 {
      isWide = false
    } else if bytes.count == (count + 1) * 8 {
      isWide = true
    } else {
      throw SnapshotError("section '\(name)' has the wrong size")
    }
    let view = OffsetView(base: bytes.baseAddress, count: count + 1, isWide: isWide)
    guard view[0] == 0, view[count] == end else { throw SnapshotError("section '\(name)' does not span its data") }
    var previous = 0
    for index in stride(from: 1, through: count, by: 1) {
      let offset = view[index]
      guard offset >= previous else { throw SnapshotError("section '\(name)' is not in order") }
      previous = offset
    }
    return view
  }

  func strings(_ name: String, count: Int) throws(SnapshotError) -> StringsView {
    try strings(name + ".bytes", offsets: name + ".off", count: count)
  }

  func strings(_ name: String, offsets offsetsName: String, count: Int) throws(SnapshotError) -> StringsView {
    let bytes = try section(name)
    return StringsView(offsets: try offsets(offsetsName, count: count, end: bytes.count), bytes: bytes.baseAddress)
  }

  /// CSR of one direction: entries in bounds, and each node's run ordered by type
  /// code (which the typed ranges' binary search relies on). Whether each entry names
  /// the right edge is left to the checksums: checking it would read the edge columns
  /// in random order, the slowest part of opening a large snapshot.
  func adjacency(_ name: String, nodes: Int, edges edgeCount: Int, typeCount: Int) throws(SnapshotError) -> AdjacencyView {
    let edges = try u32(name + ".edges", count: edgeCount, below: max(edgeCount, 1))
    let neighbors = try u32(name + ".nbr", count: edgeCount, below: max(nodes, 1))
    let types = try u32(name + ".type", count: edgeCount, below: max(typeCount, 1))
    let offsets = try self.offsets(name + ".off", count: nodes, end: edgeCount)
    for node in 0..<nodes {
      var previousType = -1
      for position in offsets[node]..<offsets[node + 1] {
        let type = types[position]
        guard type >= previousType else { throw SnapshotError("adjacency '\(name)' is out of order") }
        previousType = type
      }
    }
    return AdjacencyView(offsets: offsets, edges: edges, neighbors: neighbors, types: types)
  }
}
