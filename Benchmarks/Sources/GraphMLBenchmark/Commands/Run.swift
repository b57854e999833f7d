import ArgumentParser
import Foundation

extension GraphMLBenchmarkCommand {
  /// `run`: every measurement, ours and the peers', in one go, then the tables.
  struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Measure NewsGraph and the peers in one run and print the comparison tables.",
      discussion: """
        Steps: write our graph (this also makes our file), copy it with dd (the raw write
        floor), read it, validate it; generate the
        peers' canonical file and read it with NewsGraph and with xmllint --stream; run
        graphml_peers.py (networkx, igraph) once; print Markdown tables with the ratios.
        The large size takes several minutes (networkx alone needs a few).
        """)

    @Option(help: "small (10k nodes / 50k edges) or large (100k / 1M).")
    var size: BenchmarkSize = .large

    @OptionGroup var repetition: RepeatOptions

    @Option(help: "Folder for the generated files and results.")
    var workdir: String = ProjectPaths.defaultWorkdir

    @Option(help: "Python with networkx, igraph and lxml (default: the one setup.sh makes).")
    var python: String?

    @Option(help: "The peers script.")
    var peersScript: String = ProjectPaths.peersScript

    @Flag(help: "Skip the networkx and igraph runs (the canonical file is still made).")
    var skipPeers = false

    @Flag(help: "Keep the GraphML files in the work folder afterwards.")
    var keepFiles = false

    func run() throws {
      try ProjectPaths.makeDirectory(workdir)
      let loadBefore = MachineNote.loadAverage()
      let peers = Peers(
        python: try Peers.python(explicit: python, setupScript: ProjectPaths.peersSetup), script: peersScript)
      let session = FullRun(size: size, repeats: repetition.repeats, workdir: workdir, peers: peers)
      let figures = try session.measureAll(includingPeers: !skipPeers)
      let note = MachineNote.describe(loadBefore: loadBefore, loadAfter: MachineNote.loadAverage())
      let report = RunReport(size: size, figures: figures, machineNote: note).markdown()
      print(report)
      let reportPath = workdir + "/report-\(size.rawValue).md"
      try? report.write(toFile: reportPath, atomically: true, encoding: .utf8)
      printError("[bench] report saved to \(reportPath)")
      if !keepFiles { session.removeGraphFiles() }
    }
  }
}

/// What one `run` measured.
struct RunFigures {
  var write: [PhaseResult]
  var read: [PhaseResult]
  var validate: [PhaseResult]
  var readCanonical: [PhaseResult]
  var xmllintCanonical: [Subprocess.ToolTiming]
  var xmllintOurs: [Subprocess.ToolTiming]
  var xmllintSchemaOurs: [Subprocess.ToolTiming]
  var copyFloor: [Subprocess.ToolTiming]
  var ourBytes: Int
  var canonicalBytes: Int
  var peers: PeerFigures?
}

/// The steps of `run`, in order.
struct FullRun {
  let size: BenchmarkSize
  let repeats: Int
  let workdir: String
  let peers: Peers

  /// Our file (written by the `write` phase).
  var ourFile: String { "\(workdir)/ours-\(size.rawValue).graphml" }
  /// The scratch copy that times the raw write floor.
  var copyFile: String { "\(workdir)/copy-\(size.rawValue).graphml" }
  /// The peers' canonical file.
  var canonicalFile: String { "\(workdir)/kg-\(size.rawValue).graphml" }
  /// The peers script's own work folder.
  var peersWorkdir: String { "\(workdir)/peers" }
  /// The peers script's results.
  var peersResults: String { "\(workdir)/peers-results-\(size.rawValue).json" }

  /// Runs every measurement.
  func measureAll(includingPeers: Bool) throws -> RunFigures {
    let write = try PhaseRuns.repeated(.write, file: ourFile, nodes: size.nodes, edges: size.edges, times: repeats)
    try checkSameBytes(write)
    let ourBytes = write.first?.bytes ?? 0
    let copyFloor = try timeTool(["dd", "if=\(ourFile)", "of=\(copyFile)", "bs=1M", "conv=fsync", "status=none"])
    try? FileManager.default.removeItem(atPath: copyFile)
    let read = try PhaseRuns.repeated(.read, file: ourFile, times: repeats)
    try checkCounts(read)
    let validate = try PhaseRuns.repeated(
      .validate, file: ourFile, nodes: size.nodes, edges: size.edges, times: repeats)
    checkValid(validate)
    let schema = ProjectPaths.root + "/schemas/newsgraph-graphml.xsd"
    let xmllintSchemaOurs = try timeTool(["xmllint", "--nonet", "--stream", "--noout", "--schema", schema, ourFile])
    let xmllintOurs = try timeTool(["xmllint", "--stream", "--noout", ourFile])

    printError("[bench] generating the peers' canonical file \(canonicalFile)")
    try peers.generateCanonical(size: size, to: canonicalFile)
    let readCanonical = try PhaseRuns.repeated(.read, file: canonicalFile, times: repeats)
    try checkCounts(readCanonical)
    let xmllintCanonical = try timeTool(["xmllint", "--stream", "--noout", canonicalFile])

    var peerFigures: PeerFigures?
    if includingPeers {
      printError("[bench] running graphml_peers.py (networkx, igraph, xmllint) once at size \(size.rawValue)")
      peerFigures = try peers.run(size: size, workdir: peersWorkdir, results: peersResults)
    }
    return RunFigures(
      write: write, read: read, validate: validate, readCanonical: readCanonical,
      xmllintCanonical: xmllintCanonical, xmllintOurs: xmllintOurs, xmllintSchemaOurs: xmllintSchemaOurs,
      copyFloor: copyFloor, ourBytes: ourBytes, canonicalBytes: fileSize(canonicalFile) ?? 0, peers: peerFigures)
  }

  /// Deletes the large GraphML files this run made.
  func removeGraphFiles() {
    let files = [ourFile, canonicalFile, "\(peersWorkdir)/kg-\(size.rawValue).graphml"]
    for file in files { try? FileManager.default.removeItem(atPath: file) }
  }

  private func timeTool(_ command: [String]) throws -> [Subprocess.ToolTiming] {
    var timings: [Subprocess.ToolTiming] = []
    for run in 1...repeats {
      let timing = try Subprocess.time(command)
      printError(
        "[bench] \(command.joined(separator: " ")) run \(run)/\(repeats): \(Format.fixed(timing.seconds, 2)) s"
          + (timing.status == 0 ? "" : " (exit status \(timing.status))"))
      timings.append(timing)
    }
    return timings
  }

  /// The writer promises the same bytes for the same graph: every run's file must
  /// have the same size.
  private func checkSameBytes(_ results: [PhaseResult]) throws {
    guard Set(results.map(\.bytes)).count <= 1 else {
      throw BenchmarkError("the write runs produced files of different sizes: \(results.map(\.bytes))")
    }
  }

  private func checkCounts(_ results: [PhaseResult]) throws {
    for result in results where result.nodes != size.nodes || result.edges != size.edges {
      throw BenchmarkError(
        "read \(result.nodes) nodes and \(result.edges) edges from \(result.file), "
          + "expected \(size.nodes) and \(size.edges)")
    }
  }

  private func checkValid(_ results: [PhaseResult]) {
    if let problems = results.first?.problems, problems > 0 {
      printError("[bench] warning: \(ourFile) has \(problems) schema problem(s)")
    }
  }
}

/// Notes about the machine the figures come from.
enum MachineNote {
  /// The 1-minute load average, from `/proc/loadavg` (`nil` elsewhere).
  static func loadAverage() -> Double? {
    guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return nil }
    return text.split(separator: " ").first.flatMap { Double($0) }
  }

  /// A one-line description of the cores and the load.
  static func describe(loadBefore: Double?, loadAfter: Double?) -> String {
    let cores = ProcessInfo.processInfo.activeProcessorCount
    let load = [loadBefore, loadAfter].map { $0.map { Format.fixed($0, 2) } ?? "?" }
    return "\(cores) cores; 1-minute load average \(load[0]) at the start and \(load[1]) at the end "
      + "(other work may have been running; treat differences under ±30% as noise)."
  }
}
