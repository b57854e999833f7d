import ArgumentParser
import Dispatch
import Foundation
import KGCore
import KGExtraction
import KGGraph
import KGGraphML
import KGMerge

extension NewsGraphCommand {
  /// `newsgraph extract`: articles to knowledge graphs.
  struct Extract: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Extract people, countries, organizations and their relations from news articles.",
      discussion: """
        INPUT is a text file (first line the headline, then the body), a folder (every
        *.txt and *.jsonl below it), '-' for standard input, or a JSON Lines file
        (*.jsonl: one article per line with "id" and "text", optional "title", "date",
        "url"). The article id is the file's stem or the JSON "id".

        With -o FOLDER each article gets its own FOLDER/ID.graphml (or .json); with
        -o FILE.graphml all articles go into one graph, merged as `newsgraph merge`
        does (one node per entity across articles). Files are replaced atomically.

        Examples:
          newsgraph extract examples/articles -o graphs/articles
          newsgraph extract story.txt -o story.graphml
          newsgraph extract news.jsonl --jobs 2 -o out/
          newsgraph extract --explain story.txt
        """)

    @Argument(help: "Article files, folders, JSON Lines files, or '-' for standard input.")
    var inputs: [String]

    @Option(name: .shortAndLong, help: "Output folder (one graph per article) or .graphml/.json file (one graph).")
    var output: String?

    @Option(help: "Output format (default: from the output file's extension, else graphml).")
    var format: GraphFormat?

    @Option(help: "Articles extracted in parallel.")
    var jobs = 1

    @Flag(help: "Print every mention, entity and relation with the rule that fired, instead of writing graphs.")
    var explain = false

    @Option(help: "A folder with lexicon/ and rules/ to use instead of the shipped lexicon.")
    var lexicon: String?

    @Flag(name: .shortAndLong, help: "No progress or summary on standard error.")
    var quiet = false

    func validate() throws {
      if inputs.isEmpty { throw ValidationError("Give at least one article file, folder or '-'.") }
      if jobs < 1 { throw ValidationError("--jobs must be 1 or more.") }
      if output == nil && !explain { throw ValidationError("Give an output with -o (a folder or a .graphml file), or use --explain.") }
    }

    func run() throws {
      let loaded = try lexicon.map { folder throws(InputError) in try Lexicon.load(from: folder) } ?? Lexicon.bundled()
      let extractor = Extractor(lexicon: loaded)
      let source = ArticleSource(warn: { CommandOutput.note("warning: \($0)") })
      let files = try source.files(for: inputs)
      if explain {
        for file in files {
          try source.forEachBatch(of: file, batchSize: 1) { articles in
            for article in articles {
              print(extractor.analyze(id: article.id, text: article.text, headline: article.headline).explanation())
            }
          }
        }
        return
      }
      guard let output else { return }
      let singleFile = output.hasSuffix(".graphml") || output.hasSuffix(".json") || output == "-"
      let chosenFormat = format ?? GraphFormat.infer(from: output) ?? .graphml
      if !singleFile {
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
      }
      var progress = Progress(quiet: quiet)
      var merger = GraphMerger(variants: VariantTable.bundled())
      for file in files {
        try source.forEachBatch(of: file, batchSize: max(16, jobs * 8)) { articles in
          let graphs = Self.extractAll(articles, extractor: extractor, jobs: jobs)
          for (article, graph) in zip(articles, graphs) {
            if singleFile {
              merger.add(graph, source: article.id)
            } else {
              let name = Self.fileName(for: article.id) + (chosenFormat == .json ? ".json" : ".graphml")
              // Many small files: replaced atomically, without a disk sync each.
              let file = try AtomicFileWriter(path: output + "/" + name, durable: false)
              switch chosenFormat {
              case .graphml: try file.write(Self.smallFileWriter.bytes(of: graph))
              case .json: try file.write(graph.nodeLinkJSON().serialized(pretty: true) + "\n")
              }
              try file.commit()
            }
            progress.count(article: article, graph: graph)
          }
        }
      }
      if singleFile { try GraphFiles.write(merger.result().graph, to: output, format: chosenFormat) }
      progress.finish(output: output)
    }

    /// Extracts articles on `jobs` threads; results keep the input order.
    static func extractAll(_ articles: [Article], extractor: Extractor, jobs: Int) -> [Graph] {
      if jobs == 1 || articles.count == 1 {
        return articles.map { extractor.extract(id: $0.id, text: $0.text, headline: $0.headline) }
      }
      let results = ResultSlots(count: articles.count)
      DispatchQueue.concurrentPerform(iterations: min(jobs, articles.count)) { worker in
        var index = worker
        while index < articles.count {
          let article = articles[index]
          results.set(index, extractor.extract(id: article.id, text: article.text, headline: article.headline))
          index += jobs
        }
      }
      return results.values()
    }

    /// A writer with a small buffer: article graphs are small, and a megabyte-sized
    /// buffer per file costs more in page faults than the writing itself.
    static let smallFileWriter: GraphMLWriter = {
      var writer = GraphMLWriter()
      writer.chunkSize = 64 * 1024
      return writer
    }()

    /// A file name for an article id: path separators and other awkward characters replaced.
    static func fileName(for id: String) -> String {
      let cleaned = String(id.map { $0 == "/" || $0 == "\\" || $0 == ":" || $0 == "\0" ? "_" : $0 })
      return cleaned.isEmpty || cleaned.hasPrefix(".") ? "_" + cleaned : cleaned
    }
  }
}

/// Thread-safe slots for parallel results.
final class ResultSlots: @unchecked Sendable {
  private var slots: [Graph?]
  private let lock = NSLock()

  init(count: Int) { slots = Array(repeating: nil, count: count) }

  func set(_ index: Int, _ graph: Graph) {
    lock.lock()
    slots[index] = graph
    lock.unlock()
  }

  func values() -> [Graph] { slots.map { $0 ?? Graph() } }
}

/// Progress on standard error for runs longer than a few seconds, and the summary line.
struct Progress {
  let quiet: Bool
  let start = DispatchTime.now()
  var articles = 0
  var entities = 0
  var relations = 0
  var words = 0
  var lastReport = DispatchTime.now()

  init(quiet: Bool) { self.quiet = quiet }

  var seconds: Double { Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9 }

  mutating func count(article: Article, graph: Graph) {
    articles += 1
    entities += graph.nodeCount
    relations += graph.edgeCount
    var inWord = false
    for byte in article.text.utf8 {
      let isSpace = byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D
      if !isSpace && !inWord { words += 1 }
      inWord = !isSpace
    }
    let sinceReport = Double(DispatchTime.now().uptimeNanoseconds - lastReport.uptimeNanoseconds) / 1e9
    if !quiet && seconds > 3 && sinceReport > 2 {
      CommandOutput.note("\(articles) articles, \(Int(Double(words) / max(seconds, 0.001))) words/s")
      lastReport = DispatchTime.now()
    }
  }

  func finish(output: String) {
    guard !quiet else { return }
    CommandOutput.note(
      "extracted \(articles) articles: \(entities) entities, \(relations) relations in \(String(format: "%.2f", seconds)) s → \(output)")
  }
}
