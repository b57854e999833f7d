import Foundation

/// A failure of the benchmark itself (a missing file, a child or tool that failed),
/// printed as one line.
struct BenchmarkError: Error, CustomStringConvertible {
  /// What went wrong.
  var description: String

  /// Creates an error with a one-line message.
  init(_ description: String) { self.description = description }
}

/// Prints a line to standard error, so that standard output stays machine-readable.
func printError(_ line: String) {
  FileHandle.standardError.write(Data((line + "\n").utf8))
}
