import ArgumentParser

extension GraphMLBenchmarkCommand {
  /// `measure`: one measured phase, run as a child process by the other commands.
  /// Prints one `RESULT {json}` line.
  struct Measure: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Measure one phase in this process and print its result as JSON (used internally).",
      shouldDisplay: false)

    /// The phases that can be measured.
    enum Phase: String, ExpressibleByArgument, CaseIterable {
      case write, read, validate
    }

    @Argument(help: "The phase to measure.")
    var phase: Phase

    @Argument(help: "The file to write (write) or read (read, validate).")
    var file: String

    @Option(help: "Nodes to generate (write), or known to be in the file (validate).")
    var nodes: Int = 0

    @Option(help: "Edges to generate (write), or known to be in the file (validate).")
    var edges: Int = 0

    func validate() throws {
      if phase == .write && nodes < 2 { throw ValidationError("measure write needs --nodes of at least 2.") }
      guard nodes >= 0, edges >= 0 else { throw ValidationError("--nodes and --edges must not be negative.") }
    }

    func run() throws {
      let result: PhaseResult
      switch phase {
      case .write: result = try Phases.write(nodes: nodes, edges: edges, to: file)
      case .read: result = try Phases.read(file)
      case .validate: result = try Phases.validate(file, nodes: nodes, edges: edges)
      }
      print(try result.encodedLine())
    }
  }
}

/// Repeated measurements of one phase, each in a fresh child process.
enum PhaseRuns {
  /// Measures `phase` on `file` `times` times and logs each run to standard error.
  static func repeated(
    _ phase: GraphMLBenchmarkCommand.Measure.Phase, file: String, nodes: Int = 0, edges: Int = 0, times: Int
  ) throws -> [PhaseResult] {
    var results: [PhaseResult] = []
    for run in 1...times {
      let arguments = [phase.rawValue, file, "--nodes", String(nodes), "--edges", String(edges)]
      let result = try Subprocess.measure(arguments)
      printError(
        "[bench] \(phase.rawValue) \(file) run \(run)/\(times): \(Format.fixed(result.seconds, 2)) s, "
          + "\(Format.fixed(result.megabytesPerSecond, 1)) MB/s, peak RSS \(Format.fixed(result.peakRSSMiB, 0)) MiB")
      results.append(result)
    }
    return results
  }

  /// Prints a one-row table for standalone `write`, `read` and `validate`.
  static func printSummary(_ results: [PhaseResult], operation: String) {
    guard let row = ResultRow(results, operation: operation, file: results.first?.file ?? "") else { return }
    print(Report.resultsTable([row]))
  }
}
