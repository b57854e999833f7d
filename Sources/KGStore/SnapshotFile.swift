#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif
import KGCore
import KGGraph

/// The snapshot kept beside a graph file: `G.graphml` → `G.graphml.snapshot`, a
/// ``GraphStore`` image stamped with the size and modification time of the file it
/// was made from.
///
/// ``open(for:)`` maps it read-only and trusts it only when the stamp equals the graph
/// file's current one and every checksum and bound holds; otherwise the caller reads
/// the graph file and writes a new snapshot with ``write(_:for:stamp:)``.
public enum SnapshotFile {
  /// Where the snapshot of `graphPath` lives.
  public static func path(for graphPath: String) -> String { graphPath + ".snapshot" }

  /// The size and modification time of the file at `path`, or `nil` when it cannot
  /// be read.
  public static func stamp(of path: String) -> SnapshotFormat.SourceStamp? {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    return SnapshotFormat.SourceStamp(
      size: UInt64(info.st_size), modifiedSeconds: Int64(info.st_mtim.tv_sec),
      modifiedNanoseconds: Int64(info.st_mtim.tv_nsec))
  }

  /// Why a snapshot could not be used.
  public enum Refusal: Error, Sendable, CustomStringConvertible {
    case missing
    case stale
    case damaged(String)

    public var description: String {
      switch self {
      case .missing: "no snapshot"
      case .stale: "the snapshot is older than the graph file"
      case .damaged(let reason): "the snapshot is damaged (\(reason))"
      }
    }
  }

  /// The store mapped from the snapshot of `graphPath`, or why there is none to trust.
  public static func open(for graphPath: String) -> Result<GraphStore, Refusal> {
    guard let current = stamp(of: graphPath) else { return .failure(.missing) }
    let snapshotPath = path(for: graphPath)
    guard let mapped = MappedFile(path: snapshotPath) else { return .failure(.missing) }
    let image = mapped.bytes
    guard image.count >= SnapshotFormat.headerSize else { return .failure(.damaged("too short")) }
    let recorded = SnapshotFormat.SourceStamp(
      size: UInt64(littleEndian: image.loadUnaligned(fromByteOffset: 16, as: UInt64.self)),
      modifiedSeconds: Int64(littleEndian: image.loadUnaligned(fromByteOffset: 24, as: Int64.self)),
      modifiedNanoseconds: Int64(littleEndian: image.loadUnaligned(fromByteOffset: 32, as: Int64.self)))
    guard recorded == current else { return .failure(.stale) }
    // A snapshot an older NewsGraph wrote is out of date, not damaged.
    if image[0..<8].elementsEqual(SnapshotFormat.magic),
      UInt32(littleEndian: image.loadUnaligned(fromByteOffset: 8, as: UInt32.self)) != SnapshotFormat.version
    {
      return .failure(.stale)
    }
    let store: GraphStore
    do {
      store = try GraphStore(image: image, owner: mapped)
    } catch {
      return .failure(.damaged(error.description))
    }
    // Size and time can survive an edit (a coarse clock, a copy that keeps times): the
    // file's first and last bytes must be those the snapshot was made from, too.
    guard store.sourceFingerprint == fingerprint(of: graphPath) else { return .failure(.stale) }
    return .success(store)
  }

  /// A checksum of the first and last 64 KiB of the file at `path` and its size (0 when
  /// it cannot be read).
  public static func fingerprint(of path: String) -> UInt64 {
    let descriptor = Glibc.open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { return 0 }
    defer { close(descriptor) }
    var info = stat()
    guard fstat(descriptor, &info) == 0 else { return 0 }
    let size = Int(info.st_size)
    let window = 1 << 16
    var bytes = [UInt8](repeating: 0, count: min(size, window) + min(max(size - window, 0), window))
    let headCount = min(size, window)
    let tailCount = bytes.count - headCount
    let complete = bytes.withUnsafeMutableBytes { raw -> Bool in
      guard let base = raw.baseAddress else { return true }
      return pread(descriptor, base, headCount, 0) == headCount
        && (tailCount == 0 || pread(descriptor, base + headCount, tailCount, off_t(size - tailCount)) == tailCount)
    }
    guard complete else { return 0 }
    return bytes.withUnsafeBytes { Checksum.of($0) } ^ UInt64(size)
  }

  /// Writes the snapshot of `graph` (read from `graphPath` when it had `stamp`)
  /// atomically beside the graph file, and returns the store.
  @discardableResult
  public static func write(_ graph: Graph, for graphPath: String, stamp: SnapshotFormat.SourceStamp) throws(InputError) -> GraphStore {
    var builder = SnapshotBuilder(graph: graph, stamp: stamp, sourceFingerprint: fingerprint(of: graphPath))
    let buffer = builder.build()
    let writer = try AtomicFileWriter(path: path(for: graphPath), durable: false)
    let bytes = buffer.bytes
    var offset = 0
    while offset < bytes.count {
      let end = min(offset + (1 << 20), bytes.count)
      try writer.write(UnsafeRawBufferPointer(rebasing: bytes[offset..<end]))
      offset = end
    }
    try writer.commit()
    do {
      return try GraphStore(image: bytes, owner: buffer)
    } catch {
      fatalError("snapshot of an in-memory graph refused: \(error)")
    }
  }
}

/// A file mapped read-only into memory, unmapped when released.
final class MappedFile: @unchecked Sendable {
  private let base: UnsafeMutableRawPointer?
  private let length: Int

  init?(path: String) {
    let descriptor = Glibc.open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    var info = stat()
    guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
    length = Int(info.st_size)
    guard length > 0 else {
      base = nil
      return
    }
    let mapped = mmap(nil, length, PROT_READ, MAP_PRIVATE | MAP_POPULATE, descriptor, 0)
    guard let mapped, mapped != MAP_FAILED else { return nil }
    base = mapped
  }

  deinit { if let base { munmap(base, length) } }

  var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: length) }
}
