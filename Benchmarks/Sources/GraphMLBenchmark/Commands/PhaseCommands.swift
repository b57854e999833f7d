import ArgumentParser
import Foundation

extension GraphMLBenchmarkCommand {
  /// `write`: times GraphMLWriter on the generated graph.
  struct Write: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Time writing the generated graph (the graph is built before the clock starts).")

    @OptionGroup var graphSize: GraphSizeOptions
    @OptionGroup var repetition: RepeatOptions

    @Option(help: "The GraphML file to write (replaced on each run).")
    var out: String = ProjectPaths.defaultWorkdir + "/write.graphml"

    func run() throws {
      try ProjectPaths.makeDirectory(URL(fileURLWithPath: out).deletingLastPathComponent().path)
      let results = try PhaseRuns.repeated(
        .write, file: out, nodes: graphSize.nodeCount, edges: graphSize.edgeCount, times: repetition.repeats)
      PhaseRuns.printSummary(results, operation: "write")
      if let build = median(results.compactMap(\.buildSeconds)),
        let serialize = median(results.compactMap(\.serializeSeconds))
      {
        print(
          "\nBuilding the graph (untimed): \(Format.fixed(build, 2)) s. "
            + "Serializing alone (no file): \(Format.fixed(serialize, 2)) s.")
      }
    }
  }

  /// `read FILE`: times GraphMLReader.
  struct Read: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Time reading a GraphML file into a Graph.")

    @Argument(help: "The GraphML file to read.")
    var file: String

    @OptionGroup var repetition: RepeatOptions

    func run() throws {
      let results = try PhaseRuns.repeated(.read, file: file, times: repetition.repeats)
      PhaseRuns.printSummary(results, operation: "read")
      if let first = results.first { print("\nRead \(first.nodes) nodes and \(first.edges) edges.") }
    }
  }

  /// `validate FILE`: times SchemaValidator.
  struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Time validating a GraphML file against NewsGraph's schema.")

    @Argument(help: "The GraphML file to validate.")
    var file: String

    @Option(help: "The file's edge count, for edges/s (the validator does not count).")
    var edges: Int = 0

    @OptionGroup var repetition: RepeatOptions

    func run() throws {
      let results = try PhaseRuns.repeated(.validate, file: file, edges: edges, times: repetition.repeats)
      PhaseRuns.printSummary(results, operation: "validate")
      let problems = results.first?.problems ?? 0
      print(problems == 0 ? "\nThe file is valid." : "\nThe file has \(problems) problem(s).")
    }
  }
}
