#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// A growable block of bytes at a stable address once building is done: the image a
/// ``SnapshotBuilder`` writes, kept by an in-memory ``GraphStore``.
package final class ByteBuffer: @unchecked Sendable {
  package private(set) var base: UnsafeMutableRawPointer?
  package private(set) var count = 0
  private var capacity = 0

  package init(capacity: Int = 0) { reserve(capacity) }

  deinit { free(base) }

  package var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }

  package func reserve(_ wanted: Int) {
    guard wanted > capacity else { return }
    var grown = max(capacity, 4096)
    while grown < wanted { grown *= 2 }
    guard let moved = realloc(base, grown) else { fatalError("out of memory (\(grown) bytes)") }
    base = moved
    capacity = grown
  }

  package func append(_ source: UnsafeRawBufferPointer) {
    guard let from = source.baseAddress, source.count > 0 else { return }
    reserve(count + source.count)
    (base! + count).copyMemory(from: from, byteCount: source.count)
    count += source.count
  }

  package func append<T: FixedWidthInteger>(_ value: T) {
    var little = value.littleEndian
    withUnsafeBytes(of: &little) { append($0) }
  }

  package func appendByte(_ byte: UInt8) {
    reserve(count + 1)
    base!.storeBytes(of: byte, toByteOffset: count, as: UInt8.self)
    count += 1
  }

  /// Appends zero bytes up to a multiple of `alignment`.
  package func pad(to alignment: Int) {
    let target = (count + alignment - 1) / alignment * alignment
    guard target > count else { return }
    reserve(target)
    (base! + count).initializeMemory(as: UInt8.self, repeating: 0, count: target - count)
    count = target
  }

  /// Overwrites `value` at `offset` (inside the bytes written so far).
  package func store<T: FixedWidthInteger>(_ value: T, at offset: Int) {
    precondition(offset + MemoryLayout<T>.size <= count)
    base!.storeBytes(of: value.littleEndian, toByteOffset: offset, as: T.self)
  }
}
