/// A property value on a node, an edge or a graph: a scalar or a list of scalars.
///
/// Lists hold scalars of one kind (as in Neo4j and GraphML, which have no nested or
/// mixed lists); ``Graph`` refuses other lists. Equality treats two NaNs as equal, so
/// a graph read back from a file equals the graph that was written.
public enum PropertyValue: Hashable, Sendable {
  case string(String)
  case integer(Int)
  case float(Double)
  case boolean(Bool)
  /// A list of scalars of one kind.
  case list([PropertyValue])

  /// The kind of a scalar value, or of a list's elements.
  public enum Kind: String, Hashable, Sendable, CaseIterable, Comparable {
    case string, integer, float, boolean

    public static func < (lhs: Kind, rhs: Kind) -> Bool {
      allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
    }
  }

  /// The kind of this scalar, or of a list's elements (`nil` for an empty list).
  public var kind: Kind? {
    switch self {
    case .string: .string
    case .integer: .integer
    case .float: .float
    case .boolean: .boolean
    case .list(let elements): elements.first?.kind
    }
  }

  /// Whether this value is a list.
  public var isList: Bool {
    if case .list = self { return true }
    return false
  }

  /// The string, when this value is one.
  public var stringValue: String? {
    if case .string(let value) = self { return value }
    return nil
  }

  /// The integer, when this value is one.
  public var integerValue: Int? {
    if case .integer(let value) = self { return value }
    return nil
  }

  /// The list's strings, or a one-element list for a string.
  public var stringList: [String] {
    switch self {
    case .string(let value): [value]
    case .list(let elements): elements.compactMap(\.stringValue)
    default: []
    }
  }

  /// `nil` when the value can be stored in a graph; otherwise why not.
  public var storageProblem: String? {
    guard case .list(let elements) = self, let first = elements.first?.kind else { return nil }
    for element in elements {
      if element.isList { return "lists inside lists cannot be stored as properties" }
      if element.kind != first { return "a list property must hold values of one type" }
    }
    return nil
  }

  /// Text for people: strings as they are, numbers as usual, lists in brackets.
  public var displayText: String {
    switch self {
    case .string(let value): value
    case .integer(let value): String(value)
    case .float(let value): "\(value)"
    case .boolean(let value): value ? "true" : "false"
    case .list(let elements): "[" + elements.map(\.displayText).joined(separator: ", ") + "]"
    }
  }

  public static func == (lhs: PropertyValue, rhs: PropertyValue) -> Bool {
    switch (lhs, rhs) {
    case (.string(let a), .string(let b)): a == b
    case (.integer(let a), .integer(let b)): a == b
    case (.float(let a), .float(let b)): a == b || (a.isNaN && b.isNaN)
    case (.boolean(let a), .boolean(let b)): a == b
    case (.list(let a), .list(let b)): a == b
    default: false
    }
  }

  public func hash(into hasher: inout Hasher) {
    switch self {
    case .string(let value): hasher.combine(value)
    case .integer(let value): hasher.combine(value)
    case .float(let value): hasher.combine(value.isNaN ? Double.nan.bitPattern : value.bitPattern)
    case .boolean(let value): hasher.combine(value)
    case .list(let elements): hasher.combine(elements)
    }
  }
}

extension PropertyValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
  ExpressibleByFloatLiteral, ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral
{
  public init(stringLiteral value: String) { self = .string(value) }
  public init(integerLiteral value: Int) { self = .integer(value) }
  public init(floatLiteral value: Double) { self = .float(value) }
  public init(booleanLiteral value: Bool) { self = .boolean(value) }
  public init(arrayLiteral elements: PropertyValue...) { self = .list(elements) }
}
