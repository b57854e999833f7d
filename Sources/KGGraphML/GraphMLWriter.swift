import KGCore
import KGGraph

/// Writes graphs as GraphML that networkx, igraph, Gephi, Cytoscape and yEd all read.
///
/// The writer streams: it never holds more than about a megabyte of output. It follows
/// the rules of `spec/GRAPHML-CONSUMERS.md`: the default GraphML namespace, descriptive
/// key ids with `for`, `attr.name` and `attr.type` (`string`, `int`, `long`, `double`,
/// `boolean` only), keys then nodes then edges, `edgedefault="directed"` and no per-edge
/// `directed`, every value written explicitly, XML-illegal characters dropped. Ids and
/// `attr.name`s are NMTOKENs, as the schema requires (``XMLNameToken`` spells other
/// strings reversibly). The same graph always gives the same bytes.
///
/// Escaping is done here rather than by libxml2's `xmlTextWriter`, which is several
/// times slower; ``XMLEscaping`` documents the rules, and the tests read every written
/// file back through libxml2 and validate it against the schemas.
public struct GraphMLWriter: Sendable {
  /// Output is handed to the sink in chunks of about this many bytes.
  public var chunkSize = 1 << 20

  /// Creates a writer.
  public init() {}

  /// Writes `graph` to `path`, replacing the file atomically.
  ///
  /// - Throws: ``GraphMLError`` of kind `cannotWrite`.
  public func write(_ graph: Graph, toFile path: String) throws(GraphMLError) {
    do {
      let file = try AtomicFileWriter(path: path)
      try write(graph) { (chunk: [UInt8]) throws(InputError) in try file.write(chunk) }
      try file.commit()
    } catch {
      throw GraphMLError(.cannotWrite, error.message, at: error.location)
    }
  }

  /// The GraphML text of `graph`, as bytes.
  public func bytes(of graph: Graph) -> [UInt8] {
    var output: [UInt8] = []
    write(graph) { (chunk: [UInt8]) in output.append(contentsOf: chunk) }
    return output
  }

  /// The GraphML text of `graph`.
  public func string(of graph: Graph) -> String {
    String(decoding: bytes(of: graph), as: UTF8.self)
  }

  /// Writes `graph`, handing the output to `sink` chunk by chunk.
  public func write<Failure: Error>(
    _ graph: Graph, to sink: ([UInt8]) throws(Failure) -> Void
  ) throws(Failure) {
    var emitter = Emitter(chunkSize: chunkSize)
    let plan = GraphMLKeyPlan(graph: graph)
    emitter.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<graphml xmlns=\"")
    emitter.raw(GraphMLVocabulary.namespace)
    emitter.raw("\" xmlns:xsi=\"")
    emitter.raw(GraphMLVocabulary.schemaInstanceNamespace)
    emitter.raw("\" xsi:schemaLocation=\"")
    emitter.raw(GraphMLVocabulary.schemaLocation)
    emitter.raw("\">\n")
    for key in plan.graphKeys + plan.nodeKeys + plan.edgeKeys {
      emitter.raw("  <key id=\"")
      emitter.attribute(key.id)
      emitter.raw("\" for=\"")
      emitter.raw(key.domain.rawValue)
      emitter.raw("\" attr.name=\"")
      emitter.raw(XMLNameToken.encode(key.attributeName))
      emitter.raw("\" attr.type=\"")
      emitter.raw(key.attributeType)
      if let element = key.listElementType {
        emitter.raw("\">\n    <desc>list of ")
        emitter.raw(element)
        emitter.raw(" (elements joined by \"|\"; \"\\|\", \"\\\\\" and \"\\e\" stand for a bar, a backslash and an empty element)</desc>\n  </key>\n")
      } else {
        emitter.raw("\"/>\n")
      }
    }
    emitter.raw("  <graph id=\"G\" edgedefault=\"")
    emitter.raw(graph.isDirected ? "directed" : "undirected")
    emitter.raw("\">\n")
    try emitter.flushIfFull(sink)

    for key in plan.graphKeys {
      if case .property(let name, let variant) = key.source, let value = graph.properties[name],
        GraphMLKeyPlan.Variant(of: value) == variant
      {
        emitter.data(key: key.id, value: value, indent: "    ")
      }
    }

    let nodeSources = plan.nodeKeys.map { ResolvedSource($0, graph: graph, domain: .node) }
    for index in 0..<graph.nodeCount {
      emitter.raw("    <node id=\"")
      emitter.raw(XMLNameToken.encode(graph.nodeID(at: index)))
      emitter.raw("\">\n")
      for source in nodeSources {
        if let value = source.value(in: graph, at: index) {
          emitter.data(key: source.keyID, value: value, indent: "      ")
        }
      }
      emitter.raw("    </node>\n")
      try emitter.flushIfFull(sink)
    }

    let edgeSources = plan.edgeKeys.map { ResolvedSource($0, graph: graph, domain: .edge) }
    for index in 0..<graph.edgeCount {
      emitter.raw("    <edge id=\"")
      emitter.raw(XMLNameToken.encode(graph.edgeID(at: index)))
      emitter.raw("\" source=\"")
      emitter.raw(XMLNameToken.encode(graph.nodeID(at: graph.edgeSourceIndex(at: index))))
      emitter.raw("\" target=\"")
      emitter.raw(XMLNameToken.encode(graph.nodeID(at: graph.edgeTargetIndex(at: index))))
      emitter.raw("\">\n")
      for source in edgeSources {
        if let value = source.value(in: graph, at: index) {
          emitter.data(key: source.keyID, value: value, indent: "      ")
        }
      }
      emitter.raw("    </edge>\n")
      try emitter.flushIfFull(sink)
    }
    emitter.raw("  </graph>\n</graphml>\n")
    try emitter.flush(sink)
  }
}

/// A key's source with its property column looked up once.
private struct ResolvedSource {
  let keyID: String
  let source: GraphMLKeyPlan.Source
  let column: PropertyColumn?
  let nameColumn: PropertyColumn?
  let variant: GraphMLKeyPlan.Variant?

  init(_ key: GraphMLKeyPlan.Key, graph: Graph, domain: GraphMLKeyPlan.Domain) {
    keyID = key.id
    source = key.source
    let lookup: (String) -> PropertyColumn? =
      domain == .node ? { graph.nodePropertyColumn($0) } : { graph.edgePropertyColumn($0) }
    switch key.source {
    case .nodeDisplayLabel:
      column = lookup(GraphMLVocabulary.nodeLabel)
      nameColumn = lookup(GraphMLVocabulary.name)
      variant = nil
    case .nodeType:
      column = lookup(GraphMLVocabulary.nodeType)
      nameColumn = nil
      variant = nil
    case .edgeTypeFallback(let property):
      column = lookup(property)
      nameColumn = nil
      variant = nil
    case .property(let name, let keyVariant):
      column = lookup(name)
      nameColumn = nil
      variant = keyVariant
    case .nodeLabels, .edgeType:
      column = nil
      nameColumn = nil
      variant = nil
    }
  }

  func value(in graph: Graph, at index: Int) -> PropertyValue? {
    switch source {
    case .nodeDisplayLabel:
      if case .string(let label)? = column?[index] { return .string(label) }
      if case .string(let name)? = nameColumn?[index] { return .string(name) }
      return .string(graph.nodeID(at: index))
    case .nodeType:
      if case .string(let type)? = column?[index] { return .string(type) }
      return graph.nodeLabels(at: index).first.map(PropertyValue.string)
    case .nodeLabels:
      return .string(GraphMLVocabulary.encodeLabels(graph.nodeLabels(at: index)))
    case .edgeType:
      return .string(graph.edgeType(at: index))
    case .edgeTypeFallback:
      if case .string(let text)? = column?[index] { return .string(text) }
      return .string(graph.edgeType(at: index))
    case .property:
      guard let value = column?[index], let variant, GraphMLKeyPlan.Variant(of: value) == variant else { return nil }
      return value
    }
  }
}

/// The output buffer and the few shapes of markup the writer emits.
private struct Emitter {
  var buffer: [UInt8] = []
  let chunkSize: Int

  init(chunkSize: Int) {
    self.chunkSize = max(1, chunkSize)
    buffer.reserveCapacity(self.chunkSize + 64 * 1024)
  }

  mutating func raw(_ text: String) {
    buffer.append(contentsOf: text.utf8)
  }

  mutating func attribute(_ text: String) {
    XMLEscaping.append(text, attribute: true, to: &buffer)
  }

  mutating func data(key: String, value: PropertyValue, indent: String) {
    raw(indent)
    raw("<data key=\"")
    raw(key)
    raw("\">")
    switch value {
    case .string(let text): XMLEscaping.append(text, attribute: false, to: &buffer)
    case .integer(let number): raw(String(number))
    default: XMLEscaping.append(GraphMLVocabulary.scalarText(value), attribute: false, to: &buffer)
    }
    raw("</data>\n")
  }

  mutating func flushIfFull<Failure: Error>(_ sink: ([UInt8]) throws(Failure) -> Void) throws(Failure) {
    if buffer.count >= chunkSize { try flush(sink) }
  }

  mutating func flush<Failure: Error>(_ sink: ([UInt8]) throws(Failure) -> Void) throws(Failure) {
    guard !buffer.isEmpty else { return }
    try sink(buffer)
    buffer.removeAll(keepingCapacity: true)
  }
}
