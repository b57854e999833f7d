import Foundation

/// Paths of the project and of the shared benchmark material, found from where this
/// source file was compiled (`<root>/Benchmarks/Sources/GraphMLBenchmark/`), so the
/// benchmark works from any current directory.
enum ProjectPaths {
  /// The NewsGraph package root.
  static let root: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<4 { url.deleteLastPathComponent() }
    return url.path
  }()

  /// `../shared/bench` beside the project root.
  static var sharedBench: String { root + "/../shared/bench" }

  /// The peers script.
  static var peersScript: String { sharedBench + "/graphml_peers.py" }

  /// The script that makes the peers' Python environment.
  static var peersSetup: String { sharedBench + "/setup.sh" }

  /// Where files and results go by default: `$NEWSGRAPH_BENCH_DIR/graphml-swift`,
  /// else `/tmp/newsgraph-bench/graphml-swift` (beside the peers script's own folder).
  static var defaultWorkdir: String {
    let base = ProcessInfo.processInfo.environment["NEWSGRAPH_BENCH_DIR"] ?? "/tmp/newsgraph-bench"
    return base + "/graphml-swift"
  }

  /// Creates `path` (and its parents) if needed.
  static func makeDirectory(_ path: String) throws {
    do {
      try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    } catch {
      throw BenchmarkError("cannot create \(path): \(error.localizedDescription)")
    }
  }
}
