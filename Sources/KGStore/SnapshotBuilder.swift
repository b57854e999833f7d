import KGCore
import KGGraph

/// Lays a ``Graph`` out as a snapshot image: flat columns, adjacency in compressed
/// sparse rows (CSR) grouped by relationship type, and a hash index on every node
/// property whose values are strings.
///
/// The same bytes serve in memory (``GraphStore/init(graph:)``) and on disk
/// (``SnapshotFile``), so a fresh process maps the file and queries it as it is.
package struct SnapshotBuilder {
  private let graph: Graph
  private let stamp: SnapshotFormat.SourceStamp
  private let buffer = ByteBuffer()
  private var sections: [SnapshotFormat.Section] = []

  private let sourceFingerprint: UInt64

  /// - Parameter sourceFingerprint: ``SnapshotFile/fingerprint(of:)`` of the file the
  ///   graph was read from (0 when none).
  package init(graph: Graph, stamp: SnapshotFormat.SourceStamp = .none, sourceFingerprint: UInt64 = 0) {
    self.graph = graph
    self.stamp = stamp
    self.sourceFingerprint = sourceFingerprint
  }

  /// The image: header, sections, table.
  package mutating func build() -> ByteBuffer {
    let graph = self.graph
    let buffer = self.buffer
    buffer.reserve(SnapshotFormat.headerSize + graph.edgeCount * 40 + graph.nodeCount * 64)
    for _ in 0..<SnapshotFormat.headerSize { buffer.appendByte(0) }
    let nodeColumns = graph.nodePropertyNames
    let edgeColumns = graph.edgePropertyNames
    var indexed: [Int] = []
    var unique: [Int] = []

    // Nodes: ids, label sets, property columns, indexes.
    writeStrings("node.id", count: graph.nodeCount) { index, body in graph.withNodeIDBytes(at: index, body) }
    writeU32("node.labels", count: graph.nodeCount) { UInt32(graph.nodeLabelsCode(at: $0)) }
    for (position, name) in nodeColumns.enumerated() {
      guard let column = graph.nodePropertyColumn(name)?.data else { continue }
      writeColumn("np.\(position)", column, count: graph.nodeCount)
      if column.kind == .text {
        if writeIndex("nidx.\(position)", column, count: graph.nodeCount) { unique.append(position) }
        indexed.append(position)
      }
    }

    // Edges: ids, ends, types, property columns.
    let edgeIDs = graph.edgeIDStorage
    writeStrings("edge.id", count: graph.edgeCount) { index, body in edgeIDs.arena.withBytes(edgeIDs.spans[index], body) }
    writeU32("edge.source", count: graph.edgeCount) { UInt32(graph.edgeSourceIndex(at: $0)) }
    writeU32("edge.target", count: graph.edgeCount) { UInt32(graph.edgeTargetIndex(at: $0)) }
    writeU32("edge.type", count: graph.edgeCount) { UInt32(graph.edgeTypeCode(at: $0)) }
    for (position, name) in edgeColumns.enumerated() {
      guard let column = graph.edgePropertyColumn(name)?.data else { continue }
      writeColumn("ep.\(position)", column, count: graph.edgeCount)
    }

    // Adjacency.
    writeAdjacency("out", end: graph.edgeSourceIndex(at:), otherEnd: graph.edgeTargetIndex(at:))
    writeAdjacency("in", end: graph.edgeTargetIndex(at:), otherEnd: graph.edgeSourceIndex(at:))

    let meta = JSONValue.object([
      ("format", .integer(Int(SnapshotFormat.version))),
      ("directed", .bool(graph.isDirected)),
      ("nodes", .integer(graph.nodeCount)),
      ("edges", .integer(graph.edgeCount)),
      ("labelSets", .array(graph.distinctLabelLists.map { .array($0.map(JSONValue.string)) })),
      ("edgeTypes", .array(graph.distinctEdgeTypes.map(JSONValue.string))),
      ("nodeProperties", .array(nodeColumns.map(JSONValue.string))),
      ("edgeProperties", .array(edgeColumns.map(JSONValue.string))),
      ("indexedNodeProperties", .array(indexed.map(JSONValue.integer))),
      ("uniqueNodeProperties", .array(unique.map(JSONValue.integer))),
    ]).serialized()
    beginSection()
    buffer.append(sourceFingerprint)
    endSection("source.fp")
    beginSection()
    var text = meta
    text.withUTF8 { buffer.append(UnsafeRawBufferPointer($0)) }
    endSection("meta")

    // Table and header.
    buffer.pad(to: 8)
    let tableOffset = buffer.count
    for section in sections {
      var name = Array(section.name.utf8.prefix(SnapshotFormat.nameSize))
      name += Array(repeating: 0, count: SnapshotFormat.nameSize - name.count)
      name.withUnsafeBytes { buffer.append($0) }
      buffer.append(UInt64(section.offset))
      buffer.append(UInt64(section.length))
      buffer.append(section.checksum)
    }
    SnapshotFormat.magic.withUnsafeBytes { magic in
      for (offset, byte) in magic.enumerated() { buffer.store(byte, at: offset) }
    }
    buffer.store(SnapshotFormat.version, at: 8)
    buffer.store(SnapshotFormat.byteOrderMark, at: 12)
    buffer.store(stamp.size, at: 16)
    buffer.store(stamp.modifiedSeconds, at: 24)
    buffer.store(stamp.modifiedNanoseconds, at: 32)
    buffer.store(UInt64(tableOffset), at: 40)
    buffer.store(UInt32(sections.count), at: 48)
    buffer.store(UInt32(0), at: 52)
    buffer.store(Self.headerChecksum(buffer.bytes, tableOffset: tableOffset, sectionCount: sections.count), at: 56)
    return buffer
  }

  /// The checksum kept in the header: of its first 56 bytes and of the section table.
  package static func headerChecksum(_ image: UnsafeRawBufferPointer, tableOffset: Int, sectionCount: Int) -> UInt64 {
    let head = Checksum.of(UnsafeRawBufferPointer(rebasing: image[0..<56]))
    let tableEnd = tableOffset + sectionCount * SnapshotFormat.tableEntrySize
    let table = Checksum.of(UnsafeRawBufferPointer(rebasing: image[tableOffset..<tableEnd]))
    return head ^ (table &* 0x9E37_79B9_7F4A_7C15)
  }

  // MARK: Sections

  private var sectionStart = 0

  private mutating func beginSection() {
    buffer.pad(to: 8)
    sectionStart = buffer.count
  }

  private mutating func endSection(_ name: String) {
    let bytes = UnsafeRawBufferPointer(rebasing: buffer.bytes[sectionStart..<buffer.count])
    sections.append(.init(name: name, offset: sectionStart, length: bytes.count, checksum: Checksum.of(bytes)))
  }

  private mutating func writeU32(_ name: String, count: Int, _ value: (Int) -> UInt32) {
    beginSection()
    buffer.reserve(buffer.count + count * 4)
    for index in 0..<count { buffer.append(value(index)) }
    endSection(name)
  }

  /// Offsets (`count + 1` of them) as `u32` when the last fits, else as `u64`.
  private mutating func writeOffsets(_ name: String, _ offsets: [Int]) {
    beginSection()
    if (offsets.last ?? 0) <= Int(UInt32.max) {
      buffer.reserve(buffer.count + offsets.count * 4)
      for offset in offsets { buffer.append(UInt32(offset)) }
    } else {
      buffer.reserve(buffer.count + offsets.count * 8)
      for offset in offsets { buffer.append(UInt64(offset)) }
    }
    endSection(name)
  }

  /// Strings as bytes end to end (`NAME.bytes`) and where each starts (`NAME.off`).
  private mutating func writeStrings(
    _ name: String, count: Int, _ bytes: (Int, (UnsafeRawBufferPointer) -> Void) -> Void
  ) {
    var offsets: [Int] = []
    offsets.reserveCapacity(count + 1)
    beginSection()
    let start = buffer.count
    for index in 0..<count {
      offsets.append(buffer.count - start)
      bytes(index) { buffer.append($0) }
    }
    offsets.append(buffer.count - start)
    endSection(name + ".bytes")
    writeOffsets(name + ".off", offsets)
  }

  /// A property column: each element's tagged value (``StoredValue``) end to end, an
  /// empty span for an element without one.
  private mutating func writeColumn(_ name: String, _ column: ColumnData, count: Int) {
    var offsets: [Int] = []
    offsets.reserveCapacity(count + 1)
    beginSection()
    let start = buffer.count
    for index in 0..<count {
      offsets.append(buffer.count - start)
      switch column.kind {
      case .empty:
        break
      case .text:
        guard index < column.spans.count, column.spans[index].isPresent else { continue }
        column.arena.withBytes(column.spans[index]) { StoredValue.appendString($0, to: buffer) }
      case .integer:
        guard index < column.integers.count, column.present[index] else { continue }
        buffer.appendByte(StoredValue.integerTag)
        buffer.append(Int64(column.integers[index]))
      case .textList, .general:
        guard let value = column.value(at: index) else { continue }
        StoredValue.append(value, to: buffer)
      }
    }
    offsets.append(buffer.count - start)
    endSection(name + ".val")
    writeOffsets(name + ".off", offsets)
  }

  /// An open-addressing table (linear probing, at most half full) of `u32` slots
  /// holding node index + 1 (0 is empty), keyed by the checksum of the string bytes.
  /// Returns whether the property tells nodes apart: no two nodes share a value, and
  /// at most one has none.
  private mutating func writeIndex(_ name: String, _ column: ColumnData, count: Int) -> Bool {
    var present = 0
    for span in column.spans where span.isPresent { present += 1 }
    var capacity = 8
    while capacity < present * 2 { capacity *= 2 }
    var slots = [UInt32](repeating: 0, count: capacity)
    let mask = capacity - 1
    var duplicated = false
    for (index, span) in column.spans.enumerated() where span.isPresent {
      column.arena.withBytes(span) { bytes in
        var slot = Int(truncatingIfNeeded: Checksum.of(bytes)) & mask
        while slots[slot] != 0 {
          if !duplicated, column.arena.withBytes(column.spans[Int(slots[slot]) - 1], { $0.elementsEqual(bytes) }) {
            duplicated = true
          }
          slot = (slot + 1) & mask
        }
        slots[slot] = UInt32(index + 1)
      }
    }
    beginSection()
    slots.withUnsafeBytes { buffer.append($0) }
    endSection(name)
    return !duplicated && count - present <= 1
  }

  /// Adjacency of one direction: `NAME.off` (node count + 1 offsets), `NAME.edges`
  /// (edge indices, each node's run sorted by type code, then by edge index), and
  /// beside each entry the node at the edge's other end (`NAME.nbr`) and its type code
  /// (`NAME.type`), so a walk reads them in order instead of jumping to edge columns.
  private mutating func writeAdjacency(_ name: String, end: (Int) -> Int, otherEnd: (Int) -> Int) {
    let graph = self.graph
    let nodeCount = graph.nodeCount
    let edgeCount = graph.edgeCount
    var offsets = [Int](repeating: 0, count: nodeCount + 1)
    for edge in 0..<edgeCount { offsets[end(edge) + 1] += 1 }
    for node in 0..<nodeCount { offsets[node + 1] += offsets[node] }
    // Edges in (type, index) order, then placed per node: each run stays in that order.
    let typeCount = graph.distinctEdgeTypes.count
    var typeStarts = [Int](repeating: 0, count: typeCount + 1)
    for edge in 0..<edgeCount { typeStarts[graph.edgeTypeCode(at: edge) + 1] += 1 }
    for type in 0..<typeCount { typeStarts[type + 1] += typeStarts[type] }
    var byType = [UInt32](repeating: 0, count: edgeCount)
    for edge in 0..<edgeCount {
      let type = graph.edgeTypeCode(at: edge)
      byType[typeStarts[type]] = UInt32(edge)
      typeStarts[type] += 1
    }
    var next = offsets
    var edges = [UInt32](repeating: 0, count: edgeCount)
    for edge in byType {
      let node = end(Int(edge))
      edges[next[node]] = edge
      next[node] += 1
    }
    writeOffsets(name + ".off", offsets)
    beginSection()
    edges.withUnsafeBytes { buffer.append($0) }
    endSection(name + ".edges")
    writeU32(name + ".nbr", count: edgeCount) { UInt32(otherEnd(Int(edges[$0]))) }
    writeU32(name + ".type", count: edgeCount) { UInt32(graph.edgeTypeCode(at: Int(edges[$0]))) }
  }
}
