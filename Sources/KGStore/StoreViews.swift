import KGGraph

/// `u32` elements of a section.
package struct U32View: @unchecked Sendable {
  package let base: UnsafePointer<UInt32>?
  package let count: Int

  @inline(__always)
  package subscript(index: Int) -> Int { Int(UInt32(littleEndian: base.unsafelyUnwrapped[index])) }
}

/// The offsets of a strings or values section: `u32` or `u64` elements.
package struct OffsetView: @unchecked Sendable {
  package let base: UnsafeRawPointer?
  /// The number of offsets (elements + 1).
  package let count: Int
  package let isWide: Bool

  @inline(__always)
  package subscript(index: Int) -> Int {
    isWide
      ? Int(truncatingIfNeeded: UInt64(littleEndian: base.unsafelyUnwrapped.load(fromByteOffset: index * 8, as: UInt64.self)))
      : Int(UInt32(littleEndian: base.unsafelyUnwrapped.load(fromByteOffset: index * 4, as: UInt32.self)))
  }
}

/// Byte strings end to end with their offsets: node ids, edge ids.
package struct StringsView: @unchecked Sendable {
  package let offsets: OffsetView
  package let bytes: UnsafeRawPointer?

  @inline(__always)
  package func bytes(at index: Int) -> UnsafeRawBufferPointer {
    let start = offsets[index]
    return UnsafeRawBufferPointer(start: bytes.map { $0 + start }, count: offsets[index + 1] - start)
  }

  package func string(at index: Int) -> String { String(decoding: bytes(at: index), as: UTF8.self) }
}

/// One property column: the tagged value (``StoredValue``) of each element, an empty
/// span for none.
package struct ColumnView: @unchecked Sendable {
  package let name: String
  package let values: StringsView

  @inline(__always)
  package func hasValue(at index: Int) -> Bool { values.offsets[index + 1] > values.offsets[index] }

  package func value(at index: Int) -> PropertyValue? {
    let bytes = values.bytes(at: index)
    return bytes.isEmpty ? nil : StoredValue.decode(bytes)
  }

  /// The UTF-8 bytes of the element's value when it is a string, else `nil`.
  @inline(__always)
  package func stringBytes(at index: Int) -> UnsafeRawBufferPointer? {
    let bytes = values.bytes(at: index)
    guard bytes.count > 0, bytes[0] == StoredValue.stringTag else { return nil }
    return UnsafeRawBufferPointer(rebasing: bytes[1...])
  }

  /// The element's value when it is an integer, else `nil`.
  @inline(__always)
  package func integer(at index: Int) -> Int? {
    let bytes = values.bytes(at: index)
    guard bytes.count == 9, bytes[0] == StoredValue.integerTag else { return nil }
    return Int(Int64(littleEndian: bytes.loadUnaligned(fromByteOffset: 1, as: Int64.self)))
  }
}

/// Compressed sparse rows for one direction: for each node the edges at that end, in
/// runs by type code.
package struct AdjacencyView: @unchecked Sendable {
  package let offsets: OffsetView
  package let edges: U32View
  /// Per entry: the node at the edge's other end.
  package let neighbors: U32View
  /// Per entry: the edge's type code.
  package let types: U32View

  /// Positions (into ``edge(at:)``) of all edges of `node`.
  @inline(__always)
  package func range(of node: Int) -> Range<Int> { offsets[node]..<offsets[node + 1] }

  /// Positions of the edges of `node` with type code `type` (binary search in the run).
  package func range(of node: Int, type: Int) -> Range<Int> {
    let all = range(of: node)
    var low = all.lowerBound
    var high = all.upperBound
    while low < high {
      let middle = (low + high) / 2
      if types[middle] < type { low = middle + 1 } else { high = middle }
    }
    let start = low
    high = all.upperBound
    while low < high {
      let middle = (low + high) / 2
      if types[middle] <= type { low = middle + 1 } else { high = middle }
    }
    return start..<low
  }

  @inline(__always)
  package func edge(at position: Int) -> Int { edges[position] }

  @inline(__always)
  package func neighbor(at position: Int) -> Int { neighbors[position] }

  @inline(__always)
  package func type(at position: Int) -> Int { types[position] }
}

/// A hash index on a string-valued node property.
package struct StringIndexView: @unchecked Sendable {
  package let slots: U32View

  /// The nodes whose value in `column` is exactly `bytes`, in index order.
  package func nodes(matching bytes: UnsafeRawBufferPointer, in column: ColumnView) -> [Int] {
    guard slots.count > 0 else { return [] }
    let mask = slots.count - 1
    var slot = Int(truncatingIfNeeded: Checksum.of(bytes)) & mask
    var found: [Int] = []
    var probes = 0
    while probes < slots.count {
      let entry = slots[slot]
      if entry == 0 { break }
      let node = entry - 1
      if let stored = column.stringBytes(at: node), stored.elementsEqual(bytes) { found.append(node) }
      slot = (slot + 1) & mask
      probes += 1
    }
    return found.sorted()
  }
}
