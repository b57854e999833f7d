import ArgumentParser
import KGCore
import KGGraph

extension NewsGraphCommand {
  /// `newsgraph convert`: GraphML to and from node-link JSON.
  struct Convert: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Convert a graph between GraphML and node-link JSON.",
      discussion: """
        Formats follow the file extensions (.graphml/.xml, .json) unless --from and --to
        say otherwise; '-' reads standard input or writes standard output. The output
        file is replaced atomically: an interrupted run leaves the old file whole.

        The JSON form (documented in README):
          {"directed": true, "multigraph": true, "graph": {...},
           "nodes": [{"id": ..., "labels": [...], "properties": {...}}],
           "edges": [{"id": ..., "source": ..., "target": ..., "type": ..., "properties": {...}}]}

        Examples:
          newsgraph convert graphs/example.graphml -o example.json
          newsgraph convert example.json -o example.graphml
          newsgraph convert graphs/example.graphml --to json -o - | jq '.nodes[].properties.name'
        """)

    @Argument(help: "The graph to read ('-' for standard input).")
    var input: String

    @Option(name: .shortAndLong, help: "Where to write ('-' for standard output).")
    var output: String

    @Option(help: "The input format (default: from the extension, else by content).")
    var from: GraphFormat?

    @Option(help: "The output format (default: from the extension, else graphml).")
    var to: GraphFormat?

    func run() throws {
      let graph = try GraphFiles.read(input, format: from)
      try GraphFiles.write(graph, to: output, format: to)
      if output != "-" {
        CommandOutput.note("wrote \(output): \(graph.nodeCount) nodes, \(graph.edgeCount) edges")
      }
    }
  }
}
