#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Unique strings in insertion order with an index from string to position: node ids,
/// edge ids, and the distinct edge types.
///
/// The strings sit in one ``ByteArena``; the index is an open-addressing table (linear
/// probing, at most half full, backward-shift deletion) of 16-byte ``Slot``s. A slot
/// holds 32 bits of the string's hash, its position, and either the string itself
/// (up to 7 bytes) or where it lies in the arena, so a lookup touches one slot and at
/// most one run of arena bytes: on large graphs each of those is a cache miss. A
/// million edge ids cost 32 MB of index instead of a `[String: Int]` of several times
/// that. Hashes come from the standard library's seeded `Hasher`, so crafted ids cannot
/// make lookups degrade.
struct IDTable: Sendable {
  private(set) var arena = ByteArena()
  private(set) var spans: [ByteSpan] = []
  private var slots: [Slot] = []
  private var unusedBytes = 0
  /// Strings from this position on are not in the index yet (``appendUnindexed(_:)``).
  private(set) var unindexedFrom: Int?
  /// Whether every string so far is `prefix` followed by its own position in decimal
  /// (`n0`, `n1`, ... as igraph names nodes, `0`, `1`, ... from networkx, `e0`, `e1`,
  /// ... for edges). Then positions are read off the strings, exactly, and `slots` is
  /// not used; the first string that breaks the pattern builds the index.
  private var sequential = true
  private var prefix: [UInt8] = []

  /// One index entry; `entry == 0` is an empty slot.
  private struct Slot {
    /// Up to 7 bytes of string with its length in the top byte, or (bit 63 set) the
    /// string's arena start (40 bits) and length (23 bits, saturated).
    var key: UInt64
    /// The hash tag in the high 32 bits, the position + 1 in the low 32.
    var entry: UInt64

    static let empty = Slot(key: 0, entry: 0)

    @inline(__always) var tag: UInt32 { UInt32(truncatingIfNeeded: entry >> 32) }
    @inline(__always) var index: Int { Int(truncatingIfNeeded: entry & 0xFFFF_FFFF) - 1 }
  }

  private static let arenaFlag: UInt64 = 1 << 63
  private static let lengthLimit = 0x7F_FFFF

  var count: Int { spans.count }

  @inline(__always)
  private static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
    var hasher = Hasher()
    hasher.combine(bytes: bytes)
    return UInt32(truncatingIfNeeded: hasher.finalize())
  }

  /// The slot key of a string of at most 7 bytes, else `nil`.
  @inline(__always)
  private static func inlineKey(_ bytes: UnsafeRawBufferPointer) -> UInt64? {
    guard bytes.count <= 7 else { return nil }
    var key = UInt64(bytes.count) << 56
    for offset in 0..<bytes.count { key |= UInt64(bytes[offset]) << (8 * UInt64(offset)) }
    return key
  }

  @inline(__always)
  private static func key(for span: ByteSpan, bytes: UnsafeRawBufferPointer) -> UInt64 {
    if let key = inlineKey(bytes) { return key }
    return arenaFlag | UInt64(min(span.count, lengthLimit)) << 40 | UInt64(span.start)
  }

  // MARK: Sequential strings

  /// The number `bytes` spell after `prefix`, when they do so canonically (no sign, no
  /// leading zero).
  @inline(__always)
  private func sequentialNumber(_ bytes: UnsafeRawBufferPointer) -> Int? {
    let digits = bytes.count - prefix.count
    guard digits > 0, digits <= 18 else { return nil }
    for offset in 0..<prefix.count where bytes[offset] != prefix[offset] { return nil }
    let first = bytes[prefix.count]
    guard first != UInt8(ascii: "0") || digits == 1 else { return nil }
    var value = 0
    for offset in prefix.count..<bytes.count {
      let digit = bytes[offset] &- UInt8(ascii: "0")
      guard digit < 10 else { return nil }
      value = value * 10 + Int(digit)
    }
    return value
  }

  /// The position of `bytes` while the strings are sequential.
  @inline(__always)
  private func sequentialIndex(of bytes: UnsafeRawBufferPointer) -> Int? {
    guard let number = sequentialNumber(bytes), number < spans.count else { return nil }
    return number
  }

  /// Whether `bytes` keep the strings sequential as the next one; sets the prefix for
  /// the first.
  @inline(__always)
  private mutating func continuesSequence(_ bytes: UnsafeRawBufferPointer) -> Bool {
    if spans.isEmpty {
      guard bytes.last == UInt8(ascii: "0") else { return false }
      prefix = Array(bytes.dropLast())
      return true
    }
    return sequentialNumber(bytes) == spans.count
  }

  /// Leaves sequential mode: every string so far goes into the index.
  private mutating func leaveSequence() {
    guard sequential else { return }
    sequential = false
    prefix = []
    if !spans.isEmpty {
      unindexedFrom = 0
      _ = indexUnindexed()  // sequential strings are all different
    }
  }

  // MARK: Hashed strings

  /// The probe position of `bytes`: the slot that holds them, or the empty slot where
  /// they would go.
  @inline(__always)
  private func probe(_ bytes: UnsafeRawBufferPointer, tag: UInt32) -> (position: Int, index: Int?) {
    precondition(unindexedFrom == nil, "IDTable: strings appended without index must be indexed first")
    let mask = slots.count - 1
    var position = Int(tag) & mask
    return slots.withUnsafeBufferPointer { table in
      while true {
        let slot = table[position]
        if slot.entry == 0 { return (position, nil) }
        if slot.tag == tag, holds(slot, bytes) { return (position, slot.index) }
        position = (position + 1) & mask
      }
    }
  }

  /// Whether `slot` (whose tag matches) holds `bytes`.
  @inline(__always)
  private func holds(_ slot: Slot, _ bytes: UnsafeRawBufferPointer) -> Bool {
    if let inline = Self.inlineKey(bytes) { return slot.key == inline }
    let storedLength = UInt64(min(bytes.count, Self.lengthLimit))
    guard slot.key & Self.arenaFlag != 0, (slot.key >> 40) & UInt64(Self.lengthLimit) == storedLength else {
      return false
    }
    let span =
      storedLength == UInt64(Self.lengthLimit)
      ? spans[slot.index] : ByteSpan(start: Int(slot.key & 0xFF_FFFF_FFFF), count: bytes.count)
    return arena.equals(span, bytes)
  }

  /// The position of `bytes`, or `nil`.
  func index(of bytes: UnsafeRawBufferPointer) -> Int? {
    if sequential { return sequentialIndex(of: bytes) }
    guard !slots.isEmpty else { return nil }
    return probe(bytes, tag: Self.hash(bytes)).index
  }

  /// The positions of two strings. Both first slots are loaded before either is
  /// compared, so on a large table the two cache misses overlap.
  func indices(of first: UnsafeRawBufferPointer, _ second: UnsafeRawBufferPointer) -> (Int?, Int?) {
    if sequential { return (sequentialIndex(of: first), sequentialIndex(of: second)) }
    guard !slots.isEmpty, unindexedFrom == nil else { return (index(of: first), index(of: second)) }
    let firstTag = Self.hash(first)
    let secondTag = Self.hash(second)
    let mask = slots.count - 1
    let (firstSlot, secondSlot) = slots.withUnsafeBufferPointer {
      ($0[Int(firstTag) & mask], $0[Int(secondTag) & mask])
    }
    let firstIndex =
      firstSlot.entry != 0 && firstSlot.tag == firstTag && holds(firstSlot, first)
      ? firstSlot.index : (firstSlot.entry == 0 ? nil : probe(first, tag: firstTag).index)
    let secondIndex =
      secondSlot.entry != 0 && secondSlot.tag == secondTag && holds(secondSlot, second)
      ? secondSlot.index : (secondSlot.entry == 0 ? nil : probe(second, tag: secondTag).index)
    return (firstIndex, secondIndex)
  }

  func index(of text: String) -> Int? {
    text.withUTF8Bytes { index(of: $0) }
  }

  /// The string at `index`.
  func string(at index: Int) -> String { arena.string(spans[index]) }

  func withBytes<R>(at index: Int, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
    try arena.withBytes(spans[index], body)
  }

  /// Appends `bytes` unless they are already present; returns the new position, or
  /// `nil` (and changes nothing) for a duplicate.
  mutating func append(_ bytes: UnsafeRawBufferPointer) -> Int? {
    if sequential {
      if continuesSequence(bytes) {
        spans.append(arena.append(bytes))
        return spans.count - 1
      }
      leaveSequence()
    }
    if (spans.count + 1) * 2 > slots.count { grow(to: max(16, slots.count * 2)) }
    let tag = Self.hash(bytes)
    let (position, existing) = probe(bytes, tag: tag)
    guard existing == nil else { return nil }
    let index = spans.count
    let span = arena.append(bytes)
    spans.append(span)
    slots[position] = Slot(key: Self.key(for: span, bytes: bytes), entry: UInt64(tag) << 32 | UInt64(index + 1))
    return index
  }

  mutating func append(_ text: String) -> Int? {
    text.withUTF8Bytes { append($0) }
  }

  /// Appends `bytes` without checking for a duplicate or adding them to the index;
  /// ``indexUnindexed()`` does both for all such strings at once, which is several times
  /// faster on large tables. No lookup may happen in between.
  mutating func appendUnindexed(_ bytes: UnsafeRawBufferPointer) -> Int {
    if sequential {
      if continuesSequence(bytes) {
        spans.append(arena.append(bytes))
        return spans.count - 1
      }
      // The earlier strings are indexed with this one and all that follow.
      sequential = false
      prefix = []
      if !spans.isEmpty && unindexedFrom == nil { unindexedFrom = 0 }
    }
    if unindexedFrom == nil { unindexedFrom = spans.count }
    spans.append(arena.append(bytes))
    return spans.count - 1
  }

  /// Adds the strings appended by ``appendUnindexed(_:)`` to the index, in the order of
  /// their slots so that the table is written front to back. Returns the position of
  /// the first string (in insertion order) that repeats an earlier one, or `nil`; the
  /// index then finds the earliest of equal strings.
  mutating func indexUnindexed() -> Int? {
    guard let first = unindexedFrom else { return nil }
    unindexedFrom = nil
    var size = max(16, slots.count)
    while size < spans.count * 2 { size *= 2 }
    if size > slots.count { grow(to: size) }
    let mask = size - 1
    // The new slots, made in one pass over the strings in arena order...
    var fresh = [Slot]()
    fresh.reserveCapacity(spans.count - first)
    for index in first..<spans.count {
      let span = spans[index]
      fresh.append(
        arena.withBytes(span) { bytes in
          Slot(key: Self.key(for: span, bytes: bytes), entry: UInt64(Self.hash(bytes)) << 32 | UInt64(index + 1))
        })
    }
    // ...roughly ordered by home position, then written into the table front to back.
    Self.sortByHome(&fresh, mask: mask)
    var duplicate: Int?
    let (arena, spans) = (self.arena, self.spans)
    slots.withUnsafeMutableBufferPointer { table in
      for slot in fresh {
        var position = Int(slot.tag) & mask
        var placed = false
        while table[position].entry != 0 {
          let other = table[position]
          if other.tag == slot.tag, Self.sameString(other, slot, arena, spans) {
            let later = max(other.index, slot.index)
            duplicate = min(duplicate ?? later, later)
            if slot.index < other.index { table[position] = slot }
            placed = true
            break
          }
          position = (position + 1) & mask
        }
        if !placed { table[position] = slot }
      }
    }
    return duplicate
  }

  /// Whether two slots of equal tag hold equal strings.
  private static func sameString(_ lhs: Slot, _ rhs: Slot, _ arena: ByteArena, _ spans: [ByteSpan]) -> Bool {
    if lhs.key & Self.arenaFlag == 0 || rhs.key & Self.arenaFlag == 0 { return lhs.key == rhs.key }
    return arena.withBytes(spans[lhs.index]) { arena.equals(spans[rhs.index], $0) }
  }

  /// Orders slots by the top 11 bits of their home position (`tag & mask`), in place
  /// (an American flag sort). That is all the ordering the insertion needs: the slots
  /// of one bucket land in a window of the table small enough to stay in cache.
  private static func sortByHome(_ slots: inout [Slot], mask: Int) {
    let bits = (mask + 1).trailingZeroBitCount
    let shift = max(0, bits - 11)
    let bucketCount = 1 << min(bits, 11)
    var starts = [Int](repeating: 0, count: bucketCount + 1)
    var next = [Int](repeating: 0, count: bucketCount)
    slots.withUnsafeMutableBufferPointer { values in
      starts.withUnsafeMutableBufferPointer { starts in
        next.withUnsafeMutableBufferPointer { next in
          for value in values { starts[((Int(value.tag) & mask) >> shift) + 1] += 1 }
          for bucket in 0..<bucketCount {
            starts[bucket + 1] += starts[bucket]
            next[bucket] = starts[bucket]
          }
          for bucket in 0..<bucketCount {
            let end = starts[bucket + 1]
            while next[bucket] < end {
              let target = (Int(values[next[bucket]].tag) & mask) >> shift
              if target == bucket {
                next[bucket] += 1
              } else {
                values.swapAt(next[bucket], next[target])
                next[target] += 1
              }
            }
          }
        }
      }
    }
  }

  /// The position of `bytes`, appending them first when they are new.
  mutating func intern(_ bytes: UnsafeRawBufferPointer) -> Int {
    if let index = index(of: bytes) { return index }
    return append(bytes) ?? 0
  }

  /// Gives the string at `index` new bytes, which must not be present already.
  mutating func replace(at index: Int, with bytes: UnsafeRawBufferPointer) {
    precondition(unindexedFrom == nil, "IDTable: strings appended without index must be indexed first")
    leaveSequence()
    removeSlot(of: index)
    unusedBytes += spans[index].count
    let span = arena.append(bytes)
    spans[index] = span
    let tag = Self.hash(bytes)
    let (position, _) = probe(bytes, tag: tag)
    slots[position] = Slot(key: Self.key(for: span, bytes: bytes), entry: UInt64(tag) << 32 | UInt64(index + 1))
    compactIfWasteful()
  }

  /// Removes the string at `index`; the last string takes its position.
  mutating func swapRemove(at index: Int) {
    precondition(unindexedFrom == nil, "IDTable: strings appended without index must be indexed first")
    let last = spans.count - 1
    if sequential && index == last {
      // The others stay sequential.
      unusedBytes += spans[last].count
      spans.removeLast()
      compactIfWasteful()
      return
    }
    leaveSequence()
    removeSlot(of: index)
    unusedBytes += spans[index].count
    if index != last {
      let moved = spans[last]
      let tag = arena.withBytes(moved) { Self.hash($0) }
      let position = slotPosition(tag: tag, index: last)
      slots[position].entry = UInt64(tag) << 32 | UInt64(index + 1)
      spans[index] = moved
    }
    spans.removeLast()
    compactIfWasteful()
  }

  /// Makes room for `count` strings without growing the index.
  mutating func reserveCapacity(_ count: Int) {
    spans.reserveCapacity(count)
    guard unindexedFrom == nil, !sequential else { return }
    var size = max(16, slots.count)
    while size < count * 2 { size *= 2 }
    if size > slots.count { grow(to: size) }
  }

  private func slotPosition(tag: UInt32, index: Int) -> Int {
    let mask = slots.count - 1
    var position = Int(tag) & mask
    let wanted = UInt64(tag) << 32 | UInt64(index + 1)
    while slots[position].entry != wanted { position = (position + 1) & mask }
    return position
  }

  private mutating func removeSlot(of index: Int) {
    let tag = arena.withBytes(spans[index]) { Self.hash($0) }
    var hole = slotPosition(tag: tag, index: index)
    let mask = slots.count - 1
    var next = (hole + 1) & mask
    while slots[next].entry != 0 {
      let home = Int(slots[next].tag) & mask
      // Move the entry back into the hole unless its home lies cyclically in (hole, next].
      let stays = hole <= next ? (home > hole && home <= next) : (home > hole || home <= next)
      if !stays {
        slots[hole] = slots[next]
        hole = next
      }
      next = (next + 1) & mask
    }
    slots[hole] = .empty
  }

  private mutating func grow(to size: Int) {
    var table = [Slot](repeating: .empty, count: size)
    let mask = size - 1
    for slot in slots where slot.entry != 0 {
      var position = Int(slot.tag) & mask
      while table[position].entry != 0 { position = (position + 1) & mask }
      table[position] = slot
    }
    slots = table
  }

  private mutating func compactIfWasteful() {
    guard unusedBytes > 4096, unusedBytes * 2 > arena.count else { return }
    var fresh = ByteArena()
    for index in spans.indices {
      spans[index] = arena.withBytes(spans[index]) { fresh.append($0) }
    }
    arena = fresh
    unusedBytes = 0
    // Slots that point into the arena move with their strings.
    for position in slots.indices where slots[position].entry != 0 && slots[position].key & Self.arenaFlag != 0 {
      let span = spans[slots[position].index]
      slots[position].key = Self.arenaFlag | UInt64(min(span.count, Self.lengthLimit)) << 40 | UInt64(span.start)
    }
  }
}
