import Foundation

/// The peers script (`shared/bench/graphml_peers.py`): networkx, igraph and
/// xmllint on the same kind of graph, and the canonical file every reader reads.
struct Peers {
  /// The Python that has networkx, igraph and lxml (printed by `setup.sh`).
  let python: String
  /// The path of `graphml_peers.py`.
  let script: String

  /// Writes the peers' canonical GraphML file of `size` to `path`.
  func generateCanonical(size: BenchmarkSize, to path: String) throws {
    let (status, _) = try Subprocess.run(python, [script, "generate", "--size", size.rawValue, "--out", path])
    guard status == 0 else { throw BenchmarkError("graphml_peers.py generate failed (exit status \(status))") }
  }

  /// Runs every peer once at `size` (its own progress goes to our output) and
  /// returns its figures, read back from the results JSON it writes.
  func run(size: BenchmarkSize, workdir: String, results: String) throws -> PeerFigures {
    let arguments = [
      script, "run", "--sizes", size.rawValue, "--repeats", "1", "--workdir", workdir, "--results", results,
    ]
    let (status, _) = try Subprocess.run(python, arguments)
    guard status == 0 else { throw BenchmarkError("graphml_peers.py run failed (exit status \(status))") }
    return try PeerFigures(resultsFile: results, size: size)
  }

  /// The Python interpreter to use: `explicit` if given, else the default
  /// environment made by `setup.sh` (running it when it is missing).
  static func python(explicit: String?, setupScript: String) throws -> String {
    if let explicit { return explicit }
    let standard = "/tmp/newsgraph-peers/bin/python"
    if FileManager.default.isExecutableFile(atPath: standard) { return standard }
    printError("[bench] setting up the peers' Python environment with \(setupScript) (once)")
    let (status, output) = try Subprocess.run("/bin/bash", [setupScript], captureOutput: true)
    guard status == 0, let line = output.split(separator: "\n").last else {
      throw BenchmarkError("\(setupScript) failed (exit status \(status)); pass --python PATH")
    }
    return String(line)
  }
}

/// The part of the peers script's results JSON the benchmark uses:
/// `sizes.<size>.canonical.bytes` and `sizes.<size>.ops.<name>.{seconds, bytes,
/// peak_rss_kib, rc, note}`.
struct PeerFigures {
  /// The canonical file's size in bytes.
  let canonicalBytes: Int
  /// The graph's edge count.
  let edges: Int
  /// The versions the script recorded (`networkx`, `igraph`, `xmllint`, ...).
  let versions: [String: String]
  private let operations: [String: Operation]

  /// One operation's median figures.
  struct Operation: Decodable {
    var seconds: Double?
    var bytes: Int?
    var peak_rss_kib: Int?
    var rc: Int?
    var note: String?
  }

  private struct File: Decodable {
    struct Size: Decodable {
      struct Canonical: Decodable { var bytes: Int }
      var edges: Int
      var canonical: Canonical
      var ops: [String: Operation]
    }
    var meta: [String: Scalar]
    var sizes: [String: Size]
  }

  /// A JSON scalar of the `meta` object, kept as text.
  private struct Scalar: Decodable {
    var text: String
    init(from decoder: Decoder) throws {
      let container = try decoder.singleValueContainer()
      if let string = try? container.decode(String.self) {
        text = string
      } else if let number = try? container.decode(Double.self) {
        text = number == number.rounded() ? String(Int(number)) : String(number)
      } else {
        text = ""
      }
    }
  }

  /// Reads the figures of `size` from the results file.
  init(resultsFile path: String, size: BenchmarkSize) throws {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw BenchmarkError("no peers results at \(path)")
    }
    let file = try JSONDecoder().decode(File.self, from: data)
    guard let figures = file.sizes[size.rawValue] else {
      throw BenchmarkError("\(path) has no figures for size \(size.rawValue)")
    }
    canonicalBytes = figures.canonical.bytes
    edges = figures.edges
    operations = figures.ops
    versions = file.meta.mapValues(\.text)
  }

  /// The row for the peer operation `name` (`igraph.read`, `xmllint --stream --noout`,
  /// ...), or `nil` when it did not run or failed.
  func row(_ name: String, system: String, operation: String, file: String) -> ResultRow? {
    guard let figures = operations[name], let seconds = figures.seconds, (figures.rc ?? 0) == 0 else { return nil }
    return ResultRow(
      system: system, operation: operation, file: file, bytes: figures.bytes ?? canonicalBytes, seconds: seconds,
      edges: edges, peakRSSBytes: figures.peak_rss_kib.map { $0 * 1024 }, runs: 1)
  }

  /// Why the peer operation `name` has no row.
  func problem(_ name: String) -> String? {
    guard let figures = operations[name] else { return "not run" }
    if let note = figures.note { return note }
    if let rc = figures.rc, rc != 0 { return "exit status \(rc)" }
    return figures.seconds == nil ? "no time recorded" : nil
  }
}
