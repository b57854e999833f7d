import KGCore
import KGGraph

#if canImport(Glibc)
  import Glibc
#endif

/// Reads GraphML into a ``Graph``: NewsGraph's own files and files written by
/// networkx, igraph, Gephi, Cytoscape and yEd.
///
/// The reader streams through libxml2's `xmlTextReader`, so memory holds the graph
/// and not the document. It is strict where other readers guess: duplicate node or
/// edge ids, edges whose ends are not declared, a missing `source` or `target`, and
/// `<data>` for an undeclared key are errors with `FILE:LINE:COL`, never silently
/// merged or invented nodes.
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
/// where entity bombs and external entities live), the network is never used, and
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
    guard let reader = LibXMLTextReader(file: path) else {
      throw GraphMLError(.cannotOpen, "cannot open file", at: SourceLocation(file: path))
    }
    var parse = GraphMLParse(reader: reader, origin: .file(path), maximumDepth: maximumDepth)
    return try parse.run()
  }

  /// Reads GraphML text held in memory; `name` is used in error locations.
  public func read(bytes: [UInt8], name: String? = nil) throws(GraphMLError) -> Graph {
    let result: Result<Graph, GraphMLError> = bytes.withUnsafeBufferPointer { buffer in
      guard let reader = LibXMLTextReader(buffer: buffer, name: name) else {
        return .failure(GraphMLError(.cannotOpen, "cannot parse input", at: SourceLocation(file: name)))
      }
      var parse = GraphMLParse(reader: reader, origin: .memory(buffer, name), maximumDepth: maximumDepth)
      return Result { () throws(GraphMLError) in try parse.run() }
    }
    return try result.get()
  }

  /// Reads GraphML text; `name` is used in error locations.
  public func read(string: String, name: String? = nil) throws(GraphMLError) -> Graph {
    try read(bytes: Array(string.utf8), name: name)
  }
}

/// Where the XML comes from, for turning a line and element ordinal into a column.
enum GraphMLOrigin {
  case file(String)
  case memory(UnsafeBufferPointer<UInt8>, String?)

  var name: String? {
    switch self {
    case .file(let path): path
    case .memory(_, let name): name
    }
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

/// An element's start, as a line and its ordinal among element starts on that line;
/// turned into a column only when an error needs one.
struct ElementPosition {
  var line: Int
  var ordinal: Int
}

/// One run of the reader over one document.
struct GraphMLParse {
  private let reader: LibXMLTextReader
  private let origin: GraphMLOrigin
  private let maximumDepth: Int32

  private var graph = Graph()
  /// Declared keys by id; an id may be declared once per `for` (Cytoscape repeats ids
  /// for its node and edge tables).
  private var keys: [String: [GraphMLKey]] = [:]
  private var generatedEdgeIDs: Set<String> = []
  private var sawGraph = false
  private var inGraph = false
  private var graphDepth: Int32 = -1
  private var sawRoot = false
  private var edgesSeen = 0
  private var nodeDefaults: [GraphMLKey] = []
  private var edgeDefaults: [GraphMLKey] = []
  private var defaultsReady = false

  private var bufferingEdges = false
  private var pendingEdges: [PendingEdge] = []

  private var lastLine = -1
  private var ordinalOnLine = 0

  // Interned element and attribute names (compared by pointer).
  private let nameGraphML, nameKey, nameGraph, nameNode, nameEdge, nameData, nameDesc, nameDefault: UnsafePointer<UInt8>?
  private let nameHyperedge, namePort, nameNodeLabel, nameEdgeLabel: UnsafePointer<UInt8>?
  private let attrID, attrSource, attrTarget, attrKey, attrFor, attrName, attrType, attrEdgeDefault,
    attrDirected, attrYFilesType: UnsafePointer<UInt8>?

  private struct PendingEdge {
    var id: String?
    var source: String
    var target: String
    var type: String
    var properties: [(String, PropertyValue)]
    var position: ElementPosition
  }

  init(reader: LibXMLTextReader, origin: GraphMLOrigin, maximumDepth: Int) {
    self.reader = reader
    self.origin = origin
    self.maximumDepth = Int32(clamping: maximumDepth)
    nameGraphML = reader.intern("graphml")
    nameKey = reader.intern("key")
    nameGraph = reader.intern("graph")
    nameNode = reader.intern("node")
    nameEdge = reader.intern("edge")
    nameData = reader.intern("data")
    nameDesc = reader.intern("desc")
    nameDefault = reader.intern("default")
    nameHyperedge = reader.intern("hyperedge")
    namePort = reader.intern("port")
    nameNodeLabel = reader.intern("NodeLabel")
    nameEdgeLabel = reader.intern("EdgeLabel")
    attrID = reader.intern("id")
    attrSource = reader.intern("source")
    attrTarget = reader.intern("target")
    attrKey = reader.intern("key")
    attrFor = reader.intern("for")
    attrName = reader.intern("attr.name")
    attrType = reader.intern("attr.type")
    attrEdgeDefault = reader.intern("edgedefault")
    attrDirected = reader.intern("directed")
    attrYFilesType = reader.intern("yfiles.type")
  }

  // MARK: Driving the reader

  mutating func run() throws(GraphMLError) -> Graph {
    var status = reader.read()
    while status == 1 {
      var skip = false
      switch reader.nodeType {
      case LibXMLTextReader.NodeType.element.rawValue:
        skip = try startElement()
      case LibXMLTextReader.NodeType.endElement.rawValue:
        if reader.depth == graphDepth { inGraph = false }
      case LibXMLTextReader.NodeType.documentType.rawValue:
        throw error(
          .doctypeForbidden, "a <!DOCTYPE> is not allowed in GraphML (it could declare entities)",
          at: ColumnLocator.location(of: "<!DOCTYPE", in: origin) ?? parserLocation())
      case LibXMLTextReader.NodeType.entityReference.rawValue:
        throw error(.doctypeForbidden, "entity references are not allowed", at: parserLocation())
      default:
        break
      }
      status = skip ? reader.skipSubtree() : reader.read()
    }
    if status < 0 || reader.firstError != nil { throw parserError() }
    guard sawRoot else {
      throw error(.notGraphML, "the file holds no <graphml> element", at: SourceLocation(file: origin.name))
    }
    try resolvePendingEdges()
    return graph
  }

  /// Handles an element start; returns true when its subtree should be skipped.
  private mutating func startElement() throws(GraphMLError) -> Bool {
    let depth = reader.depth
    let position = currentPosition()
    if depth >= maximumDepth {
      throw error(.nestingTooDeep, "elements are nested deeper than \(maximumDepth) levels", at: position)
    }
    if !isGraphMLNamespace() { return true }
    let name = reader.localName
    if depth == 0 {
      guard name == nameGraphML else {
        throw error(.notGraphML, "the root element is not <graphml>", at: position)
      }
      sawRoot = true
      return false
    }
    if name == nameNode {
      guard inGraph, depth == graphDepth + 1 else { return try misplaced("node", position) }
      try readNode(position)
      return false
    }
    if name == nameEdge {
      guard inGraph, depth == graphDepth + 1 else { return try misplaced("edge", position) }
      try readEdge(position)
      return false
    }
    if name == nameData {
      if inGraph && depth == graphDepth + 1 {
        var properties: [(String, PropertyValue)] = []
        try readData(into: &properties, element: "graph", position)
        Self.resolveVariants(&properties)
        for (key, value) in properties { graph.properties[key] = value }
        return false
      }
      return true
    }
    if name == nameKey {
      guard depth == 1 else { return true }
      try readKey(position)
      return false
    }
    if name == nameGraph {
      if sawGraph {
        if inGraph {
          throw error(
            .unsupported, "nested graphs are not supported; NewsGraph reads one flat graph", at: position)
        }
        throw error(.unsupported, "a second <graph>: NewsGraph reads one graph per file", at: position)
      }
      guard depth == 1 else {
        throw error(.unsupported, "nested graphs are not supported; NewsGraph reads one flat graph", at: position)
      }
      try readGraphStart(position)
      return false
    }
    if name == nameHyperedge {
      throw error(.unsupported, "hyperedges are not supported; NewsGraph edges join two nodes", at: position)
    }
    return true
  }

  private func misplaced(_ element: String, _ position: ElementPosition) throws(GraphMLError) -> Bool {
    throw error(.unsupported, "<\(element)> outside the top-level <graph> (nested graphs are not supported)", at: position)
  }

  private func isGraphMLNamespace() -> Bool {
    guard let namespace = reader.namespaceURI else { return true }
    return namespace == GraphMLVocabulary.namespace
  }

  // MARK: Elements

  private mutating func readGraphStart(_ position: ElementPosition) throws(GraphMLError) {
    sawGraph = true
    inGraph = true
    graphDepth = reader.depth
    var directed: Bool?
    try reader.forEachAttribute { name, value throws(GraphMLError) in
      if name == attrEdgeDefault {
        switch String(cString: value) {
        case "directed": directed = true
        case "undirected": directed = false
        case let other:
          throw error(.invalidValue, "edgedefault must be 'directed' or 'undirected', not '\(other)'", at: position)
        }
      }
    }
    // Without edgedefault, networkx and igraph read undirected; so do we.
    graph.isDirected = directed ?? false
    if reader.isEmptyElement { inGraph = false }
  }

  private mutating func readKey(_ position: ElementPosition) throws(GraphMLError) {
    var id: String?
    var domain = "all"
    var attributeName: String?
    var typeName = "string"
    var yFilesType: String?
    try reader.forEachAttribute { name, value in
      if name == attrID {
        id = String(cString: value)
      } else if name == attrFor {
        domain = String(cString: value)
      } else if name == attrName {
        attributeName = XMLNameToken.decode(String(cString: value))
      } else if name == attrType {
        typeName = String(cString: value)
      } else if name == attrYFilesType {
        yFilesType = String(cString: value)
      }
    }
    guard let id else { throw error(.missingAttribute, "<key> without an 'id'", at: position) }
    if keys[id]?.contains(where: { $0.domain == domain }) == true {
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
    var key = GraphMLKey(
      id: id, domain: domain, name: attributeName ?? id, type: type, listElementType: nil,
      defaultText: nil, yFilesType: yFilesType, location: position)
    if !reader.isEmptyElement {
      try readKeyChildren(&key)
    }
    // `NAME:KIND` names the values of one kind of property NAME (GraphMLVocabulary).
    if let (name, suffix) = GraphMLVocabulary.splitVariantAttributeName(key.name),
      suffix == Self.variantSuffix(type: key.type, listElementType: key.listElementType)
    {
      key.name = name
      key.isVariant = true
    }
    keys[id, default: []].append(key)
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

  /// The key `id` as it applies to `element`: the one declared for it, else for `all`,
  /// else any (some writers declare edge keys `for="node"`).
  private func key(_ id: String, for element: String) -> GraphMLKey? {
    guard let candidates = keys[id] else { return nil }
    return candidates.first { $0.domain == element } ?? candidates.first { $0.domain == "all" } ?? candidates.first
  }

  /// Reads `<desc>` and `<default>` inside a `<key>`.
  private mutating func readKeyChildren(_ key: inout GraphMLKey) throws(GraphMLError) {
    let keyDepth = reader.depth
    var status = reader.read()
    while status == 1 {
      let type = reader.nodeType
      if type == LibXMLTextReader.NodeType.endElement.rawValue && reader.depth == keyDepth { return }
      if type == LibXMLTextReader.NodeType.element.rawValue {
        let position = currentPosition()
        let name = reader.localName
        if name == nameDesc && isGraphMLNamespace() {
          let text = try readText()
          if text.hasPrefix(GraphMLVocabulary.listDescriptionPrefix) {
            let word = text.dropFirst(GraphMLVocabulary.listDescriptionPrefix.count).prefix { $0.isLetter }
            switch word {
            case "string": key.listElementType = .string
            case "int", "long": key.listElementType = .integer
            case "double", "float": key.listElementType = .float
            case "boolean": key.listElementType = .boolean
            default: break
            }
          }
        } else if name == nameDefault && isGraphMLNamespace() {
          key.defaultText = try readText()
          _ = position
        } else {
          status = reader.skipSubtree()
          continue
        }
      } else if type == LibXMLTextReader.NodeType.documentType.rawValue {
        throw error(.doctypeForbidden, "a <!DOCTYPE> is not allowed in GraphML", at: parserLocation())
      }
      status = reader.read()
    }
    if status < 0 { throw parserError() }
  }

  /// The text content of the current element; child elements are skipped.
  private mutating func readText() throws(GraphMLError) -> String {
    if reader.isEmptyElement { return "" }
    let elementDepth = reader.depth
    var text = ""
    var status = reader.read()
    while status == 1 {
      switch reader.nodeType {
      case LibXMLTextReader.NodeType.endElement.rawValue where reader.depth == elementDepth:
        return text
      case LibXMLTextReader.NodeType.text.rawValue, LibXMLTextReader.NodeType.cdata.rawValue,
        LibXMLTextReader.NodeType.significantWhitespace.rawValue, LibXMLTextReader.NodeType.whitespace.rawValue:
        if let value = reader.value {
          if text.isEmpty { text = String(cString: value) } else { text += String(cString: value) }
        }
        status = reader.read()
      case LibXMLTextReader.NodeType.element.rawValue:
        if reader.depth >= maximumDepth {
          throw error(.nestingTooDeep, "elements are nested deeper than \(maximumDepth) levels", at: currentPosition())
        }
        status = reader.skipSubtree()
      case LibXMLTextReader.NodeType.entityReference.rawValue, LibXMLTextReader.NodeType.documentType.rawValue:
        throw error(.doctypeForbidden, "entity references are not allowed", at: parserLocation())
      default:
        status = reader.read()
      }
    }
    throw parserError()
  }

  private mutating func readData(
    into properties: inout [(String, PropertyValue)], element: String, _ position: ElementPosition
  ) throws(GraphMLError) {
    var keyID: String?
    try reader.forEachAttribute { name, value in
      if name == attrKey { keyID = String(cString: value) }
    }
    guard let keyID else { throw error(.missingAttribute, "<data> without a 'key' attribute", at: position) }
    guard let key = key(keyID, for: element) else {
      throw error(.unknownKey, "<data> refers to key '\(keyID)', which is not declared", at: position)
    }
    if key.skipped {
      let label = reader.isEmptyElement ? nil : try readYFilesLabel()
      if let label, !properties.contains(where: { $0.0 == GraphMLVocabulary.nodeLabel }) {
        properties.append((GraphMLVocabulary.nodeLabel, .string(label)))
      }
      return
    }
    let text = try readText()
    guard let value = try parseValue(text, key: key, position) else { return }
    let name = key.collectedName
    if let existing = properties.firstIndex(where: { $0.0 == name }) {
      properties[existing].1 = value
    } else {
      properties.append((name, value))
    }
  }

  /// Skips yFiles graphics, keeping the text of the first `NodeLabel` or `EdgeLabel`
  /// (what yEd shows; networkx reads it as `label` too).
  private mutating func readYFilesLabel() throws(GraphMLError) -> String? {
    let elementDepth = reader.depth
    var label: String?
    var status = reader.read()
    while status == 1 {
      let type = reader.nodeType
      if type == LibXMLTextReader.NodeType.endElement.rawValue && reader.depth == elementDepth { return label }
      if type == LibXMLTextReader.NodeType.element.rawValue {
        if reader.depth >= maximumDepth {
          throw error(.nestingTooDeep, "elements are nested deeper than \(maximumDepth) levels", at: currentPosition())
        }
        if label == nil, reader.localName == nameNodeLabel || reader.localName == nameEdgeLabel {
          let text = try readText().trimmingXMLWhitespace()
          if !text.isEmpty { label = text }
        }
      } else if type == LibXMLTextReader.NodeType.documentType.rawValue
        || type == LibXMLTextReader.NodeType.entityReference.rawValue
      {
        throw error(.doctypeForbidden, "entity references are not allowed", at: parserLocation())
      }
      status = reader.read()
    }
    throw parserError()
  }

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
        guard let element = try parseScalar(part, type: elementType, key: key, position, list: true) else {
          throw error(.invalidValue, "key '\(key.id)': empty element in a list of numbers", at: position)
        }
        elements.append(element)
      }
      return .list(elements)
    }
    return try parseScalar(text, type: key.type, key: key, position, list: false)
  }

  private func parseScalar(
    _ text: String, type: GraphMLKey.ValueType, key: GraphMLKey, _ position: ElementPosition, list: Bool
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

  /// Reads the `<data>` children of a node or an edge.
  private mutating func readElementData(element: String) throws(GraphMLError) -> [(String, PropertyValue)] {
    var properties: [(String, PropertyValue)] = []
    if reader.isEmptyElement { return properties }
    let elementDepth = reader.depth
    var status = reader.read()
    while status == 1 {
      let type = reader.nodeType
      if type == LibXMLTextReader.NodeType.endElement.rawValue && reader.depth == elementDepth { return properties }
      var skip = false
      if type == LibXMLTextReader.NodeType.element.rawValue {
        let position = currentPosition()
        if reader.depth >= maximumDepth {
          throw error(.nestingTooDeep, "elements are nested deeper than \(maximumDepth) levels", at: position)
        }
        if !isGraphMLNamespace() {
          skip = true
        } else if reader.localName == nameData {
          try readData(into: &properties, element: element, position)
        } else if reader.localName == nameGraph {
          throw error(.unsupported, "nested graphs are not supported; NewsGraph reads one flat graph", at: position)
        } else if reader.localName == nameNode || reader.localName == nameEdge || reader.localName == nameHyperedge
          || reader.localName == nameKey
        {
          let child = reader.localName.map { String(cString: $0) } ?? "element"
          throw error(.unsupported, "<\(child)> inside <\(element)> is not GraphML", at: position)
        } else {
          skip = true  // <desc>, <port>, <locator>
        }
      } else if type == LibXMLTextReader.NodeType.documentType.rawValue
        || type == LibXMLTextReader.NodeType.entityReference.rawValue
      {
        throw error(.doctypeForbidden, "entity references are not allowed", at: parserLocation())
      }
      status = skip ? reader.skipSubtree() : reader.read()
      // `skipSubtree` lands on the next sibling, which may be our end tag: loop re-checks it.
    }
    throw parserError()
  }

  private mutating func prepareDefaults() {
    guard !defaultsReady else { return }
    let withDefaults = keys.values.joined().filter { $0.defaultText != nil && !$0.skipped }.sorted { $0.id < $1.id }
    nodeDefaults = withDefaults.filter { $0.applies(to: "node") }
    edgeDefaults = withDefaults.filter { $0.applies(to: "edge") }
    defaultsReady = true
  }

  private mutating func applyDefaults(_ defaults: [GraphMLKey], to properties: inout [(String, PropertyValue)])
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

  private mutating func readNode(_ position: ElementPosition) throws(GraphMLError) {
    var id: String?
    try reader.forEachAttribute { name, value in
      if name == attrID { id = XMLNameToken.decode(String(cString: value)) }
    }
    guard let id else { throw error(.missingAttribute, "<node> without an 'id'", at: position) }
    if graph.nodeIndex(of: id) != nil {
      throw error(.duplicateNodeID, "node id '\(id)' is declared twice", at: position)
    }
    var properties = try readElementData(element: "node")
    prepareDefaults()
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

  private mutating func readEdge(_ position: ElementPosition) throws(GraphMLError) {
    var id: String?
    var source: String?
    var target: String?
    var directed: Bool?
    try reader.forEachAttribute { name, value in
      if name == attrSource {
        source = XMLNameToken.decode(String(cString: value))
      } else if name == attrTarget {
        target = XMLNameToken.decode(String(cString: value))
      } else if name == attrID {
        id = XMLNameToken.decode(String(cString: value))
      } else if name == attrDirected {
        directed = GraphMLVocabulary.parseBoolean(String(cString: value))
      }
    }
    guard let source else { throw error(.missingAttribute, "<edge> without a 'source'", at: position) }
    guard let target else { throw error(.missingAttribute, "<edge> without a 'target'", at: position) }
    edgesSeen += 1
    var properties = try readElementData(element: "edge")
    prepareDefaults()
    if !edgeDefaults.isEmpty { try applyDefaults(edgeDefaults, to: &properties) }
    if let directed, directed != graph.isDirected {
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

    if !bufferingEdges, let sourceIndex = graph.nodeIndex(of: source), let targetIndex = graph.nodeIndex(of: target) {
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

  // MARK: Locations

  private mutating func currentPosition() -> ElementPosition {
    let line = reader.elementLine
    if line == lastLine {
      ordinalOnLine += 1
    } else {
      lastLine = line
      ordinalOnLine = 0
    }
    return ElementPosition(line: line, ordinal: ordinalOnLine)
  }

  private func parserLocation() -> SourceLocation {
    let position = reader.parserPosition
    return SourceLocation(file: origin.name, line: position.line, column: position.column)
  }

  private func parserError() -> GraphMLError {
    if let first = reader.firstError {
      var message = first.message
      if message.contains("Detected an entity reference loop") || message.contains("amplification") {
        message = "entity expansion refused: \(message)"
      }
      return GraphMLError(
        .malformedXML, message, at: SourceLocation(file: origin.name, line: first.line, column: first.column))
    }
    return GraphMLError(.malformedXML, "the XML could not be parsed", at: parserLocation())
  }

  private func error(_ kind: GraphMLError.Kind, _ message: String, at location: SourceLocation) -> GraphMLError {
    GraphMLError(kind, message, at: location)
  }

  private func error(_ kind: GraphMLError.Kind, _ message: String, at position: ElementPosition) -> GraphMLError {
    let column = ColumnLocator.column(of: position, in: origin)
    return GraphMLError(kind, message, at: SourceLocation(file: origin.name, line: position.line, column: column))
  }
}
