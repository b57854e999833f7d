import KGGraph
import KGGraphML

/// The measured work of each phase, done inside the child process that reports it.
///
/// Each function does its set-up first, times only the work the phase is named
/// after, and reads the peak memory last, so the figure covers everything the
/// process held at any time (for `write`, that includes the graph being written).
enum Phases {
  /// Builds the benchmark graph and writes it to `path` with ``GraphMLWriter``.
  ///
  /// The clock runs around `GraphMLWriter.write(_:toFile:)` only (which includes
  /// the atomic rename and `fsync`); the graph is built before it starts. Then
  /// the same graph is serialized once more into a sink that drops the bytes, to
  /// tell formatting time from I/O time.
  static func write(nodes: Int, edges: Int, to path: String) throws -> PhaseResult {
    var generator = NewsGraphGenerator(nodes: nodes, edges: edges)
    let (graph, buildSeconds) = try measureSeconds { () throws(GraphError) in try generator.makeGraph() }
    let writer = GraphMLWriter()
    let (_, writeSeconds) = try measureSeconds { () throws(GraphMLError) in try writer.write(graph, toFile: path) }
    var dropped = 0
    let (_, serializeSeconds) = measureSeconds { writer.write(graph) { chunk in dropped &+= chunk.count } }
    return PhaseResult(
      phase: "write", file: path, bytes: fileSize(path) ?? dropped, seconds: writeSeconds,
      nodes: graph.nodeCount, edges: graph.edgeCount, peakRSSBytes: peakResidentBytes(),
      buildSeconds: buildSeconds, serializeSeconds: serializeSeconds)
  }

  /// Reads `path` with ``GraphMLReader`` and reports what it found.
  static func read(_ path: String) throws -> PhaseResult {
    let bytes = try existingFileSize(path)
    let reader = GraphMLReader()
    let (graph, readSeconds) = try measureSeconds { () throws(GraphMLError) in try reader.read(file: path) }
    let peak = peakResidentBytes()
    return PhaseResult(
      phase: "read", file: path, bytes: bytes, seconds: readSeconds,
      nodes: graph.nodeCount, edges: graph.edgeCount, peakRSSBytes: peak)
  }

  /// Validates `path` against NewsGraph's schema with ``SchemaValidator``; the
  /// schema is compiled before the clock starts.
  ///
  /// - Parameter edges: the edge count to divide by for edges/s (the validator
  ///   does not count them).
  static func validate(_ path: String, nodes: Int, edges: Int) throws -> PhaseResult {
    let bytes = try existingFileSize(path)
    let validator = try newsGraphValidator()
    let (problems, validateSeconds) = measureSeconds { validator.validate(file: path) }
    for problem in problems.prefix(5) { printError("validate: \(problem)") }
    return PhaseResult(
      phase: "validate", file: path, bytes: bytes, seconds: validateSeconds,
      nodes: nodes, edges: edges, peakRSSBytes: peakResidentBytes(), problems: problems.count)
  }

  /// `SchemaValidator.newsGraph()`, or the same schema compiled from
  /// `schemas/newsgraph-graphml.xsd` if that ever fails. (It used to fail in release
  /// builds, when `SchemaValidator.init(schemaText:name:)` let the schema buffer be
  /// freed before `xmlSchemaParse` read it; fixed in ddd36d9. The fallback stays so
  /// that a regression shows as a warning rather than a missing row.)
  private static func newsGraphValidator() throws -> SchemaValidator {
    do {
      return try SchemaValidator.newsGraph()
    } catch {
      let schema = ProjectPaths.root + "/schemas/newsgraph-graphml.xsd"
      printError("[bench] warning: SchemaValidator.newsGraph() failed (\(error)); using \(schema)")
      return try SchemaValidator(schemaFile: schema)
    }
  }

  private static func existingFileSize(_ path: String) throws(BenchmarkError) -> Int {
    guard let size = fileSize(path) else { throw BenchmarkError("no file at \(path)") }
    return size
  }
}
