import ArgumentParser
import KGCore

#if canImport(Glibc)
  import Glibc
#endif

/// The `newsgraph` command: news articles to a knowledge graph, and tools for the graph.
@main
struct NewsGraphCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "newsgraph",
    abstract: "Turn news articles into a knowledge graph of people, countries and organizations.",
    discussion: """
      Graphs are GraphML files that networkx, igraph, Gephi, Cytoscape and yEd open.

      Examples:
        newsgraph stats graphs/example.graphml
        newsgraph validate graphs/*.graphml
        newsgraph convert graphs/example.graphml -o example.json

      Errors are printed as 'newsgraph: error: FILE:LINE:COL: what is wrong'.
      Exit status: 0 success, 1 bad input, 2 bad usage.
      """,
    version: "0.1.0",
    subcommands: [Extract.self, Merge.self, Query.self, Validate.self, Stats.self, Convert.self])

  /// Parses the arguments, runs the command and maps failures to exit statuses:
  /// 1 with a one-line message for bad input, 2 for bad usage.
  static func main() {
    do {
      var command = try parseAsRoot()
      try command.run()
    } catch let error as NewsGraphError {
      CommandOutput.error(error.description)
      Glibc.exit(1)
    } catch let code as ExitCode {
      Glibc.exit(code.rawValue)
    } catch {
      let code = exitCode(for: error)
      if code == .success {
        print(fullMessage(for: error))
        Glibc.exit(0)
      }
      CommandOutput.standardError(fullMessage(for: error) + "\n")
      Glibc.exit(code == .validationFailure ? 2 : code.rawValue)
    }
  }
}
