import ArgumentParser
import KGCore
import KGGraph

extension NewsGraphCommand {
  /// `newsgraph stats`: what a graph holds.
  struct Stats: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Count a graph's nodes by label and edges by type, and list the best-connected nodes.",
      discussion: """
        Reads GraphML (from any tool) or NewsGraph's node-link JSON.

        Examples:
          newsgraph stats graphs/example.graphml
          newsgraph stats --top 20 --json merged.graphml
        """)

    @Argument(help: "The graph file ('-' for standard input).")
    var file: String

    @Option(help: "How many of the highest-degree nodes to list.")
    var top = 10

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    func validate() throws {
      if top < 0 { throw ValidationError("--top must be 0 or more.") }
    }

    func run() throws {
      let graph = try GraphFiles.read(file)
      let statistics = GraphStatistics(graph: graph, top: top)
      if json {
        print(Self.json(statistics).serialized(pretty: true))
      } else {
        print(Self.table(statistics, file: file), terminator: "")
      }
    }

    static func json(_ statistics: GraphStatistics) -> JSONValue {
      .object([
        ("nodes", .integer(statistics.nodeCount)),
        ("edges", .integer(statistics.edgeCount)),
        ("nodes_by_label", .object(statistics.nodesByLabel.map { ($0.label, .integer($0.count)) })),
        ("edges_by_type", .object(statistics.edgesByType.map { ($0.type, .integer($0.count)) })),
        (
          "top_nodes",
          .array(
            statistics.topNodes.map {
              .object([
                ("id", .string($0.id)), ("name", .string($0.name)),
                ("labels", .array($0.labels.map(JSONValue.string))), ("degree", .integer($0.degree)),
              ])
            })
        ),
      ])
    }

    static func table(_ statistics: GraphStatistics, file: String) -> String {
      var output = "\(file): \(statistics.nodeCount) nodes, \(statistics.edgeCount) edges\n"
      if !statistics.nodesByLabel.isEmpty {
        output += "\nnodes by label\n"
        output += TextTable.render(
          header: ["label", "count"],
          rows: statistics.nodesByLabel.map { [$0.label.isEmpty ? "(none)" : $0.label, String($0.count)] },
          rightAligned: [1])
      }
      if !statistics.edgesByType.isEmpty {
        output += "\nedges by type\n"
        output += TextTable.render(
          header: ["type", "count"], rows: statistics.edgesByType.map { [$0.type, String($0.count)] },
          rightAligned: [1])
      }
      if !statistics.topNodes.isEmpty {
        output += "\ntop \(statistics.topNodes.count) nodes by degree\n"
        output += TextTable.render(
          header: ["name", "labels", "degree", "id"],
          rows: statistics.topNodes.map {
            [$0.name, $0.labels.map { ":" + $0 }.joined(), String($0.degree), $0.id]
          },
          rightAligned: [2])
      }
      return output
    }
  }
}
