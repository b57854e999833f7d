import ArgumentParser
import Foundation
import KGCypher
import KGGraph
import KGGraphML
import KGStore

#if canImport(Glibc)
  import Glibc
#endif

/// Stops the process when the query being timed runs longer than the limit or the
/// process grows past a memory limit: it prints a `stopped` line for that query and
/// exits with status 3, and the parent starts a new child for the queries left.
final class Watchdog: @unchecked Sendable {
  private let lock = NSLock()
  private var key: String?
  private var started = Date()
  let timeout: Double
  let maximumRSSMB: Double

  init(timeout: Double, maximumRSSMB: Double) {
    self.timeout = timeout
    self.maximumRSSMB = maximumRSSMB
    let thread = Thread { [unowned self] in self.watch() }
    thread.stackSize = 1 << 20
    thread.start()
  }

  func begin(_ key: String) {
    lock.lock()
    self.key = key
    started = Date()
    lock.unlock()
  }

  func end() {
    lock.lock()
    key = nil
    lock.unlock()
  }

  private func watch() {
    while true {
      Thread.sleep(forTimeInterval: 0.25)
      lock.lock()
      let current = key
      let elapsed = Date().timeIntervalSince(started)
      lock.unlock()
      guard let current else { continue }
      let rss = ProcessMemory.currentMB
      var reason: String?
      if elapsed > timeout { reason = "time" } else if rss > maximumRSSMB { reason = "memory" }
      guard let reason else { continue }
      emit(
        .object([
          ("kind", .string("stopped")), ("key", .string(current)), ("reason", .string(reason)),
          ("after_s", .double((elapsed * 10).rounded() / 10)), ("rss_mb", .double(rss.rounded())),
          ("peak_rss_mb", .double(ProcessMemory.peakMB.rounded())),
        ]))
      note("  \(current): stopped after \(String(format: "%.1f", elapsed)) s (\(reason), RSS \(Int(rss)) MB)")
      exit(3)
    }
  }
}

/// The hidden child command: loads the graph once, then times each query (one warm-up,
/// then `--runs` timed runs), printing one JSON line per query.
struct Measure: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "(internal) Load the graph and time the given queries; one JSON line each.", shouldDisplay: false)

  @Option(help: "The folder gen_graph.py wrote (graph.graphml, meta.json).")
  var data: String

  @Option(help: "Comma-separated plan keys ('Q1 hub,Q4a').")
  var keys: String

  @Option var runs: Int = 5
  @Option var slow: Double = 10
  @Option var timeout: Double = 120
  @Option(name: .customLong("max-rss-mb")) var maximumRSSMB: Double = 12_000

  func run() throws {
    let meta = try GraphMeta(directory: data)
    let wanted = keys.split(separator: ",").map(String.init)
    let plan = PlanItem.plan(hub: meta.hub, low: meta.low).filter { wanted.contains($0.key) }

    let clock = ContinuousClock()
    let loadStart = clock.now
    let graph: Graph
    do {
      graph = try GraphMLReader().read(file: data + "/graph.graphml")
    } catch {
      emit(.object([("kind", .string("load_error")), ("error", .string("\(error)"))]))
      throw ExitCode(4)
    }
    let loadSeconds = (clock.now - loadStart).seconds
    // The store queries read: built once after loading, as a database builds its
    // tables and indexes on import (and as `newsgraph query` maps it from the snapshot).
    let storeStart = clock.now
    let store = GraphStore(graph: graph)
    let storeSeconds = (clock.now - storeStart).seconds
    emit(
      .object([
        ("kind", .string("store")), ("seconds", .double(storeSeconds)), ("peak_rss_mb", .double(ProcessMemory.peakMB)),
      ]))
    note(String(format: "  built the query store in %.2f s, peak RSS %.0f MB", storeSeconds, ProcessMemory.peakMB))
    emit(
      .object([
        ("kind", .string("load")), ("seconds", .double(loadSeconds)), ("peak_rss_mb", .double(ProcessMemory.peakMB)),
        ("nodes", .int(graph.nodeCount)), ("edges", .int(graph.edgeCount)),
      ]))
    note(String(format: "  loaded %d nodes, %d edges in %.2f s, peak RSS %.0f MB", graph.nodeCount, graph.edgeCount, loadSeconds, ProcessMemory.peakMB))

    let watchdog = Watchdog(timeout: timeout, maximumRSSMB: maximumRSSMB)
    for item in plan {
      let parameters: [String: Value] = item.name.map { ["x": .string($0)] } ?? [:]
      func once() throws -> (seconds: Double, cpu: Double, rows: [[Value]]) {
        let cpuStart = clock_gettime_nsec_np_process()
        let start = clock.now
        let result = try QueryEngine.run(item.query.text, on: store, parameters: parameters)
        return ((clock.now - start).seconds, Double(clock_gettime_nsec_np_process() - cpuStart) / 1e9, result.rows)
      }
      watchdog.begin(item.key)
      do {
        let warm = try once()
        let answer = summary(of: item.query, rows: warm.rows).text
        var times: [Double] = []
        var cpus: [Double] = []
        var unstable = false
        let count = warm.seconds <= slow ? runs : 1
        for _ in 0..<count {
          watchdog.begin(item.key)
          let timed = try once()
          times.append(timed.seconds)
          cpus.append(timed.cpu)
          if summary(of: item.query, rows: timed.rows).text != answer { unstable = true }
        }
        watchdog.end()
        emit(
          .object([
            ("kind", .string("query")), ("key", .string(item.key)), ("warmup", .double(warm.seconds)),
            ("times", .array(times.map(JSON.double))), ("median", .double(median(times))),
            ("min", .double(times.min() ?? 0)), ("max", .double(times.max() ?? 0)),
            ("cpu_median", .double(median(cpus))), ("rows", .int(warm.rows.count)), ("unstable", .bool(unstable)),
            ("summary", .string(answer)), ("peak_rss_mb", .double(ProcessMemory.peakMB)),
          ]))
        note("  " + item.key.padding(toLength: 8, withPad: " ", startingAt: 0) + String(format: " median %.4f s (n=%d, warm-up %.3f s, %d rows)", median(times), times.count, warm.seconds, warm.rows.count))
      } catch {
        watchdog.end()
        emit(.object([("kind", .string("error")), ("key", .string(item.key)), ("error", .string("\(error)"))]))
        note("  \(item.key): error \(error)")
      }
    }
    emit(.object([("kind", .string("end")), ("peak_rss_mb", .double(ProcessMemory.peakMB))]))
  }
}

/// CPU time of this process in nanoseconds.
func clock_gettime_nsec_np_process() -> UInt64 {
  var spec = timespec()
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &spec)
  return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
}

extension Duration {
  var seconds: Double {
    let (whole, fraction) = components
    return Double(whole) + Double(fraction) / 1e18
  }
}
