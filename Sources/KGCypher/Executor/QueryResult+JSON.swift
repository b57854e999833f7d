import KGCore
import KGGraph

extension QueryResult {
  /// The result in the JSON form of the TCK contract: `{"columns": [...], "rows": [[...]]}`,
  /// nodes as `{"~node": {"labels", "properties"}}`, relationships as
  /// `{"~relationship": {"type", "properties"}}`, paths as `{"~path": [node, rel, ...]}`.
  public func json() -> JSONValue {
    .object([
      ("columns", .array(columns.map(JSONValue.string))),
      ("rows", .array(rows.map { .array($0.map(json)) })),
    ])
  }

  /// The JSON form of one value.
  public func json(_ value: Value) -> JSONValue {
    let graph = working
    switch value {
    case .null: return .null
    case .boolean(let flag): return .bool(flag)
    case .integer(let number): return .integer(number)
    case .float(let number): return .float(number)
    case .string(let text): return .string(text)
    case .list(let elements): return .array(elements.map(json))
    case .map(let entries): return .object(entries.sorted { $0.key < $1.key }.map { ($0.key, json($0.value)) })
    case .node(let index): return nodeJSON(index, graph)
    case .relationship(let index): return relationshipJSON(index, graph, reversed: false)
    case .path(let nodes, let relationships, let reversed):
      var elements: [JSONValue] = []
      for (position, node) in nodes.enumerated() {
        elements.append(nodeJSON(node, graph))
        if position < relationships.count {
          elements.append(relationshipJSON(relationships[position], graph, reversed: reversed[position]))
        }
      }
      return .object([("~path", .array(elements))])
    }
  }

  private func properties(_ values: [String: PropertyValue]) -> JSONValue {
    .object(values.sorted { $0.key < $1.key }.map { ($0.key, json(Value($0.value))) })
  }

  private func nodeJSON(_ index: Int, _ graph: WorkingGraph) -> JSONValue {
    .object([
      (
        "~node",
        .object([
          ("labels", .array(graph.labels(of: index).map(JSONValue.string))),
          ("properties", properties(graph.nodeProperties(at: index))),
        ])
      )
    ])
  }

  private func relationshipJSON(_ index: Int, _ graph: WorkingGraph, reversed: Bool) -> JSONValue {
    var members: [(key: String, value: JSONValue)] = [
      ("type", .string(graph.edgeType(at: index))), ("properties", properties(graph.edgeProperties(at: index))),
    ]
    if reversed { members.append(("direction", .string("<-"))) }
    return .object([("~relationship", .object(members))])
  }

  /// The result as a text table.
  public func table() -> String {
    if columns.isEmpty { return "(no columns)\n" }
    var widths = columns.map(\.count)
    let cells = rows.map { row in row.map { text($0) } }
    for row in cells { for (index, cell) in row.enumerated() where index < widths.count { widths[index] = max(widths[index], cell.count) } }
    func line(_ values: [String]) -> String {
      "| " + values.enumerated().map { $0.element + String(repeating: " ", count: widths[$0.offset] - $0.element.count) }.joined(separator: " | ") + " |\n"
    }
    var output = line(columns)
    output += "|" + widths.map { String(repeating: "-", count: $0 + 2) }.joined(separator: "|") + "|\n"
    for row in cells { output += line(row) }
    output += "\(rows.count) row\(rows.count == 1 ? "" : "s")\n"
    return output
  }

  /// A value as text for tables and CSV.
  public func text(_ value: Value) -> String {
    switch value {
    case .null: return "null"
    case .string(let text): return text
    case .node(let index):
      let graph = working
      let name = graph.nodeProperty("name", at: index)?.displayText
      return "(\(graph.labels(of: index).map { ":" + $0 }.joined())\(name.map { " " + $0 } ?? " " + graph.nodeID(at: index)))"
    case .relationship(let index): return "[:\(working.edgeType(at: index))]"
    default: return json(value).serialized(specialFloats: true)
    }
  }
}

extension Value {
  /// A parameter value from JSON.
  public init(json: JSONValue) {
    switch json {
    case .null: self = .null
    case .bool(let flag): self = .boolean(flag)
    case .integer(let number): self = .integer(number)
    case .float(let number): self = .float(number)
    case .string(let text): self = .string(text)
    case .array(let elements): self = .list(elements.map(Value.init(json:)))
    case .object(let members):
      var map: [String: Value] = [:]
      for member in members { map[member.key] = Value(json: member.value) }
      self = .map(map)
    }
  }
}
