import Foundation

/// One line of the results table: one system doing one operation on one file.
struct ResultRow {
  /// `NewsGraph`, `igraph`, `networkx`, `libxml2`.
  var system: String
  /// What was done (`write`, `read`, `validate`, `xmllint --stream --noout`).
  var operation: String
  /// Which file: `ours` (written by NewsGraph) or `canonical` (the peers').
  var file: String
  /// The file's size in bytes.
  var bytes: Int
  /// Median wall-clock seconds.
  var seconds: Double
  /// Edges in the graph.
  var edges: Int
  /// Peak RSS in bytes (`nil` when unknown).
  var peakRSSBytes: Int?
  /// How many runs the median is over.
  var runs: Int

  var megabytesPerSecond: Double { Double(bytes) / 1e6 / seconds }
  var edgesPerSecond: Double { Double(edges) / seconds }
  var peakRSSPerFileByte: Double? { peakRSSBytes.map { Double($0) / Double(bytes) } }

  /// The row for repeated runs of one phase of ours: the median time and the
  /// highest peak memory of the runs.
  init?(_ results: [PhaseResult], operation: String, file: String) {
    guard let first = results.first, let seconds = median(results.map(\.seconds)) else { return nil }
    self.init(
      system: "NewsGraph", operation: operation, file: file, bytes: first.bytes, seconds: seconds,
      edges: first.edges, peakRSSBytes: results.map(\.peakRSSBytes).max(), runs: results.count)
  }

  /// The row for repeated timings of an external tool.
  init?(_ timings: [Subprocess.ToolTiming], system: String, operation: String, file: String, bytes: Int, edges: Int) {
    guard let seconds = median(timings.map(\.seconds)) else { return nil }
    let peaks = timings.compactMap(\.peakRSSBytes)
    self.init(
      system: system, operation: operation, file: file, bytes: bytes, seconds: seconds, edges: edges,
      peakRSSBytes: peaks.max(), runs: timings.count)
  }

  init(
    system: String, operation: String, file: String, bytes: Int, seconds: Double, edges: Int,
    peakRSSBytes: Int?, runs: Int
  ) {
    self.system = system
    self.operation = operation
    self.file = file
    self.bytes = bytes
    self.seconds = seconds
    self.edges = edges
    self.peakRSSBytes = peakRSSBytes
    self.runs = runs
  }
}

/// A ratio of ours to a peer, with the goal it is held to (if any).
struct Ratio {
  enum Goal {
    case atLeast(Double)
    case atMost(Double)
  }

  /// What is divided by what.
  var name: String
  /// The ratio (`nil` when a figure is missing).
  var value: Double?
  var goal: Goal?

  /// `yes`, `no`, or empty when there is no goal or no value.
  var verdict: String {
    guard let goal, let value else { return "" }
    switch goal {
    case .atLeast(let bound): return value >= bound ? "yes" : "no"
    case .atMost(let bound): return value <= bound ? "yes" : "no"
    }
  }

  var goalText: String {
    switch goal {
    case .atLeast(let bound): "≥ \(Format.fixed(bound, 1))"
    case .atMost(let bound): "≤ \(Format.fixed(bound, 1))"
    case nil: ""
    }
  }

  /// `a / b`, or `nil` when either is missing.
  static func divide(_ a: Double?, _ b: Double?) -> Double? {
    guard let a, let b, b > 0 else { return nil }
    return a / b
  }
}

/// Markdown tables of results and ratios.
enum Report {
  /// The results table: one line per row.
  static func resultsTable(_ rows: [ResultRow]) -> String {
    var lines = [
      "| system | operation | file | file MB | runs | seconds (median) | MB/s | edges/s | peak RSS MiB | peak RSS / file |",
      "|---|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows {
      let rss = row.peakRSSBytes.map { Format.fixed(Double($0) / 1_048_576, 0) } ?? "n/a"
      let perFile = row.peakRSSPerFileByte.map { Format.fixed($0, 2) } ?? "n/a"
      let cells = [
        row.system, row.operation, row.file, Format.fixed(Double(row.bytes) / 1e6, 1), String(row.runs),
        Format.fixed(row.seconds, 2), Format.fixed(row.megabytesPerSecond, 1),
        Format.grouped(row.edgesPerSecond), rss, perFile,
      ]
      lines.append("| " + cells.joined(separator: " | ") + " |")
    }
    return lines.joined(separator: "\n")
  }

  /// The ratios table.
  static func ratiosTable(_ ratios: [Ratio]) -> String {
    var lines = ["| ratio | value | goal | met |", "|---|---:|---:|:---:|"]
    for ratio in ratios {
      let value = ratio.value.map { Format.fixed($0, 2) } ?? "n/a"
      lines.append("| \(ratio.name) | \(value) | \(ratio.goalText) | \(ratio.verdict) |")
    }
    return lines.joined(separator: "\n")
  }
}

/// Number formatting that does not depend on the locale.
enum Format {
  /// `value` with `digits` decimals.
  static func fixed(_ value: Double, _ digits: Int) -> String {
    guard value.isFinite else { return "n/a" }
    return String(format: "%.\(digits)f", value)
  }

  /// `value` rounded, with thousands separated by commas (`1,234,567`).
  static func grouped(_ value: Double) -> String {
    guard value.isFinite else { return "n/a" }
    let digits = String(Int(value.rounded()))
    var output = ""
    for (offset, character) in digits.reversed().enumerated() {
      if offset > 0 && offset % 3 == 0 { output.append(",") }
      output.append(character)
    }
    return String(output.reversed())
  }
}
