import ArgumentParser
import Dispatch
import Foundation
import KGCore
import KGGraph
import KGGraphML
import KGMerge

extension NewsGraphCommand {
  /// `newsgraph merge`: many article graphs into one.
  struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Merge article graphs into one graph, joining entities across articles.",
      discussion: """
        The same person, country or organization becomes one node whatever article
        named it and however it was spelled (Zelensky / Zelenskyy, US / United States,
        NATO / North Atlantic Treaty Organization); edges with the same type, ends and
        status become one edge with the union of their articles, weight = number of
        articles, and the first evidence of each article (up to --max-evidence).

        A surname-only person joins a full-name person only when exactly one candidate
        exists; --explain lists every join and every refused join with its reason.

        The result does not depend on the order of the inputs, and merging a merged graph
        again changes nothing. Output files are replaced atomically.

        Examples:
          newsgraph merge graphs/examples -o merged.graphml
          newsgraph merge day2/*.graphml --into merged.graphml
          newsgraph merge archive/ -o all.graphml --keep-going --explain
        """)

    @Argument(help: "Graph files (GraphML or node-link JSON) and folders of them.")
    var inputs: [String] = []

    @Option(name: .shortAndLong, help: "The merged graph to write.")
    var output: String?

    @Option(help: "Add the inputs to this merged graph and replace it (atomically).")
    var into: String?

    @Option(help: "Evidence sentences (and quotes) kept per edge, one per article.")
    var maxEvidence = 3

    @Flag(help: "Skip inputs that cannot be read, and list them in the summary.")
    var keepGoing = false

    @Flag(help: "List every join and every refused join, with the reason.")
    var explain = false

    @Flag(name: .shortAndLong, help: "No progress or summary on standard error.")
    var quiet = false

    func validate() throws {
      if inputs.isEmpty && into == nil { throw ValidationError("Give graph files or folders to merge.") }
      if output == nil && into == nil { throw ValidationError("Give -o OUTPUT or --into EXISTING.") }
      if output != nil && into != nil { throw ValidationError("Use either -o or --into, not both.") }
      if maxEvidence < 1 { throw ValidationError("--max-evidence must be 1 or more.") }
    }

    func run() throws {
      var files = try Self.graphFiles(inputs)
      if let into, FileManager.default.fileExists(atPath: into) { files.insert(into, at: 0) }
      var merger = GraphMerger(maximumEvidence: maxEvidence, variants: VariantTable.bundled())
      var skipped: [String] = []
      var progress = MergeProgress(quiet: quiet, total: files.count)
      for file in files {
        do {
          let graph = try GraphFiles.read(file)
          merger.add(graph, source: ArticleSource.stem(of: file))
        } catch let error as NewsGraphError {
          guard keepGoing else { throw error }
          CommandOutput.note("warning: skipped \(error.description)")
          skipped.append(file)
        }
        progress.step()
      }
      let (graph, report) = merger.result()
      if explain {
        for line in report.joins { print(line) }
        for line in report.refusals { print(line) }
      }
      let destination = into ?? output ?? "-"
      try GraphFiles.write(graph, to: destination)
      if !quiet {
        var summary = "merged \(files.count - skipped.count) graphs: \(graph.nodeCount) nodes, \(graph.edgeCount) edges, "
          + "\(report.joins.count) joins, \(report.refusals.count) refused, in \(String(format: "%.2f", progress.seconds)) s → \(destination)"
        if !skipped.isEmpty { summary += "; skipped \(skipped.count): \(skipped.joined(separator: ", "))" }
        CommandOutput.note(summary)
      }
    }

    /// Files named by `inputs`, folders expanded to their `*.graphml` and `*.json` files (sorted).
    static func graphFiles(_ inputs: [String]) throws(InputError) -> [String] {
      try InputFiles.expand(inputs, extensions: [".graphml", ".json"])
    }
  }
}

/// Progress for long merges, on standard error.
struct MergeProgress {
  let quiet: Bool
  let total: Int
  let start = DispatchTime.now()
  var done = 0
  var lastReport = DispatchTime.now()

  init(quiet: Bool, total: Int) {
    self.quiet = quiet
    self.total = total
  }

  var seconds: Double { Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9 }

  mutating func step() {
    done += 1
    let sinceReport = Double(DispatchTime.now().uptimeNanoseconds - lastReport.uptimeNanoseconds) / 1e9
    if !quiet && seconds > 3 && sinceReport > 2 {
      CommandOutput.note("read \(done) of \(total) graphs")
      lastReport = DispatchTime.now()
    }
  }
}
