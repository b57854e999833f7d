/// Comma-separated pattern parts: `p = (a)-[r]->(b), (c)`.
public struct Pattern: Sendable, Hashable {
  public var parts: [PatternPart]
  public init(parts: [PatternPart]) { self.parts = parts }
}

/// One path pattern, optionally named: `p = (a)-[:T]->(b)<-(c)`.
public struct PatternPart: Sendable, Hashable {
  public var pathVariable: String?
  public var start: NodePattern
  /// Each step: a relationship and the node it leads to.
  public var steps: [(relationship: RelationshipPattern, node: NodePattern)]

  public init(pathVariable: String?, start: NodePattern, steps: [(relationship: RelationshipPattern, node: NodePattern)]) {
    self.pathVariable = pathVariable
    self.start = start
    self.steps = steps
  }

  public static func == (lhs: PatternPart, rhs: PatternPart) -> Bool {
    lhs.pathVariable == rhs.pathVariable && lhs.start == rhs.start && lhs.steps.count == rhs.steps.count
      && zip(lhs.steps, rhs.steps).allSatisfy { $0.relationship == $1.relationship && $0.node == $1.node }
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(pathVariable)
    hasher.combine(start)
    for step in steps {
      hasher.combine(step.relationship)
      hasher.combine(step.node)
    }
  }
}

/// `(variable:Label1:Label2 {key: expr})`; `properties` may also be a parameter.
public struct NodePattern: Sendable, Hashable {
  public var variable: String?
  public var labels: [String]
  public var properties: Expression?

  public init(variable: String? = nil, labels: [String] = [], properties: Expression? = nil) {
    self.variable = variable
    self.labels = labels
    self.properties = properties
  }
}

/// `-[variable:T1|T2*min..max {key: expr}]->`
public struct RelationshipPattern: Sendable, Hashable {
  public enum Direction: Sendable, Hashable {
    /// `-->`
    case outgoing
    /// `<--`
    case incoming
    /// `--` (or `<-->`)
    case both
  }

  public var variable: String?
  public var types: [String]
  public var properties: Expression?
  public var direction: Direction
  /// `nil` for a single hop; for `*`, `*2`, `*1..3`, `*..3`, `*2..`: the bounds (nil = open).
  public var length: VariableLength?

  public init(
    variable: String? = nil, types: [String] = [], properties: Expression? = nil, direction: Direction,
    length: VariableLength? = nil
  ) {
    self.variable = variable
    self.types = types
    self.properties = properties
    self.direction = direction
    self.length = length
  }
}

/// Bounds of a variable-length relationship: `*` is (nil, nil), `*3` is (3, 3), `*1..` is (1, nil).
public struct VariableLength: Sendable, Hashable {
  public var minimum: Int?
  public var maximum: Int?
  public init(minimum: Int?, maximum: Int?) {
    self.minimum = minimum
    self.maximum = maximum
  }
}
