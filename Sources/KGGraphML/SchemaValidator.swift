import CLibXML2
import KGCore

/// Validates XML files against an XML Schema with libxml2's streaming validator.
///
/// The schema is compiled once and can check any number of files. Validation never
/// touches the network, and memory stays bounded by the identity constraints (ids)
/// rather than the document, because the file is validated as it is parsed.
///
/// ```swift
/// let validator = try SchemaValidator.newsGraph()
/// let problems = validator.validate(file: "graphs/example.graphml")
/// ```
///
/// The compiled schema is shared; each ``validate(file:limit:)`` call gets its own
/// validation context, so one validator can check files from several threads.
public final class SchemaValidator: @unchecked Sendable {
  private let schema: OpaquePointer

  /// The schema of the GraphML NewsGraph writes (`schemas/newsgraph-graphml.xsd`).
  public static func newsGraph() throws(GraphMLError) -> SchemaValidator {
    try SchemaValidator(schemaText: NewsGraphSchema.text, name: "newsgraph-graphml.xsd")
  }

  /// Compiles the schema at `path` (it may import others beside it).
  public convenience init(schemaFile path: String) throws(GraphMLError) {
    LibXML.initialize()
    guard let parserContext = xmlSchemaNewParserCtxt(path) else {
      throw GraphMLError(.cannotOpen, "cannot open schema", at: SourceLocation(file: path))
    }
    try self.init(parserContext: parserContext, name: path)
  }

  /// Compiles a schema held as text.
  public convenience init(schemaText: String, name: String) throws(GraphMLError) {
    LibXML.initialize()
    // libxml2 keeps a pointer to the text until the schema is compiled, so compile it
    // while the buffer is alive.
    let compiled: Result<OpaquePointer, GraphMLError> = Array(schemaText.utf8).withUnsafeBufferPointer { buffer in
      guard let base = buffer.baseAddress,
        let context = xmlSchemaNewMemParserCtxt(
          UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self), Int32(clamping: buffer.count))
      else {
        return .failure(GraphMLError(.cannotOpen, "cannot read schema", at: SourceLocation(file: name)))
      }
      return Self.compile(context, name: name)
    }
    self.init(schema: try compiled.get())
  }

  private convenience init(parserContext: OpaquePointer, name: String) throws(GraphMLError) {
    self.init(schema: try Self.compile(parserContext, name: name).get())
  }

  private init(schema: OpaquePointer) {
    self.schema = schema
  }

  /// Compiles the schema of a parser context and frees the context.
  private static func compile(_ parserContext: OpaquePointer, name: String) -> Result<OpaquePointer, GraphMLError> {
    defer { xmlSchemaFreeParserCtxt(parserContext) }
    let collector = ValidationErrors()
    xmlSchemaSetParserStructuredErrors(
      parserContext, ValidationErrors.handler, Unmanaged.passUnretained(collector).toOpaque())
    let schema = withExtendedLifetime(collector) { xmlSchemaParse(parserContext) }
    guard let schema else {
      let detail = collector.errors.first?.message ?? "the schema is not valid"
      return .failure(GraphMLError(.schemaViolation, "cannot compile schema: \(detail)", at: SourceLocation(file: name)))
    }
    return .success(schema)
  }

  deinit {
    xmlSchemaFree(schema)
  }

  /// Validates the file at `path`; returns every problem found (empty when valid).
  ///
  /// A document with a `<!DOCTYPE>` is refused without validation, as the reader does.
  public func validate(file path: String, limit: Int = 100) -> [GraphMLError] {
    if let problem = Self.doctypeProblem(path) { return [problem] }
    guard let validation = xmlSchemaNewValidCtxt(schema) else {
      return [GraphMLError(.schemaViolation, "cannot create a validation context", at: SourceLocation(file: path))]
    }
    defer { xmlSchemaFreeValidCtxt(validation) }
    let collector = ValidationErrors()
    collector.file = path
    collector.limit = limit
    xmlSchemaSetValidStructuredErrors(validation, ValidationErrors.handler, Unmanaged.passUnretained(collector).toOpaque())
    let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_BIG_LINES.rawValue)
    let status = withExtendedLifetime(collector) { xmlSchemaValidateFile(validation, path, options) }
    if status != 0 && collector.errors.isEmpty {
      let message = status < 0 ? "cannot read the file" : "the file does not match the schema"
      return [GraphMLError(.schemaViolation, message, at: SourceLocation(file: path))]
    }
    return collector.errors
  }

  /// Looks at the start of the file for a `<!DOCTYPE`, before any element.
  private static func doctypeProblem(_ path: String) -> GraphMLError? {
    guard let file = fopen(path, "rb") else {
      return GraphMLError(.cannotOpen, "cannot open file", at: SourceLocation(file: path))
    }
    defer { fclose(file) }
    var buffer = [UInt8](repeating: 0, count: 64 * 1024)
    let count = fread(&buffer, 1, buffer.count, file)
    let head = String(decoding: buffer[0..<count], as: UTF8.self)
    guard let doctype = head.range(of: "<!DOCTYPE") else { return nil }
    let firstElement = head.firstRange(of: /<[A-Za-z_]/)
    if let firstElement, firstElement.lowerBound < doctype.lowerBound { return nil }
    let line = head[..<doctype.lowerBound].filter { $0 == "\n" }.count + 1
    return GraphMLError(
      .doctypeForbidden, "a <!DOCTYPE> is not allowed in GraphML (it could declare entities)",
      at: SourceLocation(file: path, line: line, column: 1))
  }
}

/// Collects libxml2's structured errors during schema compilation and validation.
private final class ValidationErrors {
  var errors: [GraphMLError] = []
  var file: String?
  var limit = 100

  static let handler: xmlStructuredErrorFunc = { context, error in
    guard let context, let error else { return }
    let collector = Unmanaged<ValidationErrors>.fromOpaque(context).takeUnretainedValue()
    guard collector.errors.count < collector.limit else { return }
    let message = (error.pointee.message.map { String(cString: $0) } ?? "invalid").trimmingXMLWhitespace()
    let file = collector.file ?? error.pointee.file.map { String(cString: $0) }
    collector.errors.append(
      GraphMLError(
        .schemaViolation, message,
        at: SourceLocation(file: file, line: Int(error.pointee.line), column: Int(error.pointee.int2))))
  }
}
