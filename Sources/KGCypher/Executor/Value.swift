import KGGraph

/// A Cypher value at run time.
public enum Value: Sendable, Hashable {
  case null
  case boolean(Bool)
  case integer(Int)
  case float(Double)
  case string(String)
  case list([Value])
  /// Map entries by key (keys are unique).
  case map([String: Value])
  /// A node of the working graph, by index.
  case node(Int)
  /// A relationship of the working graph, by index.
  case relationship(Int)
  /// A path: nodes and the relationships between them, with each relationship's direction
  /// as traversed (true when it points from the later node back to the earlier).
  case path(nodes: [Int], relationships: [Int], reversed: [Bool])

  var isNull: Bool { if case .null = self { return true } else { return false } }

  /// The value of a stored property.
  init(_ property: PropertyValue) {
    switch property {
    case .string(let text): self = .string(text)
    case .integer(let number): self = .integer(number)
    case .float(let number): self = .float(number)
    case .boolean(let flag): self = .boolean(flag)
    case .list(let elements): self = .list(elements.map(Value.init))
    }
  }

  /// The stored form of a value, or `nil` for values that cannot be properties (maps,
  /// graph elements, nested or mixed lists).
  var propertyValue: PropertyValue? {
    switch self {
    case .string(let text): return .string(text)
    case .integer(let number): return .integer(number)
    case .float(let number): return .float(number)
    case .boolean(let flag): return .boolean(flag)
    case .list(let elements):
      var converted: [PropertyValue] = []
      for element in elements {
        guard let value = element.propertyValue, !value.isList else { return nil }
        converted.append(value)
      }
      let list = PropertyValue.list(converted)
      return list.storageProblem == nil ? list : nil
    default: return nil
    }
  }

  /// The type name used in error messages.
  var typeName: String {
    switch self {
    case .null: "Null"
    case .boolean: "Boolean"
    case .integer: "Integer"
    case .float: "Float"
    case .string: "String"
    case .list: "List"
    case .map: "Map"
    case .node: "Node"
    case .relationship: "Relationship"
    case .path: "Path"
    }
  }
}
