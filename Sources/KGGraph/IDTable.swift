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
/// The strings sit in one ``ByteArena``; the index is an open-addressing table of
/// 8-byte slots (linear probing, at most half full, backward-shift deletion). A slot
/// holds 32 bits of the string's hash and its position + 1 (0 is an empty slot), so a
/// million edge ids cost 16 MB of index instead of a `[String: Int]` of several times
/// that. Hashes come from the standard library's seeded `Hasher`, so crafted ids cannot
/// make lookups degrade.
struct IDTable: Sendable {
  private(set) var arena = ByteArena()
  private(set) var spans: [ByteSpan] = []
  private var slots: [UInt64] = []
  private var unusedBytes = 0

  var count: Int { spans.count }

  @inline(__always)
  private static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
    var hasher = Hasher()
    hasher.combine(bytes: bytes)
    return UInt32(truncatingIfNeeded: hasher.finalize())
  }

  @inline(__always)
  private static func slot(tag: UInt32, index: Int) -> UInt64 {
    UInt64(tag) << 32 | UInt64(index + 1)
  }

  @inline(__always)
  private static func tag(of slot: UInt64) -> UInt32 { UInt32(truncatingIfNeeded: slot >> 32) }

  @inline(__always)
  private static func entry(of slot: UInt64) -> Int { Int(truncatingIfNeeded: slot & 0xFFFF_FFFF) - 1 }

  /// The probe position of `bytes`: the slot that holds it, or the empty slot where it
  /// would go.
  @inline(__always)
  private func probe(_ bytes: UnsafeRawBufferPointer, tag: UInt32) -> (position: Int, index: Int?) {
    let mask = slots.count - 1
    var position = Int(tag) & mask
    return slots.withUnsafeBufferPointer { table in
      while true {
        let slot = table[position]
        if slot == 0 { return (position, nil) }
        if Self.tag(of: slot) == tag {
          let index = Self.entry(of: slot)
          if arena.equals(spans[index], bytes) { return (position, index) }
        }
        position = (position + 1) & mask
      }
    }
  }

  /// The position of `bytes`, or `nil`.
  func index(of bytes: UnsafeRawBufferPointer) -> Int? {
    guard !slots.isEmpty else { return nil }
    return probe(bytes, tag: Self.hash(bytes)).index
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
    if (spans.count + 1) * 2 > slots.count { grow(to: max(16, slots.count * 2)) }
    let tag = Self.hash(bytes)
    let (position, existing) = probe(bytes, tag: tag)
    guard existing == nil else { return nil }
    let index = spans.count
    spans.append(arena.append(bytes))
    slots[position] = Self.slot(tag: tag, index: index)
    return index
  }

  mutating func append(_ text: String) -> Int? {
    text.withUTF8Bytes { append($0) }
  }

  /// The position of `bytes`, appending them first when they are new.
  mutating func intern(_ bytes: UnsafeRawBufferPointer) -> Int {
    if let index = index(of: bytes) { return index }
    return append(bytes) ?? 0
  }

  /// Gives the string at `index` new bytes, which must not be present already.
  mutating func replace(at index: Int, with bytes: UnsafeRawBufferPointer) {
    removeSlot(of: index)
    unusedBytes += spans[index].count
    spans[index] = arena.append(bytes)
    let tag = Self.hash(bytes)
    let (position, _) = probe(bytes, tag: tag)
    slots[position] = Self.slot(tag: tag, index: index)
    compactIfWasteful()
  }

  /// Removes the string at `index`; the last string takes its position.
  mutating func swapRemove(at index: Int) {
    let last = spans.count - 1
    removeSlot(of: index)
    unusedBytes += spans[index].count
    if index != last {
      let moved = spans[last]
      let tag = arena.withBytes(moved) { Self.hash($0) }
      let position = slotPosition(tag: tag, index: last)
      slots[position] = Self.slot(tag: tag, index: index)
      spans[index] = moved
    }
    spans.removeLast()
    compactIfWasteful()
  }

  /// Makes room for `count` strings without growing the index.
  mutating func reserveCapacity(_ count: Int) {
    spans.reserveCapacity(count)
    var size = max(16, slots.count)
    while size < count * 2 { size *= 2 }
    if size > slots.count { grow(to: size) }
  }

  private func slotPosition(tag: UInt32, index: Int) -> Int {
    let mask = slots.count - 1
    var position = Int(tag) & mask
    let wanted = Self.slot(tag: tag, index: index)
    while slots[position] != wanted { position = (position + 1) & mask }
    return position
  }

  private mutating func removeSlot(of index: Int) {
    let tag = arena.withBytes(spans[index]) { Self.hash($0) }
    var hole = slotPosition(tag: tag, index: index)
    let mask = slots.count - 1
    var next = (hole + 1) & mask
    while slots[next] != 0 {
      let home = Int(Self.tag(of: slots[next])) & mask
      // Move the entry back into the hole unless its home lies cyclically in (hole, next].
      let stays = hole <= next ? (home > hole && home <= next) : (home > hole || home <= next)
      if !stays {
        slots[hole] = slots[next]
        hole = next
      }
      next = (next + 1) & mask
    }
    slots[hole] = 0
  }

  private mutating func grow(to size: Int) {
    var table = [UInt64](repeating: 0, count: size)
    let mask = size - 1
    for slot in slots where slot != 0 {
      var position = Int(Self.tag(of: slot)) & mask
      while table[position] != 0 { position = (position + 1) & mask }
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
  }
}
