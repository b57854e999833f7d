import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A failure the benchmark reports and stops on.
struct BenchmarkFailure: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}

/// Memory figures of this process from `/proc/self/status` (Linux); `VmHWM` is the
/// peak resident set, `VmRSS` the current one. (`getrusage` is not used: Linux carries
/// `ru_maxrss` across `exec`.)
enum ProcessMemory {
  static func bytes(_ field: String) -> Int? {
    #if os(Linux)
      // Read with open/read: /proc files report a size of 0.
      let descriptor = open("/proc/self/status", O_RDONLY)
      guard descriptor >= 0 else { return nil }
      defer { close(descriptor) }
      var bytes: [UInt8] = []
      var chunk = [UInt8](repeating: 0, count: 4096)
      while true {
        let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, 4096) }
        if count <= 0 { break }
        bytes += chunk[0..<count]
      }
      let status = String(decoding: bytes, as: UTF8.self)
      for line in status.split(separator: "\n") where line.hasPrefix(field + ":") {
        let digits = line.dropFirst(field.count + 1).filter(\.isNumber)
        return Int(digits).map { $0 * 1024 }
      }
      return nil
    #else
      var usage = rusage()
      getrusage(RUSAGE_SELF, &usage)
      return Int(usage.ru_maxrss)
    #endif
  }

  static var peakMB: Double { Double(bytes("VmHWM") ?? 0) / 1_048_576 }
  static var currentMB: Double { Double(bytes("VmRSS") ?? 0) / 1_048_576 }
}

/// The generator's `meta.json`: counts and the hub and low-degree names.
struct GraphMeta {
  var entities: Int
  var edges: Int
  var hub: String
  var hubDegree: Int
  var low: String
  var lowDegree: Int

  init(directory: String) throws {
    let path = directory + "/meta.json"
    guard let data = FileManager.default.contents(atPath: path),
      let object = try JSONSerialization.jsonObject(with: data) as? [String: Any],
      let hub = object["hub"] as? [String: Any], let low = object["low"] as? [String: Any],
      let hubName = hub["name"] as? String, let lowName = low["name"] as? String
    else { throw BenchmarkFailure("cannot read \(path) (run gen_graph.py first)") }
    entities = object["entities"] as? Int ?? 0
    edges = object["edges"] as? Int ?? 0
    self.hub = hubName
    hubDegree = hub["event_degree"] as? Int ?? 0
    self.low = lowName
    lowDegree = low["event_degree"] as? Int ?? 0
  }
}

/// Kùzu's figures from a `bench_query.py` results file (`results/<size>.json`).
struct KuzuResults {
  struct Timing {
    var median: Double, min: Double, max: Double
    var runs: Int
    var summary: String?
  }

  var engine: String
  var queries: [String: Timing] = [:]
  /// `cold`: a new process opens the database and answers Q1 (in-process seconds and
  /// the wall time of the whole Python process).
  var coldSeconds: Double?
  var coldProcessSeconds: Double?
  var openSeconds: Double?
  var loadAverage: String = ""

  init(path: String, engine: String) throws {
    self.engine = engine
    guard let data = FileManager.default.contents(atPath: path),
      let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
    else { throw BenchmarkFailure("cannot read \(path)") }
    if let all = object["queries"] as? [String: Any], let mine = all[engine] as? [String: Any] {
      openSeconds = mine["open_seconds"] as? Double
      for (key, value) in (mine["queries"] as? [String: Any]) ?? [:] {
        guard let record = value as? [String: Any], let median = record["median"] as? Double else { continue }
        var summary: String?
        if let answer = record["summary"] { summary = Self.canonical(answer) }
        queries[key] = Timing(
          median: median, min: record["min"] as? Double ?? median, max: record["max"] as? Double ?? median,
          runs: (record["times"] as? [Any])?.count ?? 0, summary: summary)
      }
    }
    if let cold = object["cold"] as? [String: Any], let mine = cold[engine] as? [String: Any] {
      coldSeconds = (mine["seconds"] as? [String: Any])?["median"] as? Double
      coldProcessSeconds = (mine["process_wall_seconds"] as? [String: Any])?["median"] as? Double
    }
    if let start = object["loadavg_start"] as? [Double], let end = object["loadavg_end"] as? [Double],
      let first = start.first, let last = end.first
    {
      loadAverage = String(format: "%.2f → %.2f", first, last)
    }
  }

  /// A JSON value as text with sorted keys, so that two summaries compare as strings.
  static func canonical(_ value: Any) -> String {
    guard JSONSerialization.isValidJSONObject([value]),
      let data = try? JSONSerialization.data(withJSONObject: [value], options: [.sortedKeys])
    else { return "\(value)" }
    return String(decoding: data, as: UTF8.self)
  }

  /// Our summary (JSON text) in the same canonical form.
  static func canonical(json text: String) -> String {
    guard let value = try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]) else { return text }
    return canonical(value)
  }
}

/// Median of a non-empty list.
func median(_ values: [Double]) -> Double {
  let sorted = values.sorted()
  let middle = sorted.count / 2
  return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/// Milliseconds with sensible precision for a table.
func milliseconds(_ seconds: Double) -> String {
  let ms = seconds * 1000
  if ms < 1 { return String(format: "%.3f", ms) }
  if ms < 100 { return String(format: "%.1f", ms) }
  return String(format: "%.0f", ms)
}

/// The path of this executable, for starting it again.
var selfExecutablePath: String {
  #if os(Linux)
    if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return path }
  #endif
  return Bundle.main.executablePath ?? CommandLine.arguments[0]
}

/// Writes a line to standard output at once (the parent reads it as it comes).
func emit(_ json: JSON) {
  FileHandle.standardOutput.write(Data((json.text + "\n").utf8))
}

/// Progress on standard error.
func note(_ text: String) {
  FileHandle.standardError.write(Data((text + "\n").utf8))
}
