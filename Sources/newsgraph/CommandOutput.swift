import KGCore

#if canImport(Glibc)
  import Glibc
#endif

/// Writing to standard output and standard error, and the error line format.
enum CommandOutput {
  /// Prints `newsgraph: error: MESSAGE` on standard error.
  static func error(_ message: String) {
    standardError("newsgraph: error: \(message)\n")
  }

  /// Prints `newsgraph: MESSAGE` on standard error (progress, summaries).
  static func note(_ message: String) {
    standardError("newsgraph: \(message)\n")
  }

  static func standardError(_ text: String) {
    _ = writeAll(Array(text.utf8), to: STDERR_FILENO)
  }

  /// Writes bytes to standard output.
  static func standardOutput(_ bytes: [UInt8]) throws(InputError) {
    guard writeAll(bytes, to: STDOUT_FILENO) else {
      throw InputError("cannot write to standard output: \(String(cString: strerror(errno)))")
    }
  }

  private static func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> Bool {
    bytes.withUnsafeBytes { raw in
      var offset = 0
      while offset < raw.count {
        let written = write(descriptor, raw.baseAddress.map { $0 + offset }, raw.count - offset)
        if written < 0 {
          if errno == EINTR { continue }
          return false
        }
        offset += written
      }
      return true
    }
  }

  /// Reads all of standard input.
  static func readStandardInput() -> [UInt8] {
    var result: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let count = chunk.withUnsafeMutableBytes { read(STDIN_FILENO, $0.baseAddress, $0.count) }
      if count < 0 && errno == EINTR { continue }
      if count <= 0 { break }
      result.append(contentsOf: chunk[0..<count])
    }
    return result
  }
}
