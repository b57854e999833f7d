import ArgumentParser
import KGGraph
import KGGraphML

extension GraphMLBenchmarkCommand {
  /// `generate`: writes the benchmark graph to a file, untimed (use `write` to time it).
  struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Write the generated benchmark graph (deterministic) to a GraphML file.")

    @OptionGroup var graphSize: GraphSizeOptions

    @Option(help: "The GraphML file to write.")
    var out: String

    func run() throws {
      var generator = NewsGraphGenerator(nodes: graphSize.nodeCount, edges: graphSize.edgeCount)
      let (graph, buildSeconds) = try measureSeconds { () throws(GraphError) in try generator.makeGraph() }
      let (_, writeSeconds) = try measureSeconds { () throws(GraphMLError) in
        try GraphMLWriter().write(graph, toFile: out)
      }
      print(
        "\(out): \(fileSize(out) ?? 0) bytes, \(graph.nodeCount) nodes, \(graph.edgeCount) edges "
          + "(built in \(Format.fixed(buildSeconds, 2)) s, written in \(Format.fixed(writeSeconds, 2)) s)")
    }
  }
}
