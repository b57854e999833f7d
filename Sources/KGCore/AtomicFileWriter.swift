#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes a file so that readers only ever see the old contents or the complete new
/// ones: bytes go to a temporary file in the same folder, which is flushed to disk
/// and renamed over the destination by ``commit()``.
///
/// If the writer is dropped without a commit (an error, an interrupted run), the
/// temporary file is removed and the destination is untouched.
public final class AtomicFileWriter {
  /// The path the file will have after ``commit()``.
  public let path: String
  private let temporaryPath: String
  private var descriptor: Int32
  private var buffer: [UInt8] = []
  private var committed = false
  private let durable: Bool
  private static let bufferCapacity = 1 << 20

  /// Opens a temporary file beside `path`.
  ///
  /// - Parameter durable: Sync the file to disk before the rename (slower; on by
  ///   default). Without it the replacement is still atomic for readers.
  /// - Throws: `InputError` when the folder does not exist or is not writable.
  public init(path: String, durable: Bool = true) throws(InputError) {
    self.path = path
    self.durable = durable
    let slash = path.lastIndex(of: "/")
    let folder = slash.map { String(path[...$0]) } ?? ""
    let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
    var attempt = 0
    var candidate = ""
    var opened: Int32 = -1
    repeat {
      candidate = "\(folder).\(name).tmp-\(getpid())-\(attempt)"
      opened = open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
      attempt += 1
    } while opened < 0 && errno == EEXIST && attempt < 100
    guard opened >= 0 else {
      throw InputError("cannot write: \(String(cString: strerror(errno)))", at: SourceLocation(file: path))
    }
    temporaryPath = candidate
    descriptor = opened
    buffer.reserveCapacity(64 * 1024)
  }

  deinit {
    if !committed {
      if descriptor >= 0 { close(descriptor) }
      unlink(temporaryPath)
    }
  }

  /// Appends bytes to the file.
  public func write(_ bytes: some Sequence<UInt8>) throws(InputError) {
    buffer.append(contentsOf: bytes)
    if buffer.count >= Self.bufferCapacity { try flush() }
  }

  /// Appends the UTF-8 bytes of a string to the file.
  public func write(_ text: String) throws(InputError) {
    buffer.append(contentsOf: text.utf8)
    if buffer.count >= Self.bufferCapacity { try flush() }
  }

  /// Writes out what is buffered.
  public func flush() throws(InputError) {
    var failure: Int32 = 0
    buffer.withUnsafeBytes { raw in
      var offset = 0
      while offset < raw.count {
        let written = Glibc.write(descriptor, raw.baseAddress.map { $0 + offset }, raw.count - offset)
        if written < 0 {
          if errno == EINTR { continue }
          failure = errno
          return
        }
        offset += written
      }
    }
    buffer.removeAll(keepingCapacity: true)
    if failure != 0 {
      throw InputError("cannot write: \(String(cString: strerror(failure)))", at: SourceLocation(file: path))
    }
  }

  /// Flushes, syncs and renames the temporary file over the destination.
  public func commit() throws(InputError) {
    try flush()
    if durable && fsync(descriptor) != 0 && errno != EINVAL {
      throw InputError("cannot sync: \(String(cString: strerror(errno)))", at: SourceLocation(file: path))
    }
    close(descriptor)
    descriptor = -1
    guard rename(temporaryPath, path) == 0 else {
      let reason = String(cString: strerror(errno))
      unlink(temporaryPath)
      committed = true
      throw InputError("cannot replace file: \(reason)", at: SourceLocation(file: path))
    }
    committed = true
  }

  /// Writes `contents` to `path` atomically.
  public static func write(_ contents: String, to path: String) throws(InputError) {
    let writer = try AtomicFileWriter(path: path)
    try writer.write(contents)
    try writer.commit()
  }
}
