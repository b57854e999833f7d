import KGCore

/// The node-link JSON form of a graph, for people who script.
///
/// ```json
/// {
///   "directed": true,
///   "multigraph": true,
///   "graph": {},
///   "nodes": [{"id": "person:ada-lovelace", "labels": ["Person"], "properties": {"name": "Ada Lovelace"}}],
///   "edges": [{"id": "e1", "source": "person:ada-lovelace", "target": "country:france",
///              "type": "visited", "properties": {"weight": 1}}]
/// }
/// ```
///
/// Properties keep their JSON types: integers are written without a fraction, floats
/// always with one (`1.0`), lists as arrays. Node and edge members are in order,
/// property members sorted by name, so one graph always gives the same text.
/// `json.load` plus `networkx.node_link_graph(data, edges="edges")` reads it too
/// (properties then sit in a `properties` attribute).
extension Graph {
  /// The graph as a node-link JSON value.
  public func nodeLinkJSON() -> JSONValue {
    func object(_ properties: [String: PropertyValue]) -> JSONValue {
      .object(properties.sorted { $0.key < $1.key }.map { ($0.key, Self.json($0.value)) })
    }
    let nodeValues: [JSONValue] = (0..<nodeCount).map { index in
      .object([
        ("id", .string(nodeID(at: index))),
        ("labels", .array(nodeLabels(at: index).map(JSONValue.string))),
        ("properties", object(nodeProperties(at: index))),
      ])
    }
    let edgeValues: [JSONValue] = (0..<edgeCount).map { index in
      .object([
        ("id", .string(edgeID(at: index))),
        ("source", .string(nodeID(at: edgeSourceIndex(at: index)))),
        ("target", .string(nodeID(at: edgeTargetIndex(at: index)))),
        ("type", .string(edgeType(at: index))),
        ("properties", object(edgeProperties(at: index))),
      ])
    }
    return .object([
      ("directed", .bool(isDirected)),
      ("multigraph", .bool(true)),
      ("graph", object(properties)),
      ("nodes", .array(nodeValues)),
      ("edges", .array(edgeValues)),
    ])
  }

  /// Reads a graph from its node-link JSON form.
  ///
  /// `links` is accepted for `edges` (older networkx output); an edge without `id`
  /// gets `e<position>`, an edge without `type` takes its `label` property or
  /// `RELATED`. Node attributes outside `properties` (networkx style) become properties.
  ///
  /// - Throws: `InputError` naming the element that is wrong.
  public init(nodeLinkJSON value: JSONValue, file: String? = nil) throws(InputError) {
    self.init()
    let location = SourceLocation(file: file)
    guard case .object = value else { throw InputError("expected a JSON object with 'nodes' and 'edges'", at: location) }
    if case .bool(let directed)? = value["directed"] { isDirected = directed }
    if let graphValue = value["graph"] {
      properties = try Self.properties(from: graphValue, context: "graph", location: location)
    }
    guard case .array(let nodeValues)? = value["nodes"] ?? .array([]) else {
      throw InputError("'nodes' must be an array", at: location)
    }
    for (position, nodeValue) in nodeValues.enumerated() {
      let context = "nodes[\(position)]"
      guard case .object(let members) = nodeValue else { throw InputError("\(context) must be an object", at: location) }
      guard let id = Self.identifier(nodeValue["id"]) else {
        throw InputError("\(context) has no 'id' string", at: location)
      }
      var labels: [String] = []
      if case .array(let labelValues)? = nodeValue["labels"] {
        labels = labelValues.compactMap { if case .string(let label) = $0 { label } else { nil } }
      }
      var nodeProperties = try Self.properties(from: nodeValue["properties"] ?? .object([]), context: context, location: location)
      for member in members where !["id", "labels", "properties"].contains(member.key) {
        nodeProperties[member.key] = try Self.property(member.value, context: "\(context).\(member.key)", location: location)
      }
      do {
        try addNode(Node(id: id, labels: labels, properties: nodeProperties))
      } catch {
        throw InputError("\(context): \(error.message)", at: location)
      }
    }
    let edgeList = value["edges"] ?? value["links"] ?? .array([])
    guard case .array(let edgeValues) = edgeList else { throw InputError("'edges' must be an array", at: location) }
    for (position, edgeValue) in edgeValues.enumerated() {
      let context = "edges[\(position)]"
      guard case .object(let members) = edgeValue else { throw InputError("\(context) must be an object", at: location) }
      guard let source = Self.identifier(edgeValue["source"]) else { throw InputError("\(context) has no 'source'", at: location) }
      guard let target = Self.identifier(edgeValue["target"]) else { throw InputError("\(context) has no 'target'", at: location) }
      var edgeProperties = try Self.properties(from: edgeValue["properties"] ?? .object([]), context: context, location: location)
      for member in members where !["id", "source", "target", "type", "properties", "key"].contains(member.key) {
        edgeProperties[member.key] = try Self.property(member.value, context: "\(context).\(member.key)", location: location)
      }
      let id = Self.identifier(edgeValue["id"]) ?? "e\(position)"
      let type = Self.identifier(edgeValue["type"]) ?? edgeProperties["label"]?.stringValue ?? "RELATED"
      do {
        try addEdge(Edge(id: id, source: source, target: target, type: type, properties: edgeProperties))
      } catch {
        throw InputError("\(context): \(error.message)", at: location)
      }
    }
  }

  private static func identifier(_ value: JSONValue?) -> String? {
    switch value {
    case .string(let text)?: text
    case .integer(let number)?: String(number)
    default: nil
    }
  }

  private static func properties(from value: JSONValue, context: String, location: SourceLocation) throws(InputError)
    -> [String: PropertyValue]
  {
    guard case .object(let members) = value else { throw InputError("\(context) properties must be an object", at: location) }
    var result: [String: PropertyValue] = [:]
    for member in members {
      if case .null = member.value { continue }
      result[member.key] = try property(member.value, context: "\(context).\(member.key)", location: location)
    }
    return result
  }

  private static func property(_ value: JSONValue, context: String, location: SourceLocation) throws(InputError)
    -> PropertyValue
  {
    switch value {
    case .string(let text): return .string(text)
    case .integer(let number): return .integer(number)
    case .float(let number): return .float(number)
    case .bool(let flag): return .boolean(flag)
    case .array(let elements):
      var list: [PropertyValue] = []
      // Non-finite floats are written as null (JSON has no NaN or infinity): skip them.
      for element in elements where element != .null {
        if case .array = element { throw InputError("\(context): lists inside lists cannot be properties", at: location) }
        list.append(try property(element, context: context, location: location))
      }
      let result = PropertyValue.list(list)
      if let problem = result.storageProblem { throw InputError("\(context): \(problem)", at: location) }
      return result
    case .null, .object:
      throw InputError("\(context): \(value.kindName) cannot be a property value", at: location)
    }
  }

  /// The JSON form of a property value.
  public static func json(_ value: PropertyValue) -> JSONValue {
    switch value {
    case .string(let text): .string(text)
    case .integer(let number): .integer(number)
    case .float(let number): .float(number)
    case .boolean(let flag): .bool(flag)
    case .list(let elements): .array(elements.map(json))
    }
  }
}
