import ArgumentParser
import Dispatch
import Foundation
import KGCore
import KGCypher
import KGGraph

extension NewsGraphCommand {
  /// `newsgraph query`: openCypher over a graph file.
  struct Query: ParsableCommand {
    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json, csv }

    static let configuration = CommandConfiguration(
      abstract: "Run an openCypher query on a graph file, or start an interactive shell.",
      discussion: """
        Supported: MATCH and OPTIONAL MATCH (labels, property maps, types with |,
        direction, variable length *1..3, named paths), WHERE, RETURN, WITH, UNWIND,
        ORDER BY, SKIP, LIMIT, DISTINCT, UNION, aggregation (count, collect, min, max,
        sum, avg), CREATE, lists, maps, CASE, list comprehensions, and the usual
        functions. A CREATE saves the graph back to the file (atomically); a file that
        does not exist yet starts as an empty graph.

        Examples:
          newsgraph query --graph graphs/example.graphml \\
            'MATCH (a:Person)-[r:met|talked_to]-(b) RETURN a.name, type(r), b.name'
          newsgraph query --graph g.graphml --params '{"who": "Tanaka"}' \\
            'MATCH (p:Person {name: $who})-[:said]->(x) RETURN x.name'
          newsgraph query --graph g.graphml        (interactive; end statements with ;)

        Snapshot: reading statements do not parse the GraphML each time. The first
        query writes G.graphml.snapshot beside G.graphml (flat columns, adjacency by
        relationship type, an index on string properties such as name); later queries
        map it into memory and start in milliseconds. It is rebuilt whenever the graph
        file changes (size or modification time) and never trusted when damaged.
        --no-snapshot reads the file and leaves no snapshot.

        Errors exit with status 2; with --format json they are printed as
        {"error": {"kind": "SyntaxError", "message": ...}}.
        """)

    @Option(help: "The graph file (GraphML); created by a CREATE when it does not exist.")
    var graph: String

    @Argument(help: "The query (omit it, and -f, for the interactive shell).")
    var query: String?

    @Option(name: .shortAndLong, help: "Read the query from a file.")
    var file: String?

    @Option(help: "Output format (default: table on a terminal, json otherwise).")
    var format: Format?

    @Option(help: "Query parameters as a JSON object (names without '$').")
    var params: String?

    @Flag(help: "Read the graph file itself; neither use nor write the snapshot beside it.")
    var noSnapshot = false

    func run() throws {
      let parameters = try parseParameters()
      let chosen = format ?? (isatty(STDOUT_FILENO) == 1 ? .table : .json)
      var text = query
      if let file { text = String(decoding: try GraphFiles.readFile(file), as: UTF8.self) }
      guard let text else {
        try Shell(graphPath: graph, parameters: parameters, useSnapshot: !noSnapshot).run()
        return
      }
      let result: QueryResult
      do {
        // Syntax errors come before the graph is opened; a writing statement needs the
        // graph file, a reading one only its snapshot.
        if try QueryEngine.isUpdating(text) {
          result = try QueryEngine.run(text, on: try QueryGraphFiles.graph(graph), parameters: parameters)
        } else {
          result = try QueryEngine.run(text, on: try QueryGraphFiles.store(graph, useSnapshot: !noSnapshot), parameters: parameters)
        }
      } catch let error as CypherError {
        if chosen == .json {
          print(
            JSONValue.object([
              ("error", .object([("kind", .string(error.kind.rawValue)), ("message", .string(error.rendered(in: text)))]))
            ]).serialized())
        } else {
          CommandOutput.error(error.rendered(in: text))
        }
        throw ExitCode(2)
      }
      if result.changedGraph, let changed = result.graph {
        try QueryGraphFiles.save(changed, to: graph, useSnapshot: !noSnapshot)
        CommandOutput.note("saved \(graph) (\(changed.nodeCount) nodes, \(changed.edgeCount) edges)")
      }
      print(Self.render(result, chosen), terminator: "")
    }

    static func render(_ result: QueryResult, _ format: Format) -> String {
      switch format {
      case .json: return result.json().serialized(specialFloats: true) + "\n"
      case .table: return result.table()
      case .csv:
        func quoted(_ text: String) -> String {
          text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
        }
        var output = result.columns.map(quoted).joined(separator: ",") + "\n"
        for row in result.rows { output += row.map { quoted(result.text($0)) }.joined(separator: ",") + "\n" }
        return output
      }
    }

    func parseParameters() throws -> [String: Value] {
      guard let params else { return [:] }
      guard case .object(let members) = try JSONValue.parse(params, file: "--params") else {
        throw ValidationError("--params must be a JSON object.")
      }
      var result: [String: Value] = [:]
      for member in members { result[member.key] = Value(json: member.value) }
      return result
    }
  }
}

/// The interactive shell: statements end with `;`, `:help` explains, `:history` lists
/// what was run, `:quit` leaves; each query prints its time.
struct Shell {
  let graphPath: String
  let parameters: [String: Value]
  let useSnapshot: Bool

  func run() throws {
    // Reading statements use the store; the graph is read on the first write and kept.
    var store = try QueryGraphFiles.store(graphPath, useSnapshot: useSnapshot)
    var graph: Graph?
    var history: [String] = []
    var buffer = ""
    print("newsgraph query shell on \(graphPath) (\(store.nodeCount) nodes, \(store.edgeCount) edges). End statements with ';', :help for help.")
    while true {
      print(buffer.isEmpty ? "cypher> " : "   ...> ", terminator: "")
      guard let line = readLine() else { break }
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      if buffer.isEmpty && trimmed.hasPrefix(":") {
        switch trimmed {
        case ":quit", ":exit", ":q": return
        case ":history": for (index, entry) in history.enumerated() { print("\(index + 1)  \(entry)") }
        default:
          print(":help this text, :history past statements, :quit leave. Statements end with ';', e.g.")
          print("  MATCH (a:Person)-[:met]-(b) RETURN a.name, b.name LIMIT 10;")
        }
        continue
      }
      buffer += (buffer.isEmpty ? "" : "\n") + line
      guard trimmed.hasSuffix(";") else { continue }
      let statement = buffer
      buffer = ""
      history.append(statement.replacingOccurrences(of: "\n", with: " "))
      let start = DispatchTime.now()
      do {
        let result: QueryResult
        if try QueryEngine.isUpdating(statement) {
          result = try QueryEngine.run(statement, on: try graph ?? QueryGraphFiles.graph(graphPath), parameters: parameters)
          if result.changedGraph, let changed = result.graph {
            graph = changed
            store = try QueryGraphFiles.save(changed, to: graphPath, useSnapshot: useSnapshot)
            print("saved \(graphPath) (\(changed.nodeCount) nodes, \(changed.edgeCount) edges)")
          }
        } else {
          result = try QueryEngine.run(statement, on: store, parameters: parameters)
        }
        print(NewsGraphCommand.Query.render(result, .table), terminator: "")
      } catch let error as CypherError {
        print(error.rendered(in: statement))
      } catch {
        print("\(error)")
      }
      let milliseconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e6
      print(String(format: "(%.1f ms)", milliseconds))
    }
  }
}
