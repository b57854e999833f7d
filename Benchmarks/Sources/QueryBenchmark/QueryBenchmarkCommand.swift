import ArgumentParser
import Foundation

/// The query benchmark: `bench_query.py`'s five queries (who talked to whom) on the
/// graph `gen_graph.py` writes, in NewsGraph's Cypher engine, beside Kùzu's figures.
@main
struct QueryBenchmarkCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "QueryBenchmark",
    abstract: "Time bench_query.py's queries in NewsGraph's Cypher engine, beside Kùzu.",
    discussion: """
      Build in release mode only:
        cd Benchmarks && swift build -c release
        PY=/tmp/newsgraph-peers/bin/python
        $PY ../../shared/bench/query_peers/gen_graph.py --size L
        $PY ../../shared/bench/query_peers/bench_query.py --size L --engines kuzu-typed,kuzu-single --runs 5
          (bench_query.py's versions() needs grand-cypher, grandiso and lark installed,
          which setup.sh does not install; see query_bench.md)
        .build/release/QueryBenchmark run --data /tmp/newsgraph-bench/data/L \\
            --kuzu /tmp/newsgraph-bench/results/L.json
        .build/release/QueryBenchmark cold --data /tmp/newsgraph-bench/data/L \\
            --newsgraph ../.build/release/newsgraph

      The graph is loaded once per child process; a query that runs past --timeout or
      grows the process past --max-rss-mb is stopped, and a new child goes on with the rest.
      """,
    subcommands: [Run.self, Cold.self, Measure.self])
}

/// `run`: in-process timings, through `measure` children.
struct Run: ParsableCommand {
  static let configuration = CommandConfiguration(abstract: "Load the graph once and time every query.")

  @Option(help: "The folder gen_graph.py wrote (graph.graphml, meta.json).")
  var data: String

  @Option(help: "A bench_query.py results file, to compare answers and times with Kùzu.")
  var kuzu: String?

  @Option(help: "Comma-separated Kùzu engines of that file to show; the ratio is to the first.")
  var kuzuEngines: String = "kuzu-typed,kuzu-single"

  @Option(help: "Timed runs per query after one warm-up (median, min, max).")
  var runs: Int = 5

  @Option(help: "A query whose warm-up takes longer than this (seconds) is timed once more only (as bench_query.py).")
  var slow: Double = 10

  @Option(help: "Seconds after which a query is stopped (bench_query.py's default).")
  var timeout: Double = 120

  @Option(name: .customLong("max-rss-mb"), help: "Resident memory (MB) at which a query is stopped.")
  var maximumRSSMB: Double = 12_000

  @Option(help: "Comma-separated plan keys to run ('Q1 hub,Q4a'); default all.")
  var only: String?

  @Option(help: "Write the results as JSON lines here.")
  var out: String?

  @Option(help: "Do not measure: print the table from JSON lines written by --out.")
  var from: String?

  func run() throws {
    let meta = try GraphMeta(directory: data)
    let plan = PlanItem.plan(hub: meta.hub, low: meta.low)
    var remaining = plan.map(\.key)
    if let only { remaining = remaining.filter { only.split(separator: ",").map(String.init).contains($0) } }
    let engines = kuzuEngines.split(separator: ",").map(String.init)
    let kuzuAll = try kuzu.map { path in try engines.map { try KuzuResults(path: path, engine: $0) } } ?? []
    let kuzuResults = kuzuAll.first

    note("QueryBenchmark: \(meta.entities) entities, \(meta.edges) edges; hub \(meta.hub) (degree \(meta.hubDegree)), low \(meta.low) (degree \(meta.lowDegree))")
    var records: [String: [String: Any]] = [:]
    var loads: [[String: Any]] = []
    var lines: [String] = []
    if let from {
      let saved = try String(contentsOfFile: from, encoding: .utf8)
      lines = saved.split(separator: "\n").map(String.init)
      remaining = []
    }
    while !remaining.isEmpty {
      let process = Process()
      process.executableURL = URL(fileURLWithPath: selfExecutablePath)
      process.arguments = [
        "measure", "--data", data, "--keys", remaining.joined(separator: ","), "--runs", String(runs),
        "--slow", String(slow), "--timeout", String(timeout), "--max-rss-mb", String(maximumRSSMB),
      ]
      let pipe = Pipe()
      process.standardOutput = pipe
      try process.run()
      let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      process.waitUntilExit()
      var progressed = false
      for line in output.split(separator: "\n") {
        lines.append(String(line))
        guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
          let kind = object["kind"] as? String
        else { continue }
        if kind == "load_error" { throw BenchmarkFailure("the graph did not load: \(object["error"] ?? "")") }
        if ["query", "stopped", "error"].contains(kind), let key = object["key"] as? String {
          remaining.removeAll { $0 == key }
          progressed = true
        }
      }
      if !progressed {
        throw BenchmarkFailure("measure exited with status \(process.terminationStatus) without finishing a query")
      }
    }
    if let out { try (lines.joined(separator: "\n") + "\n").write(toFile: out, atomically: true, encoding: .utf8) }
    var peak = 0.0
    for line in lines {
      guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
        let kind = object["kind"] as? String
      else { continue }
      switch kind {
      case "load": loads.append(object)
      case "query", "stopped", "error":
        guard let key = object["key"] as? String else { continue }
        records[key] = object
        if kind == "query", let rss = object["peak_rss_mb"] as? Double { peak = max(peak, rss) }
      default: break
      }
    }

    // The report: one Markdown table, Kùzu beside us.
    var report = ""
    let loadSeconds = loads.compactMap { $0["seconds"] as? Double }
    let loadPeaks = loads.compactMap { $0["peak_rss_mb"] as? Double }
    report += String(
      format: "GraphML load (GraphMLReader().read(file:)): %.2f s median of %d, peak RSS after load %.0f MB; peak RSS over the queries that finished %.0f MB\n\n",
      loadSeconds.isEmpty ? 0 : median(loadSeconds), loadSeconds.count, loadPeaks.max() ?? 0, peak)
    let kuzuHeads = kuzuAll.map { "Kùzu \($0.engine) ms, median (min–max)" }
    let ratioHead = kuzuResults.map { "newsgraph / Kùzu \($0.engine)" } ?? "newsgraph / Kùzu"
    report += "| query | " + kuzuHeads.map { $0 + " | " }.joined() + "newsgraph ms, median (min–max) | \(ratioHead) | rows | answer = Kùzu's |\n"
    report += "|---|" + String(repeating: "---|", count: kuzuHeads.count) + "---|---|---|---|\n"
    for item in plan where records[item.key] != nil {
      let record = records[item.key]!
      let kuzuTiming = kuzuResults?.queries[item.key]
      var kuzuCells = ""
      for engine in kuzuAll {
        guard let timing = engine.queries[item.key] else {
          kuzuCells += "– | "
          continue
        }
        let n = timing.runs == runs ? "" : " n=\(timing.runs)"
        kuzuCells += "\(milliseconds(timing.median)) (\(milliseconds(timing.min))–\(milliseconds(timing.max)))\(n) | "
      }
      var oursCell = "–", ratio = "–", rows = "–", same = "–"
      switch record["kind"] as? String {
      case "query":
        let med = record["median"] as? Double ?? 0
        // The ratio of medians; below 1 the engine is faster than Kùzu.
        let times = record["times"] as? [Double] ?? []
        oursCell = "\(milliseconds(med)) (\(milliseconds(record["min"] as? Double ?? 0))–\(milliseconds(record["max"] as? Double ?? 0)))"
        if times.count != runs { oursCell += " n=\(times.count)" }
        if let kuzuTiming, kuzuTiming.median > 0 { ratio = String(format: "%.1f×", med / kuzuTiming.median) }
        rows = "\(record["rows"] as? Int ?? 0)"
        if let theirs = kuzuTiming?.summary, let ours = record["summary"] as? String {
          same = KuzuResults.canonical(json: ours) == theirs ? "yes" : "**no**: \(ours) vs \(theirs)"
        }
      case "stopped":
        let after = record["after_s"] as? Double ?? 0
        oursCell = (record["reason"] as? String) == "memory"
          ? String(format: "stopped at %.0f MB RSS after %.0f s", record["rss_mb"] as? Double ?? 0, after)
          : String(format: "stopped after %.0f s", after)
        if let kuzuTiming, (record["reason"] as? String) != "memory" { ratio = String(format: "> %.1f×", after / kuzuTiming.median) }
      default:
        oursCell = "error: \(record["error"] ?? "")"
      }
      report += "| \(item.key) | \(kuzuCells)\(oursCell) | \(ratio) | \(rows) | \(same) |\n"
    }
    print(report, terminator: "")
  }
}

/// `cold`: a fresh `newsgraph query` process answering Q1 on the hub.
struct Cold: ParsableCommand {
  static let configuration = CommandConfiguration(abstract: "Time a new `newsgraph query` process answering Q1 (hub).")

  @Option(help: "The folder gen_graph.py wrote (graph.graphml, meta.json).")
  var data: String

  @Option(help: "The newsgraph executable (release build).")
  var newsgraph: String

  @Option(help: "Timed processes (median, min, max); one untimed run comes first (it writes the snapshot when there is none).")
  var runs: Int = 3

  @Flag(help: "Pass --no-snapshot: every process parses the GraphML.")
  var noSnapshot = false

  func run() throws {
    let meta = try GraphMeta(directory: data)
    let text = BenchQuery.q1.literalText(name: meta.hub)
    let arguments = ["query", "--graph", data + "/graph.graphml", "--format", "json"] + (noSnapshot ? ["--no-snapshot"] : []) + [text]
    note("cold: \(newsgraph) \(arguments.dropLast().joined(separator: " ")) \"\(text)\"")
    var seconds: [Double] = []
    var peaks: [Int] = []
    var answer = ""
    for index in 0...runs {
      let process = Process()
      let timer = "/usr/bin/time"
      let hasTimer = FileManager.default.isExecutableFile(atPath: timer)
      process.executableURL = URL(fileURLWithPath: hasTimer ? timer : newsgraph)
      process.arguments = hasTimer ? ["-f", "BENCH_TIME %M", newsgraph] + arguments : arguments
      let output = Pipe(), errors = Pipe()
      process.standardOutput = output
      process.standardError = errors
      let clock = ContinuousClock()
      let start = clock.now
      try process.run()
      let printed = output.fileHandleForReading.readDataToEndOfFile()
      let problems = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      process.waitUntilExit()
      let elapsed = (clock.now - start).seconds
      guard process.terminationStatus == 0 else {
        throw BenchmarkFailure("newsgraph query failed (status \(process.terminationStatus)): \(problems)")
      }
      answer = String(decoding: printed, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
      let peak = problems.split(separator: "\n").last { $0.hasPrefix("BENCH_TIME ") }.flatMap { Int($0.dropFirst(11)) } ?? 0
      note("  " + (index == 0 ? "untimed" : "run \(index)") + String(format: " %.3f s, peak RSS %d MB: ", elapsed, peak / 1024) + answer)
      if index > 0 {
        seconds.append(elapsed)
        peaks.append(peak)
      }
    }
    print(
      String(
        format: "cold newsgraph query (Q1 hub), process wall: median %.3f s (%.3f–%.3f), n=%d, peak RSS %d MB; answer ",
        median(seconds), seconds.min() ?? 0, seconds.max() ?? 0, seconds.count, (peaks.max() ?? 0) / 1024) + answer)
  }
}
