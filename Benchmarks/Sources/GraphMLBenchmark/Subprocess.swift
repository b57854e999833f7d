import Foundation

/// Starting the processes the benchmark measures: this executable again (one child
/// per measured phase, so each has its own peak memory) and external tools.
enum Subprocess {
  /// The path of this executable, for re-invoking it.
  static var selfPath: String {
    #if os(Linux)
      if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return path }
    #endif
    return Bundle.main.executablePath ?? CommandLine.arguments[0]
  }

  /// Runs this executable's hidden `measure` command with `arguments` and returns
  /// the result it prints. The child's standard error passes through.
  static func measure(_ arguments: [String]) throws -> PhaseResult {
    let (status, output) = try run(selfPath, ["measure"] + arguments, captureOutput: true)
    guard status == 0, let result = PhaseResult.decode(fromOutput: output) else {
      throw BenchmarkError("measure \(arguments.joined(separator: " ")) failed (exit status \(status))")
    }
    return result
  }

  /// Runs `executable` and waits; returns its exit status and, when asked, its
  /// standard output. Otherwise its output goes to our standard error, so that our
  /// standard output holds only the report.
  @discardableResult
  static func run(
    _ executable: String, _ arguments: [String], captureOutput: Bool = false
  ) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = captureOutput ? pipe : FileHandle.standardError
    do {
      try process.run()
    } catch {
      throw BenchmarkError("cannot start \(executable): \(error.localizedDescription)")
    }
    var output = ""
    if captureOutput {
      output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    }
    process.waitUntilExit()
    return (process.terminationStatus, output)
  }

  /// The result of timing an external tool.
  struct ToolTiming {
    /// Wall-clock seconds around the whole process (including ~1 ms to start it).
    var seconds: Double
    /// The tool's peak RSS from `/usr/bin/time` (`nil` without it).
    var peakRSSBytes: Int?
    /// Its exit status.
    var status: Int32
  }

  /// Times `command` the way the peers script does: wall seconds around the
  /// process, peak RSS from `/usr/bin/time -f %M`; its output is discarded.
  static func time(_ command: [String]) throws -> ToolTiming {
    let timer = "/usr/bin/time"
    let hasTimer = FileManager.default.isExecutableFile(atPath: timer)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: hasTimer ? timer : "/usr/bin/env")
    process.arguments = hasTimer ? ["-f", "BENCH_TIME %M"] + command : command
    process.standardOutput = FileHandle.nullDevice
    let errors = Pipe()
    process.standardError = errors
    let clock = ContinuousClock()
    let start = clock.now
    do {
      try process.run()
    } catch {
      throw BenchmarkError("cannot start \(command.first ?? "?"): \(error.localizedDescription)")
    }
    let errorText = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    let elapsed = (clock.now - start).inSeconds
    let kilobytes = errorText.split(separator: "\n").last { $0.hasPrefix("BENCH_TIME ") }
      .flatMap { Int($0.dropFirst("BENCH_TIME ".count)) }
    return ToolTiming(seconds: elapsed, peakRSSBytes: kilobytes.map { $0 * 1024 }, status: process.terminationStatus)
  }
}
