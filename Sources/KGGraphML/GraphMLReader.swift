import CLibXML2
import KGCore
import KGGraph

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads GraphML into a ``Graph``: NewsGraph's own files and files written by
/// networkx, igraph, Gephi, Cytoscape and yEd.
///
/// The reader streams through libxml2's SAX2 interface: the parser pulls the file in
/// chunks and calls back for each element start, end and piece of text, so memory holds
/// the graph and not the document. (The issue asked for streaming with `xmlTextReader`;
/// SAX2 streams the same way, but does not build and free a tree node for every
/// element, and parses the canonical benchmark file in about half the time.)
/// Values go from the parser's buffer into the graph's columns without becoming
/// `String`s first.
///
/// It is strict where other readers guess: duplicate node or edge ids, edges whose
/// ends are not declared, a missing `source` or `target`, and `<data>` for an
/// undeclared key are errors with `FILE:LINE:COL`, never silently merged or invented
/// nodes.
///
/// - Keys map to properties by `attr.name` (the key id when there is none); every
///   `attr.type` is read (`int`, `long` → integer; `float`, `double` → float;
///   `boolean`; `string`), and key `<default>`s fill in missing values.
/// - Edges may come before the nodes they join.
/// - yFiles graphics (`yfiles.type` keys) and elements of other namespaces are skipped.
/// - Nested graphs, hyperedges and a second `<graph>` are errors: NewsGraph's model is
///   one flat graph. Ports are ignored.
/// - An edge whose `directed` attribute differs from the graph's `edgedefault` keeps
///   that as a boolean property `directed`.
/// - Derived keys (``GraphMLVocabulary``) become labels and types again.
///
/// Hostile input: a `<!DOCTYPE>` is refused outright (GraphML needs none, and that is
/// where entity bombs and external entities live; the parser is stopped as soon as it
/// reports one), entities are never substituted, the network is never used, and
/// nesting deeper than ``maximumDepth`` is refused.
public struct GraphMLReader: Sendable {
  /// Elements nested deeper than this are refused (GraphML itself needs about 5 levels;
  /// yFiles graphics a dozen).
  public var maximumDepth = 64

  /// Creates a reader.
  public init() {}

  /// Reads the file at `path`.
  ///
  /// - Throws: ``GraphMLError`` with the file name, line and column.
  public func read(file path: String) throws(GraphMLError) -> Graph {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else {
      throw GraphMLError(.cannotOpen, "cannot open file", at: SourceLocation(file: path))
    }
    defer { close(descriptor) }
    guard
      let session = GraphMLSession(
        origin: .file(path, descriptor: descriptor), source: .descriptor(descriptor), maximumDepth: maximumDepth)
    else {
      throw GraphMLError(.cannotOpen, "cannot parse input", at: SourceLocation(file: path))
    }
    return try session.run()
  }

  /// Reads GraphML text held in memory; `name` is used in error locations.
  public func read(bytes: [UInt8], name: String? = nil) throws(GraphMLError) -> Graph {
    let result: Result<Graph, GraphMLError> = bytes.withUnsafeBufferPointer { buffer in
      guard
        let session = GraphMLSession(
          origin: .memory(buffer, name), source: .memory(UnsafeRawBufferPointer(buffer)), maximumDepth: maximumDepth)
      else {
        return .failure(GraphMLError(.cannotOpen, "cannot parse input", at: SourceLocation(file: name)))
      }
      return Result { () throws(GraphMLError) in try session.run() }
    }
    return try result.get()
  }

  /// Reads GraphML text; `name` is used in error locations.
  public func read(string: String, name: String? = nil) throws(GraphMLError) -> Graph {
    try read(bytes: Array(string.utf8), name: name)
  }
}

/// One parse: the libxml2 parser, where it reads from, and the state its callbacks
/// update. The state and the source live at fixed addresses (allocated here, freed in
/// `deinit`), which libxml2 hands back to every callback.
final class GraphMLSession {
  private let state: UnsafeMutablePointer<GraphMLParse>
  private let source: UnsafeMutablePointer<ByteSource>
  private let parser: LibXMLSAXParser

  init?(origin: GraphMLOrigin, source input: ByteSource.Input, maximumDepth: Int) {
    let state = UnsafeMutablePointer<GraphMLParse>.allocate(capacity: 1)
    state.initialize(to: GraphMLParse(origin: origin, maximumDepth: maximumDepth))
    let source = UnsafeMutablePointer<ByteSource>.allocate(capacity: 1)
    source.initialize(to: ByteSource(input: input))
    var handler = GraphMLParse.handler()
    guard let parser = LibXMLSAXParser(handler: &handler, userData: UnsafeMutableRawPointer(state), source: source)
    else {
      state.deinitialize(count: 1)
      state.deallocate()
      source.deinitialize(count: 1)
      source.deallocate()
      return nil
    }
    self.state = state
    self.source = source
    self.parser = parser
    state.pointee.attach(parser)
  }

  deinit {
    state.deinitialize(count: 1)
    state.deallocate()
    source.deinitialize(count: 1)
    source.deallocate()
  }

  /// Parses the whole input: the graph, or the first error.
  func run() throws(GraphMLError) -> Graph {
    parser.parse()
    if let error = source.pointee.readError, state.pointee.failure == nil {
      throw GraphMLError(
        .cannotOpen, "cannot read file: \(String(cString: strerror(error)))", at: SourceLocation(file: state.pointee.name))
    }
    return try state.pointee.finish(wellFormed: parser.isWellFormed)
  }
}

/// A declared `<key>`.
struct GraphMLKey {
  enum ValueType { case string, integer, float, boolean }

  var id: String
  var domain: String
  var name: String
  var type: ValueType
  var listElementType: ValueType?
  var defaultText: String?
  /// yFiles graphics (`yfiles.type`): only the label text is read from them.
  var yFilesType: String?
  var location: ElementPosition

  /// Whether the key holds one kind of values of a property whose plain name is taken
  /// by a derived key (`attr.name` `NAME:KIND`).
  var isVariant = false

  var skipped: Bool { yFilesType != nil }

  /// The name the key's values are collected under while an element is read: variant
  /// keys are marked so the derived-key rules leave them alone (``GraphMLParse``).
  var collectedName: String { isVariant ? GraphMLKey.variantMarker + name : name }

  /// Starts the collected name of a variant key; U+0001 cannot occur in XML names.
  static let variantMarker = "\u{1}"

  func applies(to element: String) -> Bool { domain == element || domain == "all" }
}

/// The state of one parse, updated by libxml2's SAX2 callbacks (``handler()``).
///
/// The callbacks mirror a recursive reading of the document with a stack of
/// ``Frame``s: what an element start, end or text means depends on the innermost
/// element being read (a `<key>`, a `<node>`, a `<data>`, yFiles graphics, or a
/// subtree being skipped). Errors cannot cross libxml2's C frames: the first one is
/// kept in ``failure`` and the parser is stopped.
///
/// Nodes and edges take a fast path when they use only string, list-of-string and
/// integer keys and nothing unusual (defaults, variant keys, a `directed` attribute
/// that differs, edges before their nodes): their values are copied from the parser's
/// bytes into the graph's columns. Anything else builds `PropertyValue`s and goes
/// through the general rules.
struct GraphMLParse {
  private let origin: GraphMLOrigin
  private let maximumDepth: Int
  private var context: xmlParserCtxtPtr?
  private var parser: Unmanaged<LibXMLSAXParser>?

  private(set) var failure: GraphMLError?
  private var firstParserError: (message: String, line: Int, column: Int)?

  private var graph = Graph()

  // MARK: Document state

  /// Declared keys, by position; an id may be declared once per `for` (Cytoscape
  /// repeats ids for its node and edge tables).
  private var keys: [KeyInfo] = []
  private var keyPositionsByID: [String: [Int]] = [:]
  private var generatedEdgeIDs: Set<String> = []
  private var sawGraph = false
  private var inGraph = false
  private var graphDepth = -1
  private var sawRoot = false
  private var nodeDefaults: [GraphMLKey] = []
  private var edgeDefaults: [GraphMLKey] = []
  private var defaultsReady = false
  private var bufferingEdges = false
  private var pendingEdges: [PendingEdge] = []

  // MARK: Event state

  private var depth = 0
  private var frames: [Frame] = []
  /// Where text goes in the innermost frame.
  private var textSink = TextSink.none
  /// Whether element positions must be worked out at once (the parser transcodes the
  /// input, so its offsets are not the file's).
  private var eagerPositions = false
  private var checkedEncoding = false
  /// Text of a `<key>` child, of graph-level `<data>` or of a yFiles label.
  private var text: [UInt8] = []
  /// The key being declared.
  private var pendingKey: GraphMLKey?
  /// The label found in the yFiles graphics being read.
  private var yFilesLabel: String?

  /// The node or edge being read: its attribute and `<data>` bytes end to end in
  /// `scratch`, and its values in `entries`.
  private var element = ElementState()
  private var scratch: [UInt8] = []
  private var entries: [Entry] = []
  /// Reused buffers for decoding lists.
  private var listBytes: [UInt8] = []
  private var listLengths: [Int] = []
  private var labelsByText: [String: [String]] = [:]
  /// Edge types seen so far, as bytes, with the graph's numbers for them.
  private var typeCache: [(start: Int, count: Int, code: Int)] = []
  private var typeCacheBytes: [UInt8] = []
  private var relatedTypeCode = -1
  /// Where the start tags of the edges added without id check end, from edge
  /// `firstDeferredEdge` on (``flushDeferredEdgeIDs()``).
  private var deferredEdgeOffsets: [Int] = []
  private var firstDeferredEdge = 0

  // MARK: Names

  private var names = InternedNames()
  /// Collected property names by number (``KeyInfo/nameID``).
  private var nameIDs: [String: Int] = [:]
  private var nameStrings: [String] = []
  /// `<data key>` ids seen so far, to find their keys without making strings.
  private var keyLookup = KeyLookup()

  private struct PendingEdge {
    var id: String?
    var source: String
    var target: String
    var type: String
    var properties: [(String, PropertyValue)]
    var position: ElementPosition
  }

  /// A key with what the fast path needs to know about it.
  private struct KeyInfo {
    enum Fast { case text, textList, integer, other }
    var key: GraphMLKey
    var nameID: Int
    var fast: Fast
    /// Graph column slots for the key's property name, made on first use.
    var nodeSlot = -1
    var edgeSlot = -1
  }

  /// What the callbacks are inside of.
  private enum Frame {
    /// A subtree whose content is ignored.
    case skip(depth: Int)
    /// A `<key>`; its children are `<desc>` and `<default>`.
    case key(depth: Int)
    /// The text of a `<desc>` (`description`) or `<default>` in a `<key>`.
    case keyText(depth: Int, description: Bool)
    /// A `<node>` or `<edge>`.
    case element(depth: Int)
    /// A `<data>` in a node or edge; its text goes to `scratch` from `start`.
    case data(depth: Int, key: Int, start: Int, position: ElementPosition)
    /// A `<data>` in the `<graph>`; its text goes to `text`.
    case graphData(depth: Int, key: Int, position: ElementPosition)
    /// A `<data>` of a yFiles key: only a `NodeLabel` or `EdgeLabel` text is kept.
    case yFiles(depth: Int, graph: Bool)
    /// The text of a yFiles label.
    case yFilesText(depth: Int)

    /// Where the text directly inside the element goes.
    var textSink: TextSink {
      switch self {
      case .data: .scratch
      case .keyText, .graphData, .yFilesText: .text
      case .skip, .key, .element, .yFiles: .none
      }
    }

    var depth: Int {
      switch self {
      case .skip(let depth), .key(let depth), .keyText(let depth, _), .element(let depth), .data(let depth, _, _, _),
        .graphData(let depth, _, _), .yFiles(let depth, _), .yFilesText(let depth):
        depth
      }
    }
  }

  /// Where the parser's text goes: nowhere, `scratch` (node and edge values) or `text`.
  private enum TextSink { case none, scratch, text }

  /// A piece of `scratch`.
  private struct Piece {
    var start: Int
    var count: Int
  }

  /// One collected value of the element being read.
  private struct Entry {
    enum Value {
      /// A string, in `scratch`.
      case text(Piece)
      /// A list of strings, still encoded (`a|b\|c`), in `scratch`.
      case list(Piece)
      case integer(Int)
      /// Any other value (general path).
      case value(PropertyValue)
    }
    /// The key, or -1 for a yFiles label.
    var key: Int
    var nameID: Int
    var value: Value
  }

  private struct ElementState {
    var isNode = false
    var position = ElementPosition(line: 0, column: 0, offset: -1)
    var id: Piece?
    var source: Piece?
    var target: Piece?
    var sourceIndex: Int?
    var targetIndex: Int?
    var directed: Bool?
  }

  /// Names libxml2 interns in its dictionary, so element and attribute names compare
  /// by pointer.
  private struct InternedNames {
    typealias Name = UnsafePointer<xmlChar>?
    var graphml, key, graph, node, edge, data, desc, defaultValue, hyperedge: Name
    var nodeLabel, edgeLabel: Name
    var id, source, target, keyAttribute, forAttribute, attrName, attrType, edgedefault, directed, yFilesType: Name
    var namespace: Name
    /// A namespace pointer already found not to be GraphML's.
    var foreignNamespace: Name

    init() {
      graphml = nil; key = nil; graph = nil; node = nil; edge = nil; data = nil; desc = nil; defaultValue = nil
      hyperedge = nil; nodeLabel = nil; edgeLabel = nil; id = nil; source = nil; target = nil; keyAttribute = nil
      forAttribute = nil; attrName = nil; attrType = nil; edgedefault = nil; directed = nil; yFilesType = nil
      namespace = nil; foreignNamespace = nil
    }

    init(dictionary: OpaquePointer?) {
      func intern(_ text: String) -> Name { xmlDictLookup(dictionary, text, -1) }
      graphml = intern("graphml"); key = intern("key"); graph = intern("graph"); node = intern("node")
      edge = intern("edge"); data = intern("data"); desc = intern("desc"); defaultValue = intern("default")
      hyperedge = intern("hyperedge"); nodeLabel = intern("NodeLabel"); edgeLabel = intern("EdgeLabel")
      id = intern("id"); source = intern("source"); target = intern("target"); keyAttribute = intern("key")
      forAttribute = intern("for"); attrName = intern("attr.name"); attrType = intern("attr.type")
      edgedefault = intern("edgedefault"); directed = intern("directed"); yFilesType = intern("yfiles.type")
      namespace = intern(GraphMLVocabulary.namespace)
      foreignNamespace = nil
    }
  }

  /// Property-name numbers the derived-key rules look for.
  private enum NameID {
    static let type = 0, label = 1, labels = 2, name = 3, interaction = 4
  }

  init(origin: GraphMLOrigin, maximumDepth: Int) {
    self.origin = origin
    self.maximumDepth = maximumDepth
    for name in [
      GraphMLVocabulary.nodeType, GraphMLVocabulary.nodeLabel, GraphMLVocabulary.nodeLabels, GraphMLVocabulary.name,
      GraphMLVocabulary.edgeInteraction,
    ] {
      _ = nameID(name)
    }
    frames.reserveCapacity(16)
    scratch.reserveCapacity(4096)
    entries.reserveCapacity(16)
  }

  /// The input's name for error locations.
  var name: String? { origin.name }

  mutating func attach(_ parser: LibXMLSAXParser) {
    self.parser = Unmanaged.passUnretained(parser)
    context = parser.context
    names = InternedNames(dictionary: parser.context.pointee.dict)
  }

  private mutating func nameID(_ name: String) -> Int {
    if let id = nameIDs[name] { return id }
    let id = nameStrings.count
    nameStrings.append(name)
    nameIDs[name] = id
    return id
  }

  // MARK: Callbacks

  /// libxml2's nesting limit without `XML_PARSE_HUGE` (`xmlParserMaxDepth`).
  private static let parserMaximumDepth = 256

  /// The SAX2 handler whose callbacks drive a ``GraphMLParse`` (the parser's user data).
  static func handler() -> xmlSAXHandler {
    var handler = xmlSAXHandler()
    handler.initialized = XML_SAX2_MAGIC
    handler.startElementNs = { context, localName, _, namespace, _, _, attributeCount, _, attributes in
      context?.assumingMemoryBound(to: GraphMLParse.self).pointee.startElement(
        localName, namespace, Int(attributeCount), attributes)
    }
    handler.endElementNs = { context, _, _, _ in
      context?.assumingMemoryBound(to: GraphMLParse.self).pointee.endElement()
    }
    let characters: charactersSAXFunc = { context, bytes, length in
      context?.assumingMemoryBound(to: GraphMLParse.self).pointee.characters(bytes, Int(length))
    }
    handler.characters = characters
    handler.cdataBlock = characters
    handler.ignorableWhitespace = characters
    let doctype: internalSubsetSAXFunc = { context, _, _, _ in
      context?.assumingMemoryBound(to: GraphMLParse.self).pointee.documentType()
    }
    handler.internalSubset = doctype
    handler.externalSubset = doctype
    handler.reference = { context, _ in
      context?.assumingMemoryBound(to: GraphMLParse.self).pointee.entityReference()
    }
    handler.serror = { context, error in
      guard let error else { return }
      context?.assumingMemoryBound(to: GraphMLParse.self).pointee.parserError(UnsafePointer(error))
    }
    return handler
  }

  private mutating func startElement(
    _ localName: UnsafePointer<xmlChar>?, _ namespace: UnsafePointer<xmlChar>?, _ attributeCount: Int,
    _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
  ) {
    let elementDepth = depth
    depth += 1
    guard failure == nil else { return }
    // Elements the reader visits are limited to `maximumDepth`; skipped subtrees to
    // libxml2's own limit, which its tree builder (and so xmlTextReader) enforces but a
    // SAX2 handler has to check itself.
    if elementDepth > Self.parserMaximumDepth {
      fail(
        GraphMLError(
          .malformedXML, "Excessive depth in document: \(Self.parserMaximumDepth) use XML_PARSE_HUGE option",
          at: parserLocation()))
      return
    }
    let tag = StartTag(name: localName, namespace: namespace, attributeCount: attributeCount, attributes: attributes)
    do throws(GraphMLError) {
      switch frames.last {
      case nil: try documentChildStart(tag, depth: elementDepth)
      case .skip?: break
      case .key?: keyChildStart(tag, depth: elementDepth)
      case .element?: try elementChildStart(tag, depth: elementDepth)
      case .yFiles?: try yFilesDescendantStart(tag, depth: elementDepth)
      case .keyText?, .data?, .graphData?, .yFilesText?:
        // Text is read from the element itself; child elements are skipped.
        if elementDepth >= maximumDepth { throw nestingTooDeep(at: currentPosition()) }
        push(.skip(depth: elementDepth))
      }
    } catch {
      fail(error)
    }
  }

  private mutating func endElement() {
    depth -= 1
    guard failure == nil else { return }
    guard let frame = frames.last, frame.depth == depth else {
      if frames.isEmpty && depth == graphDepth { inGraph = false }
      return
    }
    frames.removeLast()
    textSink = frames.last?.textSink ?? .none
    do throws(GraphMLError) {
      switch frame {
      case .skip: break
      case .key: finishKey()
      case .keyText(_, let description): finishKeyText(description: description)
      case .element: try element.isNode ? finishNode() : finishEdge()
      case .data(_, let key, let start, let position): try finishData(key: key, start: start, position)
      case .graphData(_, let key, let position): try finishGraphData(key: key, position)
      case .yFiles(_, let graph): finishYFiles(graph: graph)
      case .yFilesText: finishYFilesText()
      }
    } catch {
      fail(error)
    }
  }

  private mutating func characters(_ bytes: UnsafePointer<xmlChar>?, _ length: Int) {
    guard textSink != .none, let bytes, length > 0 else { return }
    if textSink == .scratch {
      scratch.append(contentsOf: UnsafeBufferPointer(start: bytes, count: length))
    } else {
      text.append(contentsOf: UnsafeBufferPointer(start: bytes, count: length))
    }
  }

  /// Enters an element read as `frame`.
  @inline(__always)
  private mutating func push(_ frame: Frame) {
    frames.append(frame)
    textSink = frame.textSink
  }

  private mutating func documentType() {
    guard failure == nil else { return }
    fail(
      GraphMLError(
        .doctypeForbidden, "a <!DOCTYPE> is not allowed in GraphML (it could declare entities)",
        at: ColumnLocator.location(of: "<!DOCTYPE", in: origin) ?? parserLocation()))
  }

  private mutating func entityReference() {
    guard failure == nil else { return }
    fail(GraphMLError(.doctypeForbidden, "entity references are not allowed", at: parserLocation()))
  }

  private mutating func parserError(_ error: UnsafePointer<xmlError>) {
    guard firstParserError == nil else { return }
    let message = error.pointee.message.map { String(cString: $0) } ?? "malformed XML"
    firstParserError = (message.trimmingXMLWhitespace(), Int(error.pointee.line), Int(error.pointee.int2))
  }

  private mutating func fail(_ error: GraphMLError) {
    guard failure == nil else { return }
    do throws(GraphMLError) {
      try flushDeferredEdgeIDs()
      failure = error
    } catch {
      failure = error  // a repeated edge id earlier in the document
    }
    parser?.takeUnretainedValue().stop()
  }

  // MARK: Finishing

  mutating func finish(wellFormed: Bool) throws(GraphMLError) -> Graph {
    if let failure { throw failure }
    try flushDeferredEdgeIDs()
    if firstParserError != nil || !wellFormed { throw parserFailure() }
    guard sawRoot else {
      throw GraphMLError(.notGraphML, "the file holds no <graphml> element", at: SourceLocation(file: origin.name))
    }
    try resolvePendingEdges()
    return graph
  }

  private func parserFailure() -> GraphMLError {
    if let first = firstParserError {
      var message = first.message
      if message.contains("Detected an entity reference loop") || message.contains("amplification") {
        message = "entity expansion refused: \(message)"
      }
      return GraphMLError(
        .malformedXML, message, at: SourceLocation(file: origin.name, line: first.line, column: first.column))
    }
    return GraphMLError(.malformedXML, "the XML could not be parsed", at: parserLocation())
  }

  // MARK: Element starts

  /// A start tag as the parser hands it over.
  private struct StartTag {
    var name: UnsafePointer<xmlChar>?
    var namespace: UnsafePointer<xmlChar>?
    var attributeCount: Int
    /// Five pointers per attribute: local name, prefix, namespace, value start, value end.
    var attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?

    /// Calls `body` with each attribute's interned local name and value bytes.
    @inline(__always)
    func forEachAttribute(
      _ body: (UnsafePointer<xmlChar>?, UnsafeRawBufferPointer) throws(GraphMLError) -> Void
    ) throws(GraphMLError) {
      guard let attributes else { return }
      for index in 0..<attributeCount {
        let base = attributes + index * 5
        guard let start = base[3], let end = base[4] else { continue }
        try body(base[0], UnsafeRawBufferPointer(start: start, count: end - start))
      }
    }

    var nameText: String { name.map { String(cString: $0) } ?? "element" }
  }

  private mutating func isGraphMLNamespace(_ namespace: UnsafePointer<xmlChar>?) -> Bool {
    guard let namespace else { return true }
    if namespace == names.namespace { return true }
    if namespace == names.foreignNamespace { return false }
    if strcmp(UnsafeRawPointer(namespace).assumingMemoryBound(to: CChar.self), GraphMLVocabulary.namespace) == 0 {
      return true
    }
    names.foreignNamespace = namespace
    return false
  }

  /// An element the document level reads (the root, keys, the graph and its children).
  private mutating func documentChildStart(_ tag: StartTag, depth: Int) throws(GraphMLError) {
    let position = currentPosition()
    if depth >= maximumDepth { throw nestingTooDeep(at: position) }
    guard isGraphMLNamespace(tag.namespace) else {
      push(.skip(depth: depth))
      return
    }
    let name = tag.name
    if depth == 0 {
      guard name == names.graphml else { throw error(.notGraphML, "the root element is not <graphml>", at: position) }
      sawRoot = true
      return
    }
    if name == names.node {
      guard inGraph, depth == graphDepth + 1 else { throw misplaced("node", position) }
      try nodeStart(tag, position)
      push(.element(depth: depth))
    } else if name == names.edge {
      guard inGraph, depth == graphDepth + 1 else { throw misplaced("edge", position) }
      try edgeStart(tag, position)
      push(.element(depth: depth))
    } else if name == names.data {
      guard inGraph && depth == graphDepth + 1 else {
        push(.skip(depth: depth))
        return
      }
      let key = try dataKey(tag, element: .graph, position)
      text.removeAll(keepingCapacity: true)
      if keys[key].key.skipped {
        yFilesLabel = nil
        push(.yFiles(depth: depth, graph: true))
      } else {
        push(.graphData(depth: depth, key: key, position: position))
      }
    } else if name == names.key {
      guard depth == 1 else {
        push(.skip(depth: depth))
        return
      }
      try keyStart(tag, position)
      push(.key(depth: depth))
    } else if name == names.graph {
      if sawGraph {
        if inGraph {
          throw error(.unsupported, "nested graphs are not supported; NewsGraph reads one flat graph", at: position)
        }
        throw error(.unsupported, "a second <graph>: NewsGraph reads one graph per file", at: position)
      }
      guard depth == 1 else {
        throw error(.unsupported, "nested graphs are not supported; NewsGraph reads one flat graph", at: position)
      }
      try graphStart(tag, depth: depth, position)
    } else if name == names.hyperedge {
      throw error(.unsupported, "hyperedges are not supported; NewsGraph edges join two nodes", at: position)
    } else {
      push(.skip(depth: depth))
    }
  }

  private func misplaced(_ element: String, _ position: ElementPosition) -> GraphMLError {
    error(.unsupported, "<\(element)> outside the top-level <graph> (nested graphs are not supported)", at: position)
  }

  private func nestingTooDeep(at position: ElementPosition) -> GraphMLError {
    error(.nestingTooDeep, "elements are nested deeper than \(maximumDepth) levels", at: position)
  }

  private mutating func graphStart(_ tag: StartTag, depth: Int, _ position: ElementPosition) throws(GraphMLError) {
    sawGraph = true
    inGraph = true
    graphDepth = depth
    var directed: Bool?
    try tag.forEachAttribute { name, value throws(GraphMLError) in
      if name == names.edgedefault {
        switch String(decoding: value, as: UTF8.self) {
        case "directed": directed = true
        case "undirected": directed = false
        case let other:
          throw error(.invalidValue, "edgedefault must be 'directed' or 'undirected', not '\(other)'", at: position)
        }
      }
    }
    // Without edgedefault, networkx and igraph read undirected; so do we.
    graph.isDirected = directed ?? false
  }

  private mutating func keyStart(_ tag: StartTag, _ position: ElementPosition) throws(GraphMLError) {
    var id: String?
    var domain = "all"
    var attributeName: String?
    var typeName = "string"
    var yFilesType: String?
    try tag.forEachAttribute { name, value in
      let text = String(decoding: value, as: UTF8.self)
      if name == names.id {
        id = text
      } else if name == names.forAttribute {
        domain = text
      } else if name == names.attrName {
        attributeName = XMLNameToken.decode(text)
      } else if name == names.attrType {
        typeName = text
      } else if name == names.yFilesType {
        yFilesType = text
      }
    }
    guard let id else { throw error(.missingAttribute, "<key> without an 'id'", at: position) }
    if keyPositionsByID[id]?.contains(where: { keys[$0].key.domain == domain }) == true {
      throw error(.duplicateKey, "key id '\(id)' is declared twice for \(domain)", at: position)
    }
    let domains = ["node", "edge", "graph", "all", "graphml", "hyperedge", "port", "endpoint"]
    guard domains.contains(domain) else {
      throw error(
        .invalidKey, "key '\(id)': for=\"\(domain)\" is not one of \(domains.joined(separator: ", "))", at: position)
    }
    let type: GraphMLKey.ValueType
    switch typeName {
    case "string": type = .string
    case "int", "long", "integer": type = .integer
    case "float", "double": type = .float
    case "boolean": type = .boolean
    default:
      throw error(
        .invalidKey,
        "key '\(id)': attr.type=\"\(typeName)\" is not a GraphML type (boolean, int, long, float, double, string)",
        at: position)
    }
    pendingKey = GraphMLKey(
      id: id, domain: domain, name: attributeName ?? id, type: type, listElementType: nil,
      defaultText: nil, yFilesType: yFilesType, location: position)
  }

  /// A child of a `<key>`: `<desc>` and `<default>` are read, anything else skipped.
  private mutating func keyChildStart(_ tag: StartTag, depth: Int) {
    let isDescription = tag.name == names.desc
    if (isDescription || tag.name == names.defaultValue) && isGraphMLNamespace(tag.namespace) {
      text.removeAll(keepingCapacity: true)
      push(.keyText(depth: depth, description: isDescription))
    } else {
      push(.skip(depth: depth))
    }
  }

  private mutating func finishKeyText(description: Bool) {
    let value = String(decoding: text, as: UTF8.self)
    if description {
      if value.hasPrefix(GraphMLVocabulary.listDescriptionPrefix) {
        let word = value.dropFirst(GraphMLVocabulary.listDescriptionPrefix.count).prefix { $0.isLetter }
        switch word {
        case "string": pendingKey?.listElementType = .string
        case "int", "long": pendingKey?.listElementType = .integer
        case "double", "float": pendingKey?.listElementType = .float
        case "boolean": pendingKey?.listElementType = .boolean
        default: break
        }
      }
    } else {
      pendingKey?.defaultText = value
    }
  }

  private mutating func finishKey() {
    guard var key = pendingKey else { return }
    pendingKey = nil
    // `NAME:KIND` names the values of one kind of property NAME (GraphMLVocabulary).
    if let (name, suffix) = GraphMLVocabulary.splitVariantAttributeName(key.name),
      suffix == Self.variantSuffix(type: key.type, listElementType: key.listElementType)
    {
      key.name = name
      key.isVariant = true
    }
    let fast: KeyInfo.Fast
    switch (key.type, key.listElementType) {
    case _ where key.isVariant || key.skipped: fast = .other
    case (.string, nil): fast = .text
    case (.string, .string?): fast = .textList
    case (.integer, nil): fast = .integer
    default: fast = .other
    }
    keyPositionsByID[key.id, default: []].append(keys.count)
    keys.append(KeyInfo(key: key, nameID: nameID(key.collectedName), fast: fast))
    keyLookup.removeAll()
    defaultsReady = false
  }

  private static func variantSuffix(type: GraphMLKey.ValueType, listElementType: GraphMLKey.ValueType?) -> String {
    func word(_ type: GraphMLKey.ValueType) -> String {
      switch type {
      case .string: "string"
      case .integer: "integer"
      case .float: "float"
      case .boolean: "boolean"
      }
    }
    if let listElementType, type == .string { return "list_" + word(listElementType) }
    return word(type)
  }

  /// The kinds of element `<data>` can sit in.
  enum DataElement: Int {
    case node, edge, graph

    var name: String {
      switch self {
      case .node: "node"
      case .edge: "edge"
      case .graph: "graph"
      }
    }
  }

  /// The key `id` as it applies to `element`: the one declared for it, else for `all`,
  /// else any (some writers declare edge keys `for="node"`).
  private func key(_ id: String, for element: DataElement) -> Int? {
    guard let candidates = keyPositionsByID[id] else { return nil }
    return candidates.first { keys[$0].key.domain == element.name }
      ?? candidates.first { keys[$0].key.domain == "all" } ?? candidates.first
  }

  /// The key a `<data>` element refers to.
  private mutating func dataKey(_ tag: StartTag, element: DataElement, _ position: ElementPosition) throws(GraphMLError)
    -> Int
  {
    var found: Int?
    var missing = true
    var unknownID = ""
    try tag.forEachAttribute { name, value in
      guard name == names.keyAttribute else { return }
      missing = false
      if let cached = keyLookup.find(value, element) {
        found = cached
      } else {
        let id = String(decoding: value, as: UTF8.self)
        found = key(id, for: element)
        keyLookup.store(value, element, found)
      }
      if found == nil { unknownID = String(decoding: value, as: UTF8.self) }
    }
    if missing { throw error(.missingAttribute, "<data> without a 'key' attribute", at: position) }
    guard let key = found else {
      throw error(.unknownKey, "<data> refers to key '\(unknownID)', which is not declared", at: position)
    }
    return key
  }

  // MARK: Nodes and edges

  /// Copies attribute `value` into `scratch`, spelled back from a name token.
  private mutating func storeToken(_ value: UnsafeRawBufferPointer) -> Piece {
    let start = scratch.count
    if XMLNameToken.mayNeedDecoding(value) {
      scratch.append(contentsOf: XMLNameToken.decode(String(decoding: value, as: UTF8.self)).utf8)
    } else {
      scratch.append(contentsOf: value)
    }
    return Piece(start: start, count: scratch.count - start)
  }

  private mutating func beginElement(isNode: Bool, _ position: ElementPosition) {
    element = ElementState(isNode: isNode, position: position)
    scratch.removeAll(keepingCapacity: true)
    entries.removeAll(keepingCapacity: true)
  }

  private mutating func nodeStart(_ tag: StartTag, _ position: ElementPosition) throws(GraphMLError) {
    beginElement(isNode: true, position)
    try tag.forEachAttribute { name, value in
      if name == names.id { element.id = storeToken(value) }
    }
    guard let id = element.id else { throw error(.missingAttribute, "<node> without an 'id'", at: position) }
    if scratch.withUnsafeBytes({ graph.nodeIndex(ofBytes: Self.slice($0, id)) }) != nil {
      throw error(.duplicateNodeID, "node id '\(string(id))' is declared twice", at: position)
    }
  }

  private mutating func edgeStart(_ tag: StartTag, _ position: ElementPosition) throws(GraphMLError) {
    beginElement(isNode: false, position)
    try tag.forEachAttribute { name, value in
      if name == names.source {
        element.source = storeToken(value)
      } else if name == names.target {
        element.target = storeToken(value)
      } else if name == names.id {
        element.id = storeToken(value)
      } else if name == names.directed {
        element.directed = GraphMLVocabulary.parseBoolean(String(decoding: value, as: UTF8.self))
      }
    }
    guard let source = element.source else {
      throw error(.missingAttribute, "<edge> without a 'source'", at: position)
    }
    guard let target = element.target else {
      throw error(.missingAttribute, "<edge> without a 'target'", at: position)
    }
    (element.sourceIndex, element.targetIndex) = scratch.withUnsafeBytes { all in
      graph.nodeIndices(ofBytes: Self.slice(all, source), Self.slice(all, target))
    }
  }

  /// A child of a `<node>` or `<edge>`.
  private mutating func elementChildStart(_ tag: StartTag, depth: Int) throws(GraphMLError) {
    let position = currentPosition()
    if depth >= maximumDepth { throw nestingTooDeep(at: position) }
    guard isGraphMLNamespace(tag.namespace) else {
      push(.skip(depth: depth))
      return
    }
    let name = tag.name
    if name == names.data {
      let key = try dataKey(tag, element: element.isNode ? .node : .edge, position)
      if keys[key].key.skipped {
        yFilesLabel = nil
        push(.yFiles(depth: depth, graph: false))
      } else {
        push(.data(depth: depth, key: key, start: scratch.count, position: position))
      }
    } else if name == names.graph {
      throw error(.unsupported, "nested graphs are not supported; NewsGraph reads one flat graph", at: position)
    } else if name == names.node || name == names.edge || name == names.hyperedge || name == names.key {
      let kind = element.isNode ? "node" : "edge"
      throw error(.unsupported, "<\(tag.nameText)> inside <\(kind)> is not GraphML", at: position)
    } else {
      push(.skip(depth: depth))  // <desc>, <port>, <locator>
    }
  }

  /// Any element inside yFiles graphics: the first `NodeLabel` or `EdgeLabel` is read.
  private mutating func yFilesDescendantStart(_ tag: StartTag, depth: Int) throws(GraphMLError) {
    if depth >= maximumDepth { throw nestingTooDeep(at: currentPosition()) }
    if yFilesLabel == nil, tag.name == names.nodeLabel || tag.name == names.edgeLabel {
      text.removeAll(keepingCapacity: true)
      push(.yFilesText(depth: depth))
    }
  }

  private mutating func finishYFilesText() {
    let label = String(decoding: text, as: UTF8.self).trimmingXMLWhitespace()
    if yFilesLabel == nil, !label.isEmpty { yFilesLabel = label }
  }

  private mutating func finishYFiles(graph isGraph: Bool) {
    guard let label = yFilesLabel else { return }
    if isGraph {
      graph.properties[GraphMLVocabulary.nodeLabel] = .string(label)
    } else if !entries.contains(where: { $0.nameID == NameID.label }) {
      entries.append(Entry(key: -1, nameID: NameID.label, value: .value(.string(label))))
    }
  }

  /// A `<data>` of a node or edge has ended: its text becomes a value.
  private mutating func finishData(key: Int, start: Int, _ position: ElementPosition) throws(GraphMLError) {
    let piece = Piece(start: start, count: scratch.count - start)
    let info = keys[key]
    let value: Entry.Value
    switch info.fast {
    case .text:
      value = .text(piece)
    case .textList:
      if Self.hasDanglingEscape(scratch, piece) {
        throw error(.invalidValue, "key '\(info.key.id)': list ends in a lone '\\'", at: position)
      }
      value = .list(piece)
    case .integer:
      if let number = Self.plainInteger(scratch, piece) {
        value = .integer(number)
      } else {
        guard let parsed = try parseValue(string(piece), key: info.key, position) else { return }
        value = .value(parsed)
      }
    case .other:
      guard let parsed = try parseValue(string(piece), key: info.key, position) else { return }
      value = .value(parsed)
    }
    let entry = Entry(key: key, nameID: info.nameID, value: value)
    if let existing = entries.firstIndex(where: { $0.nameID == info.nameID }) {
      entries[existing] = entry
    } else {
      entries.append(entry)
    }
  }

  private mutating func finishGraphData(key: Int, _ position: ElementPosition) throws(GraphMLError) {
    let info = keys[key].key
    guard let value = try parseValue(String(decoding: text, as: UTF8.self), key: info, position) else { return }
    var properties = [(info.collectedName, value)]
    Self.resolveVariants(&properties)
    for (name, value) in properties { graph.properties[name] = value }
  }

  /// Whether every value of the element can go straight into typed columns, with the
  /// derived-key names (`type`, `label`, ...) holding plain strings.
  private func entriesAreFast(derivedNames: ClosedRange<Int>) -> Bool {
    for entry in entries {
      switch entry.value {
      case .text: continue
      case .list, .integer:
        if derivedNames.contains(entry.nameID) { return false }
      case .value:
        return false
      }
    }
    return true
  }

  private func entryIndex(_ nameID: Int) -> Int? { entries.firstIndex { $0.nameID == nameID } }

  private mutating func finishNode() throws(GraphMLError) {
    prepareDefaults()
    guard let id = element.id else { return }
    if !nodeDefaults.isEmpty || !entriesAreFast(derivedNames: NameID.type...NameID.name) {
      try addNodeGenerally(id: string(id))
      return
    }
    var labels: [String] = []
    var dropped: [Int] = []
    let typeEntry = entryIndex(NameID.type)
    if let index = entryIndex(NameID.labels), case .text(let piece) = entries[index].value {
      labels = decodedLabels(piece)
      dropped.append(index)
    } else if let index = typeEntry, case .text(let piece) = entries[index].value, piece.count > 0 {
      labels = [string(piece)]
    }
    if let index = typeEntry, case .text(let piece) = entries[index].value, let first = labels.first,
      string(piece) == first
    {
      dropped.append(index)
    }
    if let index = entryIndex(NameID.label), case .text(let label) = entries[index].value {
      var derived = id
      if let nameIndex = entryIndex(NameID.name), case .text(let name) = entries[nameIndex].value { derived = name }
      if equal(label, derived) { dropped.append(index) }
    }
    let added = scratch.withUnsafeBytes { graph.appendNode(idBytes: Self.slice($0, id), labels: labels) }
    guard let node = added else {
      throw error(.duplicateNodeID, "node id '\(string(id))' is declared twice", at: element.position)
    }
    for (position, entry) in entries.enumerated() where !dropped.contains(position) {
      store(entry, node: true, at: node)
    }
  }

  private mutating func finishEdge() throws(GraphMLError) {
    prepareDefaults()
    let fast =
      edgeDefaults.isEmpty && (element.directed == nil || element.directed == graph.isDirected) && !bufferingEdges
      && element.sourceIndex != nil && element.targetIndex != nil && element.id != nil && generatedEdgeIDs.isEmpty
      && entriesAreFast(derivedNames: NameID.type...NameID.interaction)
    guard fast, let id = element.id, let source = element.sourceIndex, let target = element.targetIndex else {
      try addEdgeGenerally()
      return
    }
    var dropped: [Int] = []
    var type = Piece(start: -1, count: 0)
    let labelEntry = entryIndex(NameID.label)
    let interactionEntry = entryIndex(NameID.interaction)
    if let index = entryIndex(NameID.type), case .text(let piece) = entries[index].value {
      type = piece
      dropped.append(index)
    } else if let index = labelEntry, case .text(let piece) = entries[index].value {
      type = piece
    } else if let index = interactionEntry, case .text(let piece) = entries[index].value {
      type = piece
    }
    for index in [labelEntry, interactionEntry].compactMap({ $0 }) {
      if case .text(let piece) = entries[index].value, type.start >= 0 ? equal(piece, type) : string(piece) == "RELATED" {
        dropped.append(index)
      }
    }
    let typeCode = edgeTypeCode(type)
    let edge: Int
    if element.position.offset >= 0 {
      // The id is checked and indexed with all others at the end (flushDeferredEdgeIDs).
      edge = scratch.withUnsafeBytes { all in
        graph.appendEdgeDeferringIDIndex(
          idBytes: Self.slice(all, id), sourceIndex: source, targetIndex: target, typeCode: typeCode)
      }
      // Only ids that are not simply `e<position>` can repeat an earlier one.
      if graph.hasDeferredEdgeIDs {
        if deferredEdgeOffsets.isEmpty { firstDeferredEdge = edge }
        deferredEdgeOffsets.append(element.position.offset)
      }
    } else {
      let added = scratch.withUnsafeBytes { all in
        graph.distinctEdgeTypes[typeCode].withUTF8Bytes {
          graph.appendEdge(idBytes: Self.slice(all, id), sourceIndex: source, targetIndex: target, typeBytes: $0)
        }
      }
      guard let added else {
        throw error(.duplicateEdgeID, "edge id '\(string(id))' is used twice", at: element.position)
      }
      edge = added
    }
    for (position, entry) in entries.enumerated() where !dropped.contains(position) {
      store(entry, node: false, at: edge)
    }
  }

  /// The graph's number for the edge type in `piece` (`start` -1: `RELATED`), through a
  /// small cache of the types seen so far.
  private mutating func edgeTypeCode(_ piece: Piece) -> Int {
    if piece.start < 0 {
      if relatedTypeCode < 0 { relatedTypeCode = "RELATED".withUTF8Bytes { graph.edgeTypeCode(ofBytes: $0) } }
      return relatedTypeCode
    }
    for cached in typeCache where cached.count == piece.count {
      if typeCacheBytes[cached.start..<(cached.start + cached.count)].elementsEqual(
        scratch[piece.start..<(piece.start + piece.count)])
      {
        return cached.code
      }
    }
    let code = scratch.withUnsafeBytes { graph.edgeTypeCode(ofBytes: Self.slice($0, piece)) }
    if typeCache.count < 32 {
      typeCache.append((typeCacheBytes.count, piece.count, code))
      typeCacheBytes.append(contentsOf: scratch[piece.start..<(piece.start + piece.count)])
    }
    return code
  }

  /// Checks and indexes the ids of the edges added on the fast path so far; must run
  /// before anything looks edges up. A repeated id is the error of the edge that
  /// repeated it, which comes before anything the parse has reached since.
  private mutating func flushDeferredEdgeIDs() throws(GraphMLError) {
    guard graph.hasDeferredEdgeIDs else { return }
    let offsets = deferredEdgeOffsets
    deferredEdgeOffsets = []
    guard let duplicate = graph.indexDeferredEdgeIDs() else { return }
    let offset = offsets[duplicate - firstDeferredEdge]
    throw GraphMLError(
      .duplicateEdgeID, "edge id '\(graph.edgeID(at: duplicate))' is used twice",
      at: ColumnLocator.location(ofTagEndingAt: offset, in: origin))
  }

  /// Puts one fast-path value into its graph column.
  private mutating func store(_ entry: Entry, node: Bool, at index: Int) {
    let slot = columnSlot(key: entry.key, node: node)
    switch entry.value {
    case .text(let piece):
      scratch.withUnsafeBytes { all in
        let bytes = Self.slice(all, piece)
        if node {
          graph.setNodeText(slot: slot, at: index, bytes: bytes)
        } else {
          graph.setEdgeText(slot: slot, at: index, bytes: bytes)
        }
      }
    case .list(let piece):
      decodeList(piece)
      listBytes.withUnsafeBytes { bytes in
        listLengths.withUnsafeBufferPointer { lengths in
          if node {
            graph.setNodeTextList(slot: slot, at: index, bytes: bytes, lengths: lengths)
          } else {
            graph.setEdgeTextList(slot: slot, at: index, bytes: bytes, lengths: lengths)
          }
        }
      }
    case .integer(let number):
      if node {
        graph.setNodeInteger(slot: slot, at: index, to: number)
      } else {
        graph.setEdgeInteger(slot: slot, at: index, to: number)
      }
    case .value:
      break  // not on the fast path
    }
  }

  private mutating func columnSlot(key: Int, node: Bool) -> Int {
    if node {
      if keys[key].nodeSlot < 0 { keys[key].nodeSlot = graph.nodePropertySlot(keys[key].key.collectedName) }
      return keys[key].nodeSlot
    }
    if keys[key].edgeSlot < 0 { keys[key].edgeSlot = graph.edgePropertySlot(keys[key].key.collectedName) }
    return keys[key].edgeSlot
  }

  /// The element's values as name–value pairs, for the general path.
  private func collectedProperties() -> [(String, PropertyValue)] {
    entries.map { entry in
      let value: PropertyValue
      switch entry.value {
      case .text(let piece): value = .string(string(piece))
      case .list(let piece): value = .list((GraphMLVocabulary.decodeList(string(piece)) ?? []).map(PropertyValue.string))
      case .integer(let number): value = .integer(number)
      case .value(let other): value = other
      }
      return (nameStrings[entry.nameID], value)
    }
  }

  // MARK: The general path

  private mutating func addNodeGenerally(id: String) throws(GraphMLError) {
    let position = element.position
    var properties = collectedProperties()
    if !nodeDefaults.isEmpty { try applyDefaults(nodeDefaults, to: &properties) }

    var dictionary: [String: PropertyValue] = [:]
    dictionary.reserveCapacity(properties.count)
    for (name, value) in properties { dictionary[name] = value }
    var labels: [String] = []
    if case .string(let encoded)? = dictionary[GraphMLVocabulary.nodeLabels] {
      labels = GraphMLVocabulary.decodeLabels(encoded)
      dictionary[GraphMLVocabulary.nodeLabels] = nil
    } else if case .string(let type)? = dictionary[GraphMLVocabulary.nodeType], !type.isEmpty {
      labels = [type]
    }
    if case .string(let type)? = dictionary[GraphMLVocabulary.nodeType], type == labels.first {
      dictionary[GraphMLVocabulary.nodeType] = nil
    }
    if case .string(let label)? = dictionary[GraphMLVocabulary.nodeLabel] {
      let derived = dictionary[GraphMLVocabulary.name]?.stringValue ?? id
      if label == derived { dictionary[GraphMLVocabulary.nodeLabel] = nil }
    }
    for (name, value) in dictionary where name.hasPrefix(GraphMLKey.variantMarker) {
      dictionary[name] = nil
      dictionary[String(name.dropFirst(GraphMLKey.variantMarker.count))] = value
    }
    do {
      try graph.addNode(Node(id: id, labels: labels, properties: dictionary))
    } catch {
      throw self.error(.invalidValue, error.message, at: position)
    }
  }

  private mutating func addEdgeGenerally() throws(GraphMLError) {
    try flushDeferredEdgeIDs()
    let position = element.position
    guard let sourcePiece = element.source, let targetPiece = element.target else { return }
    let source = string(sourcePiece)
    let target = string(targetPiece)
    let id = element.id.map(string)
    var properties = collectedProperties()
    if !edgeDefaults.isEmpty { try applyDefaults(edgeDefaults, to: &properties) }
    if let directed = element.directed, directed != graph.isDirected {
      properties.removeAll { $0.0 == "directed" }
      properties.append(("directed", .boolean(directed)))
    }

    var type: String?
    if let index = properties.firstIndex(where: { $0.0 == GraphMLVocabulary.edgeType }),
      case .string(let text) = properties[index].1
    {
      type = text
      properties.remove(at: index)
    } else if let index = properties.firstIndex(where: { $0.0 == GraphMLVocabulary.edgeLabel }),
      case .string(let text) = properties[index].1
    {
      type = text
    } else if let index = properties.firstIndex(where: { $0.0 == GraphMLVocabulary.edgeInteraction }),
      case .string(let text) = properties[index].1
    {
      type = text
    }
    let edgeType = type ?? "RELATED"
    properties.removeAll {
      ($0.0 == GraphMLVocabulary.edgeInteraction || $0.0 == GraphMLVocabulary.edgeLabel)
        && $0.1 == .string(edgeType)
    }
    Self.resolveVariants(&properties)

    if !bufferingEdges, let sourceIndex = element.sourceIndex, let targetIndex = element.targetIndex {
      try addEdge(
        id: id, sourceIndex: sourceIndex, targetIndex: targetIndex, type: edgeType, properties: properties, position)
    } else {
      bufferingEdges = true
      pendingEdges.append(
        PendingEdge(id: id, source: source, target: target, type: edgeType, properties: properties, position: position))
    }
  }

  private mutating func addEdge(
    id: String?, sourceIndex: Int, targetIndex: Int, type: String, properties: [(String, PropertyValue)],
    _ position: ElementPosition
  ) throws(GraphMLError) {
    let edgeID: String
    if let id {
      edgeID = id
      // A valid file may name an edge what we generated for an earlier edge without id.
      if generatedEdgeIDs.contains(id), let taken = graph.edgeIndex(of: id) {
        generatedEdgeIDs.remove(id)
        let replacement = generatedEdgeID(avoiding: id)
        graph.setEdgeID(replacement, at: taken)
        generatedEdgeIDs.insert(replacement)
      }
    } else {
      edgeID = generatedEdgeID(avoiding: nil)
      generatedEdgeIDs.insert(edgeID)
    }
    do {
      try graph.addEdge(id: edgeID, sourceIndex: sourceIndex, targetIndex: targetIndex, type: type, properties: properties)
    } catch GraphError.duplicateEdgeID {
      throw error(.duplicateEdgeID, "edge id '\(edgeID)' is used twice", at: position)
    } catch {
      throw self.error(.invalidValue, error.message, at: position)
    }
  }

  private func generatedEdgeID(avoiding reserved: String?) -> String {
    var candidate = "e\(graph.edgeCount)"
    var suffix = 1
    while graph.edgeIndex(of: candidate) != nil || candidate == reserved {
      candidate = "e\(graph.edgeCount)_\(suffix)"
      suffix += 1
    }
    return candidate
  }

  private mutating func resolvePendingEdges() throws(GraphMLError) {
    let pending = pendingEdges
    pendingEdges = []
    for edge in pending {
      guard let sourceIndex = graph.nodeIndex(of: edge.source) else {
        throw error(.danglingEdge, "edge source '\(edge.source)' is not a declared node", at: edge.position)
      }
      guard let targetIndex = graph.nodeIndex(of: edge.target) else {
        throw error(.danglingEdge, "edge target '\(edge.target)' is not a declared node", at: edge.position)
      }
      try addEdge(
        id: edge.id, sourceIndex: sourceIndex, targetIndex: targetIndex, type: edge.type,
        properties: edge.properties, edge.position)
    }
  }

  private mutating func prepareDefaults() {
    guard !defaultsReady else { return }
    let withDefaults = keys.map(\.key).filter { $0.defaultText != nil && !$0.skipped }.sorted { $0.id < $1.id }
    nodeDefaults = withDefaults.filter { $0.applies(to: "node") }
    edgeDefaults = withDefaults.filter { $0.applies(to: "edge") }
    defaultsReady = true
  }

  private func applyDefaults(_ defaults: [GraphMLKey], to properties: inout [(String, PropertyValue)])
    throws(GraphMLError)
  {
    for key in defaults where !properties.contains(where: { $0.0 == key.collectedName }) {
      if let text = key.defaultText, let value = try parseValue(text, key: key, key.location) {
        properties.append((key.collectedName, value))
      }
    }
  }

  /// Gives values of variant keys their property names, after the derived keys have
  /// been interpreted; they replace a plain value of the same name.
  private static func resolveVariants(_ properties: inout [(String, PropertyValue)]) {
    guard properties.contains(where: { $0.0.hasPrefix(GraphMLKey.variantMarker) }) else { return }
    var resolved: [(String, PropertyValue)] = []
    for (name, value) in properties where name.hasPrefix(GraphMLKey.variantMarker) {
      resolved.append((String(name.dropFirst(GraphMLKey.variantMarker.count)), value))
    }
    let variantNames = Set(resolved.map(\.0))
    properties = properties.filter { !$0.0.hasPrefix(GraphMLKey.variantMarker) && !variantNames.contains($0.0) } + resolved
  }

  // MARK: Values

  private func parseValue(_ text: String, key: GraphMLKey, _ position: ElementPosition) throws(GraphMLError)
    -> PropertyValue?
  {
    if let elementType = key.listElementType, key.type == .string {
      guard let parts = GraphMLVocabulary.decodeList(text) else {
        throw error(.invalidValue, "key '\(key.id)': list ends in a lone '\\'", at: position)
      }
      var elements: [PropertyValue] = []
      elements.reserveCapacity(parts.count)
      for part in parts {
        guard let element = try parseScalar(part, type: elementType, key: key, position) else {
          throw error(.invalidValue, "key '\(key.id)': empty element in a list of numbers", at: position)
        }
        elements.append(element)
      }
      return .list(elements)
    }
    return try parseScalar(text, type: key.type, key: key, position)
  }

  private func parseScalar(
    _ text: String, type: GraphMLKey.ValueType, key: GraphMLKey, _ position: ElementPosition
  ) throws(GraphMLError) -> PropertyValue? {
    switch type {
    case .string:
      return .string(text)
    case .integer:
      if let number = GraphMLVocabulary.parseInteger(text) { return .integer(number) }
      if text.trimmingXMLWhitespace().isEmpty { return nil }
      throw error(.invalidValue, "key '\(key.name)' holds integers, but the value is '\(text)'", at: position)
    case .float:
      if let number = GraphMLVocabulary.parseDouble(text) { return .float(number) }
      if text.trimmingXMLWhitespace().isEmpty { return nil }
      throw error(.invalidValue, "key '\(key.name)' holds numbers, but the value is '\(text)'", at: position)
    case .boolean:
      if let flag = GraphMLVocabulary.parseBoolean(text) { return .boolean(flag) }
      if text.trimmingXMLWhitespace().isEmpty { return nil }
      throw error(.invalidValue, "key '\(key.name)' holds booleans, but the value is '\(text)'", at: position)
    }
  }

  /// The integer spelled by `piece` when it is plain digits with an optional `-` (what
  /// ``GraphMLVocabulary/parseInteger(_:)`` would give); `nil` for anything else.
  private static func plainInteger(_ bytes: [UInt8], _ piece: Piece) -> Int? {
    guard piece.count > 0, piece.count <= 18 else { return nil }
    var index = piece.start
    let end = piece.start + piece.count
    let negative = bytes[index] == UInt8(ascii: "-")
    if negative {
      index += 1
      guard index < end else { return nil }
    }
    var value = 0
    while index < end {
      let digit = bytes[index] &- UInt8(ascii: "0")
      guard digit < 10 else { return nil }
      value = value * 10 + Int(digit)
      index += 1
    }
    return negative ? -value : value
  }

  /// Whether an encoded list ends in an unpaired `\` (``GraphMLVocabulary/decodeList(_:)``
  /// refuses it).
  private static func hasDanglingEscape(_ bytes: [UInt8], _ piece: Piece) -> Bool {
    var escaped = false
    for index in piece.start..<(piece.start + piece.count) {
      if escaped {
        escaped = false
      } else if bytes[index] == GraphMLVocabulary.listEscape {
        escaped = true
      }
    }
    return escaped
  }

  /// Decodes the encoded list in `piece` into `listBytes` and `listLengths`, as
  /// ``GraphMLVocabulary/decodeList(_:)`` does.
  private mutating func decodeList(_ piece: Piece) {
    listBytes.removeAll(keepingCapacity: true)
    listLengths.removeAll(keepingCapacity: true)
    guard piece.count > 0 else { return }
    var elementStart = 0
    var escaped = false
    for index in piece.start..<(piece.start + piece.count) {
      let byte = scratch[index]
      if escaped {
        escaped = false
        // `\e` alone is the empty element; the element text is empty either way.
        if !(byte == UInt8(ascii: "e") && listBytes.count == elementStart) { listBytes.append(byte) }
      } else if byte == GraphMLVocabulary.listEscape {
        escaped = true
      } else if byte == GraphMLVocabulary.listSeparator {
        listLengths.append(listBytes.count - elementStart)
        elementStart = listBytes.count
      } else {
        listBytes.append(byte)
      }
    }
    listLengths.append(listBytes.count - elementStart)
  }

  /// The labels of a `labels` value, decoded once per distinct text.
  private mutating func decodedLabels(_ piece: Piece) -> [String] {
    let text = string(piece)
    if let labels = labelsByText[text] { return labels }
    let labels = GraphMLVocabulary.decodeLabels(text)
    if labelsByText.count < 4096 { labelsByText[text] = labels }
    return labels
  }

  // MARK: Scratch access

  private func string(_ piece: Piece) -> String {
    scratch.withUnsafeBytes { String(decoding: Self.slice($0, piece), as: UTF8.self) }
  }

  @inline(__always)
  private static func slice(_ all: UnsafeRawBufferPointer, _ piece: Piece) -> UnsafeRawBufferPointer {
    UnsafeRawBufferPointer(rebasing: all[piece.start..<(piece.start + piece.count)])
  }

  private func equal(_ lhs: Piece, _ rhs: Piece) -> Bool {
    lhs.count == rhs.count && scratch[lhs.start..<(lhs.start + lhs.count)].elementsEqual(
      scratch[rhs.start..<(rhs.start + rhs.count)])
  }

  // MARK: Locations

  /// Where the current element's start tag ends, as the parser reports it.
  private mutating func currentPosition() -> ElementPosition {
    guard let input = context?.pointee.input else { return ElementPosition(line: 0, column: 0, offset: -1) }
    if !checkedEncoding {
      checkedEncoding = true
      eagerPositions = input.pointee.buf?.pointee.encoder != nil
    }
    let line = Int(input.pointee.line)
    let column = Int(input.pointee.col)
    guard let cur = input.pointee.cur, let base = input.pointee.base else {
      return ElementPosition(line: line, column: column, offset: -1)
    }
    let position = ElementPosition(line: line, column: column, offset: Int(input.pointee.consumed) + (cur - base))
    return eagerPositions ? exactPosition(position, buffer: (base, cur)) : position
  }

  /// `position` with the line and column of the `<` worked out now from the parser's
  /// buffer, which holds the whole start tag (for transcoded input).
  private func exactPosition(
    _ position: ElementPosition, buffer: (UnsafePointer<xmlChar>, UnsafePointer<xmlChar>)
  ) -> ElementPosition {
    let bytes = Array(UnsafeBufferPointer(start: buffer.0, count: buffer.1 - buffer.0))
    let start = ColumnLocator.tagStart(in: bytes, endLine: position.line, endColumn: position.column, atInputStart: true)
    return ElementPosition(line: start?.0 ?? position.line, column: start?.1 ?? position.column, offset: -1)
  }

  private func parserLocation() -> SourceLocation {
    guard let input = context?.pointee.input else { return SourceLocation(file: origin.name) }
    return SourceLocation(file: origin.name, line: Int(input.pointee.line), column: Int(input.pointee.col))
  }

  private func error(_ kind: GraphMLError.Kind, _ message: String, at location: SourceLocation) -> GraphMLError {
    GraphMLError(kind, message, at: location)
  }

  private func error(_ kind: GraphMLError.Kind, _ message: String, at position: ElementPosition) -> GraphMLError {
    GraphMLError(kind, message, at: ColumnLocator.location(of: position, in: origin))
  }
}

/// `<data key>` ids seen so far and the keys they resolve to per kind of element, found
/// by comparing bytes (the next id is usually the one after the last hit, as elements
/// repeat their keys in the same order).
private struct KeyLookup {
  private var bytes: [UInt8] = []
  private var entries: [(start: Int, count: Int, resolved: [Int?], known: [Bool])] = []
  private var cursor = 0

  mutating func removeAll() {
    bytes.removeAll()
    entries.removeAll()
    cursor = 0
  }

  /// The cached resolution of `id` for `element`: `.some(nil)` for a known miss, `nil`
  /// when not cached.
  mutating func find(_ id: UnsafeRawBufferPointer, _ element: GraphMLParse.DataElement) -> Int?? {
    let count = entries.count
    guard count > 0 else { return nil }
    var index = cursor < count ? cursor : 0
    for _ in 0..<count {
      let entry = entries[index]
      if entry.count == id.count, entry.known[element.rawValue], matches(entry.start, id) {
        cursor = index + 1
        return .some(entry.resolved[element.rawValue])
      }
      index += 1
      if index == count { index = 0 }
    }
    return nil
  }

  private func matches(_ start: Int, _ id: UnsafeRawBufferPointer) -> Bool {
    bytes.withUnsafeBytes { all in
      UnsafeRawBufferPointer(rebasing: all[start..<(start + id.count)]).elementsEqual(id)
    }
  }

  mutating func store(_ id: UnsafeRawBufferPointer, _ element: GraphMLParse.DataElement, _ resolved: Int?) {
    guard entries.count < 256 else { return }
    if let existing = entries.firstIndex(where: { $0.count == id.count && matches($0.start, id) }) {
      entries[existing].resolved[element.rawValue] = resolved
      entries[existing].known[element.rawValue] = true
      return
    }
    var resolutions: [Int?] = [nil, nil, nil]
    var known = [false, false, false]
    resolutions[element.rawValue] = resolved
    known[element.rawValue] = true
    entries.append((bytes.count, id.count, resolutions, known))
    bytes.append(contentsOf: id)
  }
}
