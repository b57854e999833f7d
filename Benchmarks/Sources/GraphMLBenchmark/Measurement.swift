import Foundation

/// What one measured phase reports, as one JSON line from the child process that
/// ran it.
struct PhaseResult: Codable {
  /// `generate`, `write`, `read` or `validate`.
  var phase: String
  /// The GraphML file written or read.
  var file: String
  /// Its size in bytes.
  var bytes: Int
  /// Wall-clock seconds of the measured work only.
  var seconds: Double
  /// Nodes and edges written or read (for `validate`: those of the graph the
  /// caller says the file holds, or 0).
  var nodes: Int
  var edges: Int
  /// The child's peak resident memory (`VmHWM`), in bytes, over its whole life.
  var peakRSSBytes: Int
  /// For `write`: seconds spent building the graph before the clock started.
  var buildSeconds: Double?
  /// For `write`: seconds to serialize the same graph into a sink that drops the
  /// bytes (no file, no `fsync`); the rest of the write is I/O.
  var serializeSeconds: Double?
  /// For `validate`: the number of problems found (0 = valid).
  var problems: Int?

  /// Megabytes (10⁶ bytes) per second.
  var megabytesPerSecond: Double { Double(bytes) / 1e6 / seconds }
  /// Edges per second.
  var edgesPerSecond: Double { Double(edges) / seconds }
  /// Peak RSS in MiB.
  var peakRSSMiB: Double { Double(peakRSSBytes) / 1_048_576 }
  /// Peak RSS divided by the file size.
  var peakRSSPerFileByte: Double { Double(peakRSSBytes) / Double(bytes) }
}

/// The line prefix that marks a child's result on its standard output.
let resultLinePrefix = "RESULT "

extension PhaseResult {
  /// The result as the one line a child prints.
  func encodedLine() throws -> String {
    let data = try JSONEncoder().encode(self)
    return resultLinePrefix + String(decoding: data, as: UTF8.self)
  }

  /// The result in a child's standard output, or `nil` when it printed none.
  static func decode(fromOutput output: String) -> PhaseResult? {
    guard let line = output.split(separator: "\n").last(where: { $0.hasPrefix(resultLinePrefix) }) else {
      return nil
    }
    return try? JSONDecoder().decode(PhaseResult.self, from: Data(line.dropFirst(resultLinePrefix.count).utf8))
  }
}

/// Seconds taken by `body`, on the monotonic clock.
func measureSeconds<T, Failure: Error>(_ body: () throws(Failure) -> T) throws(Failure) -> (T, Double) {
  let clock = ContinuousClock()
  let start = clock.now
  let value = try body()
  return (value, (clock.now - start).inSeconds)
}

extension Duration {
  /// The duration in seconds.
  var inSeconds: Double {
    Double(components.seconds) + Double(components.attoseconds) / 1e18
  }
}

/// The median of `values` (the mean of the two middle ones for an even count).
func median(_ values: [Double]) -> Double? {
  guard !values.isEmpty else { return nil }
  let sorted = values.sorted()
  let middle = sorted.count / 2
  return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/// The size of the file at `path` in bytes, or `nil` when it does not exist.
func fileSize(_ path: String) -> Int? {
  (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue
}
