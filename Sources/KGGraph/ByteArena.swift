#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Where one string lives in a ``ByteArena``: its first byte and its length in bytes.
/// A negative `count` marks an absent value in a column.
package struct ByteSpan: Sendable, Equatable {
  package var start: Int
  package var count: Int

  package init(start: Int, count: Int) {
    self.start = start
    self.count = count
  }

  /// The span of an absent value.
  package static let absent = ByteSpan(start: 0, count: -1)

  package var isPresent: Bool { count >= 0 }
}

/// The one owner of an arena's heap block: allocated with `malloc`, grown with
/// `realloc` (which moves large blocks by remapping pages rather than copying them,
/// so growing never holds the old and the new block at once), freed in `deinit`.
///
/// Only ``ByteArena`` mutates it, and only when it holds the sole reference.
package final class ByteStorage: @unchecked Sendable {
  // Only ByteArena touches these, and only on a uniquely referenced storage, so the
  // runtime's exclusivity checks (two calls per access on a class) are left out.
  /// The first byte; `nil` until something is stored.
  @exclusivity(unchecked) package private(set) var base: UnsafeMutablePointer<UInt8>?
  /// Bytes in use.
  @exclusivity(unchecked) package private(set) var count = 0
  @exclusivity(unchecked) private var capacity = 0

  init() {}

  init(copying other: ByteStorage, reserving extra: Int) {
    let size = other.count + max(extra, 0)
    if size > 0 {
      base = Self.resize(nil, to: size)
      if let base, let source = other.base, other.count > 0 { memcpy(base, source, other.count) }
    }
    count = other.count
    capacity = size
  }

  deinit { free(base) }

  private static func resize(_ block: UnsafeMutablePointer<UInt8>?, to size: Int) -> UnsafeMutablePointer<UInt8> {
    guard let grown = realloc(block, size) else { fatalError("out of memory growing a byte arena to \(size) bytes") }
    return grown.assumingMemoryBound(to: UInt8.self)
  }

  func reserveCapacity(_ needed: Int) {
    guard needed > capacity else { return }
    let grown = max(needed, capacity + capacity / 2, 4096)
    base = Self.resize(base, to: grown)
    capacity = grown
  }

  /// Makes room for `length` more bytes and returns where they go; the caller writes
  /// exactly `length` bytes there before anything else touches the storage.
  func extend(by length: Int) -> UnsafeMutablePointer<UInt8> {
    reserveCapacity(count + length)
    guard let base else { fatalError("byte arena without storage") }
    let destination = base + count
    count += length
    return destination
  }
}

/// Append-only UTF-8 storage for many strings, with value semantics (copy on write).
///
/// Storing strings as spans of one block instead of one heap object each keeps a graph
/// of a million evidence sentences within the size of its GraphML file, and lets the
/// GraphML writer escape the bytes without making a `String` first.
package struct ByteArena: Sendable {
  package private(set) var storage = ByteStorage()

  package init() {}

  /// Bytes stored, including those no span refers to any more.
  package var count: Int { storage.count }

  private mutating func makeUnique(reserving extra: Int) {
    if !isKnownUniquelyReferenced(&storage) { storage = ByteStorage(copying: storage, reserving: extra) }
  }

  /// Appends `bytes` and returns their span.
  @discardableResult
  package mutating func append(_ bytes: UnsafeRawBufferPointer) -> ByteSpan {
    makeUnique(reserving: bytes.count)
    let start = storage.count
    if let source = bytes.baseAddress, bytes.count > 0 {
      memcpy(storage.extend(by: bytes.count), source, bytes.count)
    }
    return ByteSpan(start: start, count: bytes.count)
  }

  /// Appends the UTF-8 bytes of `text` and returns their span.
  @discardableResult
  package mutating func append(_ text: String) -> ByteSpan {
    var text = text
    return text.withUTF8 { append(UnsafeRawBufferPointer($0)) }
  }

  /// Appends `length` bytes written by `body` into uninitialized memory.
  @discardableResult
  package mutating func append(length: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Void) -> ByteSpan {
    makeUnique(reserving: length)
    let start = storage.count
    if length > 0 { body(storage.extend(by: length)) }
    return ByteSpan(start: start, count: length)
  }

  /// Calls `body` with the bytes of `span` (which must be present).
  @inline(__always)
  package func withBytes<R>(_ span: ByteSpan, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
    guard span.count > 0, let base = storage.base else { return try body(UnsafeRawBufferPointer(start: nil, count: 0)) }
    return try body(UnsafeRawBufferPointer(start: base + span.start, count: span.count))
  }

  /// The string at `span` (which must be present).
  package func string(_ span: ByteSpan) -> String {
    withBytes(span) { String(decoding: $0, as: UTF8.self) }
  }

  /// Whether the bytes at `span` equal `bytes`.
  @inline(__always)
  package func equals(_ span: ByteSpan, _ bytes: UnsafeRawBufferPointer) -> Bool {
    guard span.count == bytes.count else { return false }
    guard span.count > 0, let base = storage.base, let other = bytes.baseAddress else { return true }
    return memcmp(base + span.start, other, span.count) == 0
  }
}

/// UTF-8 helpers for byte-level code.
extension String {
  /// Calls `body` with the string's UTF-8 bytes.
  @inline(__always)
  package func withUTF8Bytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
    var copy = self
    return try copy.withUTF8 { try body(UnsafeRawBufferPointer($0)) }
  }
}
