import ArgumentParser

/// The GraphML benchmark: NewsGraph's writer, reader and validator on a generated
/// 1M-edge news graph, against networkx, igraph and libxml2's streaming parser.
@main
struct GraphMLBenchmarkCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "GraphMLBenchmark",
    abstract: "Time GraphML writing, reading and validation against networkx, igraph and xmllint.",
    discussion: """
      Build and run in release mode only:
        cd Benchmarks && swift run -c release GraphMLBenchmark run
        swift run -c release GraphMLBenchmark run --size small

      Each measured phase runs in its own child process, so its peak memory is its own.
      """,
    subcommands: [Run.self, Generate.self, Write.self, Read.self, Validate.self, Measure.self])
}

/// The graph size options shared by the commands that generate a graph.
struct GraphSizeOptions: ParsableArguments {
  @Option(help: "A preset size (small: 10k nodes / 50k edges; large: 100k / 1M).")
  var size: BenchmarkSize = .large

  @Option(help: "Number of nodes (overrides --size).")
  var nodes: Int?

  @Option(help: "Number of edges (overrides --size).")
  var edges: Int?

  var nodeCount: Int { nodes ?? size.nodes }
  var edgeCount: Int { edges ?? size.edges }

  func validate() throws {
    guard nodeCount >= 2 else { throw ValidationError("--nodes must be at least 2.") }
    guard edgeCount >= 0 else { throw ValidationError("--edges must not be negative.") }
  }
}

/// How many times to repeat a measured phase.
struct RepeatOptions: ParsableArguments {
  @Option(help: "Runs per phase; the median time is reported.")
  var repeats: Int = 3

  func validate() throws {
    guard repeats >= 1 else { throw ValidationError("--repeats must be at least 1.") }
  }
}
