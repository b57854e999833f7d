import Dispatch
import KGCore
import KGGraph

/// Writes graphs as GraphML that networkx, igraph, Gephi, Cytoscape and yEd all read.
///
/// The writer streams: it holds about a megabyte of output at a time (a few, while
/// ``write(_:toFile:)`` hands chunks to the file on a background queue). It follows
/// the rules of `spec/GRAPHML-CONSUMERS.md`: the default GraphML namespace, descriptive
/// key ids with `for`, `attr.name` and `attr.type` (`string`, `int`, `long`, `double`,
/// `boolean` only), keys then nodes then edges, `edgedefault="directed"` and no per-edge
/// `directed`, every value written explicitly, XML-illegal characters dropped. Ids and
/// `attr.name`s are NMTOKENs, as the schema requires (``XMLNameToken`` spells other
/// strings reversibly). The same graph always gives the same bytes.
///
/// Escaping is done here rather than by libxml2's `xmlTextWriter`, which is several
/// times slower; ``XMLEscaping`` documents the rules, and the tests read every written
/// file back through libxml2 and validate it against the schemas. Nodes and edges are
/// formatted straight from the graph's column storage (UTF-8 bytes, integers), eight
/// bytes at a time where the text needs no escaping.
public struct GraphMLWriter: Sendable {
  /// Output is handed to the sink in chunks of about this many bytes.
  public var chunkSize = 1 << 20

  /// Creates a writer.
  public init() {}

  /// Writes `graph` to `path`, replacing the file atomically.
  ///
  /// Formatting and file output overlap: chunks go to the file on a background queue
  /// (at most a few megabytes in flight) while the next ones are formatted.
  ///
  /// - Throws: ``GraphMLError`` of kind `cannotWrite`.
  public func write(_ graph: Graph, toFile path: String) throws(GraphMLError) {
    do throws(InputError) {
      let file = try AtomicFileWriter(path: path)
      let output = ChunkWriter(file)
      write(graph) { (chunk: [UInt8]) in output.enqueue(chunk) }
      try output.finish()
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

    let elements = ElementWriter(graph: graph, plan: plan)
    var next = 0
    while next < graph.nodeCount {
      next = elements.writeNodes(from: next, into: &emitter)
      try emitter.flushIfFull(sink)
    }
    next = 0
    while next < graph.edgeCount {
      next = elements.writeEdges(from: next, into: &emitter)
      try emitter.flushIfFull(sink)
    }
    emitter.raw("  </graph>\n</graphml>\n")
    try emitter.flush(sink)
  }
}

/// Writes `<node>` and `<edge>` elements straight from the graph's columns: strings are
/// escaped from their stored UTF-8 bytes, integers formatted in place, and everything
/// that is the same for many elements (key prefixes, node id tokens, edge types, label
/// lists) is escaped once up front. Values of general columns (floats, booleans, mixed
/// kinds) take the slow path through ``PropertyValue``.
///
/// The loops work on ``ColumnView``s: raw buffers of the columns, valid inside
/// ``withViews(_:nodes:_:)`` while the graph (a `let`) keeps the storage alive and unchanged.
private struct ElementWriter {
  let graph: Graph
  let nodeFields: [Field]
  let edgeFields: [Field]
  /// Node ids as name tokens (``XMLNameToken``), attribute-ready.
  let nodeTokens: PackedStrings
  /// Per edge type number: the type escaped as element content.
  let edgeTypes: PackedStrings
  /// Per label-list number: the labels as `:A:B`, escaped.
  let encodedLabels: PackedStrings
  /// Per label-list number: the first label escaped, or absent.
  let firstLabels: PackedStrings

  /// One `<data>` line of an element and where its value comes from.
  struct Field {
    enum Source { case edgeType, edgeTypeFallback, nodeDisplayLabel, nodeType, nodeLabels, property }
    var source: Source
    /// `      <data key="ID">`.
    var prefix: [UInt8]
    var column: ColumnData?
    /// The `name` column, for ``Source/nodeDisplayLabel``.
    var nameColumn: ColumnData?
    var variant: GraphMLKeyPlan.Variant?
  }

  init(graph: Graph, plan: GraphMLKeyPlan) {
    self.graph = graph
    func field(_ key: GraphMLKeyPlan.Key, node: Bool) -> Field {
      let prefix = Array("      <data key=\"\(key.id)\">".utf8)
      let lookup: (String) -> ColumnData? = {
        (node ? graph.nodePropertyColumn($0) : graph.edgePropertyColumn($0))?.data
      }
      switch key.source {
      case .nodeDisplayLabel:
        return Field(
          source: .nodeDisplayLabel, prefix: prefix, column: lookup(GraphMLVocabulary.nodeLabel),
          nameColumn: lookup(GraphMLVocabulary.name))
      case .nodeType:
        return Field(source: .nodeType, prefix: prefix, column: lookup(GraphMLVocabulary.nodeType))
      case .nodeLabels:
        return Field(source: .nodeLabels, prefix: prefix)
      case .edgeType:
        return Field(source: .edgeType, prefix: prefix)
      case .edgeTypeFallback(let property):
        return Field(source: .edgeTypeFallback, prefix: prefix, column: lookup(property))
      case .property(let name, let variant):
        return Field(source: .property, prefix: prefix, column: lookup(name), variant: variant)
      }
    }
    nodeFields = plan.nodeKeys.map { field($0, node: true) }
    edgeFields = plan.edgeKeys.map { field($0, node: false) }

    var tokens = PackedStrings()
    for index in 0..<graph.nodeCount {
      graph.withNodeIDBytes(at: index) { bytes in
        if XMLNameToken.isPlainToken(bytes) {
          tokens.append(bytes)
        } else {
          tokens.append(XMLNameToken.encode(String(decoding: bytes, as: UTF8.self)))
        }
      }
    }
    nodeTokens = tokens
    var types = PackedStrings()
    for type in graph.distinctEdgeTypes { types.appendEscaped(type) }
    edgeTypes = types
    var labels = PackedStrings()
    var firsts = PackedStrings()
    for list in graph.distinctLabelLists {
      labels.appendEscaped(GraphMLVocabulary.encodeLabels(list))
      if let first = list.first { firsts.appendEscaped(first) } else { firsts.appendAbsent() }
    }
    encodedLabels = labels
    firstLabels = firsts
  }

  // MARK: Nodes

  /// Writes nodes from `start` until the emitter holds a chunk; returns the next node.
  func writeNodes(from start: Int, into out: inout Emitter) -> Int {
    withViews(nodeFields, nodes: true) { views in
      nodeTokens.withView { tokens in
        encodedLabels.withView { labels in
          firstLabels.withView { firsts in
            var index = start
            let count = graph.nodeCount
            while index < count {
              out.raw(StaticString("    <node id=\""))
              out.bytes(tokens[index])
              out.raw(StaticString("\">\n"))
              let labelCode = graph.nodeLabelsCode(at: index)
              for position in 0..<views.count {
                let view = views[position]
                switch view.source {
                case .nodeDisplayLabel:
                  out.bytes(view.prefix)
                  if !emitString(view, at: index, into: &out), !emitString(view.nameView, at: index, into: &out) {
                    graph.withNodeIDBytes(at: index) { out.escaped($0, .content) }
                  }
                  out.end()
                case .nodeType:
                  if hasString(view, at: index) {
                    out.bytes(view.prefix)
                    _ = emitString(view, at: index, into: &out)
                    out.end()
                  } else if let first = firsts.ifPresent(labelCode) {
                    out.bytes(view.prefix)
                    out.bytes(first)
                    out.end()
                  }
                case .nodeLabels:
                  out.bytes(view.prefix)
                  out.bytes(labels[labelCode])
                  out.end()
                case .property:
                  writeProperty(view, at: index, into: &out)
                case .edgeType, .edgeTypeFallback:
                  break
                }
              }
              out.raw(StaticString("    </node>\n"))
              index += 1
              if out.isFull { break }
            }
            return index
          }
        }
      }
    }
  }

  // MARK: Edges

  /// Writes edges from `start` until the emitter holds a chunk; returns the next edge.
  func writeEdges(from start: Int, into out: inout Emitter) -> Int {
    let (idArena, idSpans) = graph.edgeIDStorage
    let idBase = UnsafePointer(idArena.storage.base)
    return withViews(edgeFields, nodes: false) { views in
      nodeTokens.withView { tokens in
        edgeTypes.withView { types in
          idSpans.withUnsafeBufferPointer { ids in
            var index = start
            let count = graph.edgeCount
            while index < count {
              out.raw(StaticString("    <edge id=\""))
              let idSpan = ids[index]
              let id = UnsafeRawBufferPointer(start: idBase.map { $0 + idSpan.start }, count: idSpan.count)
              if XMLNameToken.isPlainToken(id) {
                out.bytes(id)
              } else {
                out.raw(XMLNameToken.encode(String(decoding: id, as: UTF8.self)))
              }
              out.raw(StaticString("\" source=\""))
              out.bytes(tokens[graph.edgeSourceIndex(at: index)])
              out.raw(StaticString("\" target=\""))
              out.bytes(tokens[graph.edgeTargetIndex(at: index)])
              out.raw(StaticString("\">\n"))
              let type = types[graph.edgeTypeCode(at: index)]
              for position in 0..<views.count {
                let view = views[position]
                switch view.source {
                case .edgeType:
                  out.bytes(view.prefix)
                  out.bytes(type)
                  out.end()
                case .edgeTypeFallback:
                  out.bytes(view.prefix)
                  if !emitString(view, at: index, into: &out) { out.bytes(type) }
                  out.end()
                case .property:
                  writeProperty(view, at: index, into: &out)
                case .nodeDisplayLabel, .nodeType, .nodeLabels:
                  break
                }
              }
              out.raw(StaticString("    </edge>\n"))
              index += 1
              if out.isFull { break }
            }
            return index
          }
        }
      }
    }
  }

  // MARK: Values

  /// Writes the `<data>` of a property key when the element has a value of its variant.
  @inline(__always)
  private func writeProperty(_ view: ColumnView, at index: Int, into out: inout Emitter) {
    switch view.kind {
    case .empty:
      return
    case .text:
      guard let bytes = view.text(at: index) else { return }
      out.bytes(view.prefix)
      out.escaped(bytes, .content)
      out.end()
    case .textList:
      guard let span = view.span(at: index) else { return }
      out.bytes(view.prefix)
      var first = true
      ColumnData.forEachListElement(in: view.bytes(span)) { element in
        if !first { out.byte(GraphMLVocabulary.listSeparator) }
        first = false
        if element.isEmpty {
          out.raw(StaticString("\\e"))
        } else {
          out.escaped(element, .listElement)
        }
      }
      out.end()
    case .integer:
      guard index < view.integers.count, view.present[index] else { return }
      out.bytes(view.prefix)
      out.integer(view.integers[index])
      out.end()
    case .general:
      let field = view.isNode ? nodeFields[view.position] : edgeFields[view.position]
      guard let value = field.column?.value(at: index), let variant = field.variant,
        GraphMLKeyPlan.Variant(of: value) == variant
      else { return }
      out.bytes(view.prefix)
      out.value(value)
      out.end()
    }
  }

  /// Writes the string value of the view's column at `index`, if it has one; false otherwise.
  @inline(__always)
  private func emitString(_ view: ColumnView, at index: Int, into out: inout Emitter) -> Bool {
    if let bytes = view.text(at: index) {
      out.escaped(bytes, .content)
      return true
    }
    guard view.kind == .general, case .string(let text)? = generalValue(view, at: index) else { return false }
    text.withUTF8Bytes { out.escaped($0, .content) }
    return true
  }

  @inline(__always)
  private func hasString(_ view: ColumnView, at index: Int) -> Bool {
    if view.text(at: index) != nil { return true }
    guard view.kind == .general, case .string? = generalValue(view, at: index) else { return false }
    return true
  }

  private func generalValue(_ view: ColumnView, at index: Int) -> PropertyValue? {
    let field = view.isNode ? nodeFields[view.position] : edgeFields[view.position]
    return (view.isName ? field.nameColumn : field.column)?.value(at: index)
  }

  // MARK: Column views

  /// A field's column as raw buffers, valid inside ``withViews(_:nodes:_:)``.
  struct ColumnView {
    var source: Field.Source
    var position: Int
    var isNode: Bool
    var isName = false
    var prefix = UnsafeRawBufferPointer(start: nil, count: 0)
    var kind: ColumnData.Kind = .empty
    var spans = UnsafeBufferPointer<ByteSpan>(start: nil, count: 0)
    var base: UnsafePointer<UInt8>?
    var integers = UnsafeBufferPointer<Int>(start: nil, count: 0)
    var present = UnsafeBufferPointer<Bool>(start: nil, count: 0)
    /// The `name` column, for ``Field/Source/nodeDisplayLabel``.
    var nameKind: ColumnData.Kind = .empty
    var nameSpans = UnsafeBufferPointer<ByteSpan>(start: nil, count: 0)
    var nameBase: UnsafePointer<UInt8>?

    @inline(__always)
    func span(at index: Int) -> ByteSpan? {
      guard index < spans.count else { return nil }
      let span = spans[index]
      return span.count >= 0 ? span : nil
    }

    @inline(__always)
    func bytes(_ span: ByteSpan) -> UnsafeRawBufferPointer {
      UnsafeRawBufferPointer(start: base.map { $0 + span.start }, count: span.count)
    }

    /// The bytes of a text column's value at `index`.
    @inline(__always)
    func text(at index: Int) -> UnsafeRawBufferPointer? {
      guard kind == .text, let span = span(at: index) else { return nil }
      return bytes(span)
    }

    /// The view of the `name` column.
    var nameView: ColumnView {
      ColumnView(
        source: source, position: position, isNode: isNode, isName: true, kind: nameKind, spans: nameSpans,
        base: nameBase)
    }
  }

  /// Calls `body` with a view of every field's columns.
  private func withViews<R>(_ fields: [Field], nodes isNode: Bool, _ body: ([ColumnView]) -> R) -> R {
    var views: [ColumnView] = []
    views.reserveCapacity(fields.count)
    return Self.collectViews(fields, 0, isNode, &views, body)
  }

  private static func collectViews<R>(
    _ fields: [Field], _ position: Int, _ isNode: Bool, _ views: inout [ColumnView], _ body: ([ColumnView]) -> R
  ) -> R {
    guard position < fields.count else { return body(views) }
    let field = fields[position]
    let empty = ColumnData.emptyColumn
    let column = field.column ?? empty
    let name = field.nameColumn ?? empty
    return field.prefix.withUnsafeBytes { prefix in
      column.spans.withUnsafeBufferPointer { spans in
        column.integers.withUnsafeBufferPointer { integers in
          column.present.withUnsafeBufferPointer { present in
            name.spans.withUnsafeBufferPointer { nameSpans in
              views.append(
                ColumnView(
                  source: field.source, position: position, isNode: isNode, prefix: prefix, kind: column.kind,
                  spans: spans, base: UnsafePointer(column.arena.storage.base), integers: integers, present: present,
                  nameKind: name.kind, nameSpans: nameSpans, nameBase: UnsafePointer(name.arena.storage.base)))
              return collectViews(fields, position + 1, isNode, &views, body)
            }
          }
        }
      }
    }
  }
}

/// Many short byte strings end to end, by number.
private struct PackedStrings {
  private var bytes: [UInt8] = []
  private var spans: [ByteSpan] = []

  mutating func append(_ source: UnsafeRawBufferPointer) {
    spans.append(ByteSpan(start: bytes.count, count: source.count))
    bytes.append(contentsOf: source)
  }

  mutating func append(_ text: String) {
    text.withUTF8Bytes { append($0) }
  }

  /// Appends `text` escaped as element content.
  mutating func appendEscaped(_ text: String) {
    var escaped: [UInt8] = []
    XMLEscaping.append(text, attribute: false, to: &escaped)
    escaped.withUnsafeBytes { append($0) }
  }

  mutating func appendAbsent() { spans.append(.absent) }

  /// The strings as raw buffers, valid inside `body`.
  struct View {
    let bytes: UnsafeRawBufferPointer
    let spans: UnsafeBufferPointer<ByteSpan>

    @inline(__always)
    subscript(index: Int) -> UnsafeRawBufferPointer {
      let span = spans[index]
      return UnsafeRawBufferPointer(rebasing: bytes[span.start..<(span.start + max(span.count, 0))])
    }

    @inline(__always)
    func ifPresent(_ index: Int) -> UnsafeRawBufferPointer? {
      spans[index].isPresent ? self[index] : nil
    }
  }

  func withView<R>(_ body: (View) -> R) -> R {
    bytes.withUnsafeBytes { all in spans.withUnsafeBufferPointer { body(View(bytes: all, spans: $0)) } }
  }
}

/// How text is escaped (``XMLEscaping`` documents the rules).
private enum EscapeMode {
  /// Element content.
  case content
  /// A double-quoted attribute value.
  case attribute
  /// One element of a list value in element content: `|` and `\` also get a `\`.
  case listElement

  /// Bits of the bytes below 64 that need work.
  @inline(__always)
  var lowMask: UInt64 {
    // C0 controls except TAB (9) and LF (10); CR (13) is always written as `&#13;`.
    let controls: UInt64 = 0xFFFF_FFFF & ~(1 << 9 | 1 << 10)
    let markup: UInt64 = 1 << 0x26 | 1 << 0x3C | 1 << 0x3E
    switch self {
    case .content, .listElement: return controls | markup
    case .attribute: return controls | markup | 1 << 9 | 1 << 10 | 1 << 0x22
    }
  }

  /// Whether any of the eight bytes in `word` may need work (a quick test that lets
  /// clean text through a word at a time; the byte loop decides for the rest).
  @inline(__always)
  func mayNeedWork(_ word: UInt64) -> Bool {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    @inline(__always) func hasZeroByte(_ value: UInt64) -> Bool { (value &- ones) & ~value & highs != 0 }
    // Bytes below 0x20 (controls), and `&`, `<`, `>`, 0xEF (U+FFFE/U+FFFF lead byte).
    if (word &- ones &* 0x20) & ~word & highs != 0 { return true }
    if hasZeroByte(word ^ (ones &* 0x26)) || hasZeroByte(word ^ (ones &* 0x3C)) || hasZeroByte(word ^ (ones &* 0x3E))
      || hasZeroByte(word ^ (ones &* 0xEF))
    {
      return true
    }
    switch self {
    case .content: return false
    case .attribute: return hasZeroByte(word ^ (ones &* 0x22))
    case .listElement: return hasZeroByte(word ^ (ones &* 0x7C)) || hasZeroByte(word ^ (ones &* 0x5C))
    }
  }

  /// Bits of the bytes 64..<128 that need work.
  @inline(__always)
  var highMask: UInt64 {
    switch self {
    case .content, .attribute: return 0
    case .listElement: return 1 << (0x5C - 64) | 1 << (0x7C - 64)
    }
  }
}

/// The output buffer and the few shapes of markup the writer emits. It owns its
/// memory (allocated in `init`, freed in `deinit`); appends check capacity once per
/// piece, not once per byte.
private struct Emitter: ~Copyable {
  private var base: UnsafeMutablePointer<UInt8>
  private var count = 0
  private var capacity: Int
  let chunkSize: Int

  init(chunkSize: Int) {
    self.chunkSize = max(1, chunkSize)
    capacity = self.chunkSize + 64 * 1024
    base = .allocate(capacity: capacity)
  }

  deinit { base.deallocate() }

  /// Whether a chunk is ready for the sink.
  var isFull: Bool { count >= chunkSize }

  @inline(__always)
  private mutating func reserve(_ extra: Int) {
    if count + extra > capacity { grow(to: count + extra) }
  }

  private mutating func grow(to needed: Int) {
    let grown = max(needed, capacity * 2)
    let fresh = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
    fresh.update(from: base, count: count)
    base.deallocate()
    base = fresh
    capacity = grown
  }

  @inline(__always)
  mutating func bytes(_ source: UnsafeRawBufferPointer) {
    guard let start = source.baseAddress, source.count > 0 else { return }
    reserve(source.count)
    Self.copy(UnsafeMutableRawPointer(base + count), start, source.count)
    count += source.count
  }

  /// Copies `length` bytes; short copies (most of the markup) use a few unaligned word
  /// moves instead of a call to `memmove`.
  @inline(__always)
  static func copy(_ destination: UnsafeMutableRawPointer, _ source: UnsafeRawPointer, _ length: Int) {
    switch length {
    case 16...32:
      let a = source.loadUnaligned(as: UInt64.self)
      let b = source.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
      let c = source.loadUnaligned(fromByteOffset: length - 16, as: UInt64.self)
      let d = source.loadUnaligned(fromByteOffset: length - 8, as: UInt64.self)
      destination.storeBytes(of: a, as: UInt64.self)
      destination.storeBytes(of: b, toByteOffset: 8, as: UInt64.self)
      destination.storeBytes(of: c, toByteOffset: length - 16, as: UInt64.self)
      destination.storeBytes(of: d, toByteOffset: length - 8, as: UInt64.self)
    case 8..<16:
      let a = source.loadUnaligned(as: UInt64.self)
      let b = source.loadUnaligned(fromByteOffset: length - 8, as: UInt64.self)
      destination.storeBytes(of: a, as: UInt64.self)
      destination.storeBytes(of: b, toByteOffset: length - 8, as: UInt64.self)
    case 4..<8:
      let a = source.loadUnaligned(as: UInt32.self)
      let b = source.loadUnaligned(fromByteOffset: length - 4, as: UInt32.self)
      destination.storeBytes(of: a, as: UInt32.self)
      destination.storeBytes(of: b, toByteOffset: length - 4, as: UInt32.self)
    case 0..<4:
      for offset in 0..<length {
        destination.storeBytes(of: source.load(fromByteOffset: offset, as: UInt8.self), toByteOffset: offset, as: UInt8.self)
      }
    default:
      destination.copyMemory(from: source, byteCount: length)
    }
  }

  @inline(__always)
  mutating func bytes(_ source: [UInt8]) {
    source.withUnsafeBytes { bytes($0) }
  }

  @inline(__always)
  mutating func byte(_ value: UInt8) {
    reserve(1)
    base[count] = value
    count += 1
  }

  @inline(__always)
  mutating func raw(_ text: StaticString) {
    bytes(UnsafeRawBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
  }

  mutating func raw(_ text: String) {
    text.withUTF8Bytes { bytes($0) }
  }

  mutating func attribute(_ text: String) {
    text.withUTF8Bytes { escaped($0, .attribute) }
  }

  /// Starts a `<data>` element whose start tag is `prefix`.
  @inline(__always)
  mutating func begin(_ prefix: [UInt8]) { bytes(prefix) }

  /// Ends a `<data>` element.
  @inline(__always)
  mutating func end() { raw(StaticString("</data>\n")) }

  /// Appends `source` escaped for `mode` (see ``XMLEscaping``).
  @inline(__always)
  mutating func escaped(_ source: UnsafeRawBufferPointer, _ mode: EscapeMode) {
    let length = source.count
    guard length > 0, let start = source.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return }
    reserve(length * 6)
    let low = mode.lowMask
    let high = mode.highMask
    var out = base + count
    var index = 0
    var runStart = 0
    let raw = UnsafeRawPointer(start)
    while index < length {
      // Eight bytes at a time while none of them needs work.
      while index + 8 <= length, !mode.mayNeedWork(raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)) {
        index += 8
      }
      guard index < length else { break }
      let byte = start[index]
      let special: Bool
      if byte < 64 {
        special = (low >> UInt64(byte)) & 1 != 0
      } else if byte < 128 {
        special = (high >> UInt64(byte &- 64)) & 1 != 0
      } else {
        special = byte == 0xEF
      }
      if !special {
        index += 1
        continue
      }
      if byte == 0xEF {
        // U+FFFE and U+FFFF (EF BF BE, EF BF BF) are dropped; other EF sequences stay.
        guard index + 2 < length, start[index + 1] == 0xBF, start[index + 2] >= 0xBE else {
          index += 1
          continue
        }
      }
      if runStart < index {
        Self.copy(out, start + runStart, index - runStart)
        out += index - runStart
      }
      switch byte {
      case UInt8(ascii: "&"): Self.put(&out, "&amp;")
      case UInt8(ascii: "<"): Self.put(&out, "&lt;")
      case UInt8(ascii: ">"): Self.put(&out, "&gt;")
      case UInt8(ascii: "\""): Self.put(&out, "&quot;")
      case 0x0D: Self.put(&out, "&#13;")
      case 0x0A: Self.put(&out, "&#10;")
      case 0x09: Self.put(&out, "&#9;")
      case UInt8(ascii: "|"), UInt8(ascii: "\\"):
        out[0] = UInt8(ascii: "\\")
        out[1] = byte
        out += 2
      default: break  // characters XML cannot hold are dropped
      }
      index += byte == 0xEF ? 3 : 1
      runStart = index
    }
    if runStart < length {
      Self.copy(out, start + runStart, length - runStart)
      out += length - runStart
    }
    count = out - base
  }

  @inline(__always)
  private static func put(_ out: inout UnsafeMutablePointer<UInt8>, _ text: StaticString) {
    copy(out, text.utf8Start, text.utf8CodeUnitCount)
    out += text.utf8CodeUnitCount
  }

  /// Appends `number` in decimal.
  @inline(__always)
  mutating func integer(_ number: Int) {
    reserve(20)
    var magnitude = number.magnitude
    var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
    let written = withUnsafeMutableBytes(of: &digits) { scratch -> Int in
      var position = scratch.count
      repeat {
        position -= 1
        scratch[position] = UInt8(truncatingIfNeeded: magnitude % 10) &+ UInt8(ascii: "0")
        magnitude /= 10
      } while magnitude > 0
      if number < 0 {
        position -= 1
        scratch[position] = UInt8(ascii: "-")
      }
      let length = scratch.count - position
        (base + count).update(
          from: scratch.baseAddress.unsafelyUnwrapped.assumingMemoryBound(to: UInt8.self) + position, count: length)
      return length
    }
    count += written
  }

  /// Appends a value of any kind as GraphML text (the general path).
  mutating func value(_ value: PropertyValue) {
    switch value {
    case .string(let text): text.withUTF8Bytes { escaped($0, .content) }
    case .integer(let number): integer(number)
    default: GraphMLVocabulary.scalarText(value).withUTF8Bytes { escaped($0, .content) }
    }
  }

  mutating func data(key: String, value: PropertyValue, indent: String) {
    raw(indent)
    raw(StaticString("<data key=\""))
    raw(key)
    raw(StaticString("\">"))
    self.value(value)
    end()
  }

  mutating func flushIfFull<Failure: Error>(_ sink: ([UInt8]) throws(Failure) -> Void) throws(Failure) {
    if count >= chunkSize { try flush(sink) }
  }

  mutating func flush<Failure: Error>(_ sink: ([UInt8]) throws(Failure) -> Void) throws(Failure) {
    guard count > 0 else { return }
    let chunk = Array(UnsafeBufferPointer(start: base, count: count))
    count = 0
    try sink(chunk)
  }
}

/// Hands chunks to an ``AtomicFileWriter`` on a serial background queue, so that the
/// kernel copies one chunk while the writer formats the next ones. At most `depth`
/// chunks wait at a time. The file and `failure` are only touched on the queue until
/// ``finish()`` has drained it; after a write error the remaining chunks are dropped
/// and ``finish()`` reports the error.
private final class ChunkWriter: @unchecked Sendable {
  private let file: AtomicFileWriter
  private let queue = DispatchQueue(label: "NewsGraph.GraphMLWriter.output")
  private let slots: DispatchSemaphore
  private var failure: InputError?

  init(_ file: AtomicFileWriter, depth: Int = 4) {
    self.file = file
    slots = DispatchSemaphore(value: depth)
  }

  /// Queues `chunk` for the file, waiting while `depth` chunks are queued already.
  func enqueue(_ chunk: [UInt8]) {
    slots.wait()
    queue.async {
      defer { self.slots.signal() }
      guard self.failure == nil else { return }
      do throws(InputError) {
        try self.file.write(chunk)
      } catch {
        self.failure = error
      }
    }
  }

  /// Waits until every queued chunk is written; throws the first write error.
  func finish() throws(InputError) {
    if let failure = queue.sync(execute: { self.failure }) { throw failure }
  }
}
