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
    do {
      return .success(try GraphStore(image: image, owner: mapped))
    } catch {
      return .failure(.damaged(error.description))
    }
  }

  /// Writes the snapshot of `graph` (read from `graphPath` when it had `stamp`)
  /// atomically beside the graph file, and returns the store.
  @discardableResult
  public static func write(_ graph: Graph, for graphPath: String, stamp: SnapshotFormat.SourceStamp) throws(InputError) -> GraphStore {
    var builder = SnapshotBuilder(graph: graph, stamp: stamp)
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
