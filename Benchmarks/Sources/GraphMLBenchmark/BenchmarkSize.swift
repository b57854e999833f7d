import ArgumentParser

/// The graph sizes the benchmark knows, matching the peers script's sizes.
enum BenchmarkSize: String, ExpressibleByArgument, CaseIterable, Codable {
  /// 10k nodes and 50k edges: a quick run (seconds).
  case small
  /// 100k nodes and 1M edges: the size the goals are stated for (minutes).
  case large

  /// The number of nodes.
  var nodes: Int {
    switch self {
    case .small: 10_000
    case .large: 100_000
    }
  }

  /// The number of edges.
  var edges: Int {
    switch self {
    case .small: 50_000
    case .large: 1_000_000
    }
  }
}
