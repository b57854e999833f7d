/// A Cypher expression.
public indirect enum Expression: Sendable, Hashable {
  case null
  case boolean(Bool)
  case integer(Int)
  case float(Double)
  case string(String)
  /// `$name` (or `$0`).
  case parameter(String)
  case variable(String)
  /// `[a, b, c]`
  case list([Expression])
  /// `{key: value, ...}` in written order.
  case map([MapEntry])
  /// `expr.key`
  case property(Expression, String)
  /// `expr[index]` (list index or map key)
  case index(Expression, Expression)
  /// `expr[from..to]` (either bound may be absent)
  case slice(Expression, from: Expression?, to: Expression?)
  /// `name(args)`, `name(DISTINCT args)`; `count(*)` is `.countAll`. Names are as written (case kept).
  case function(name: String, distinct: Bool, arguments: [Expression])
  case countAll
  case unary(UnaryOperator, Expression)
  case binary(BinaryOperator, Expression, Expression)
  /// `a < b < c` is written as chained `.binary(.and, ...)` by the parser.
  /// `expr IS NULL` / `expr IS NOT NULL`
  case isNull(Expression, negated: Bool)
  /// `expr:Label1:Label2` (label predicate)
  case hasLabels(Expression, [String])
  /// `CASE [subject] WHEN w THEN t ... [ELSE e] END`
  case caseExpression(subject: Expression?, alternatives: [CaseAlternative], otherwise: Expression?)
  /// `[x IN list WHERE pred | projection]`
  case listComprehension(variable: String, list: Expression, predicate: Expression?, projection: Expression?)
  /// `all/any/none/single(x IN list WHERE pred)`
  case quantifier(Quantifier, variable: String, list: Expression, predicate: Expression)
  /// A pattern used as an expression (`(a)-->(b)` in WHERE): true when it matches.
  case patternPredicate(PatternPart)
}

public struct MapEntry: Sendable, Hashable {
  public var key: String
  public var value: Expression
  public init(key: String, value: Expression) {
    self.key = key
    self.value = value
  }
}

public struct CaseAlternative: Sendable, Hashable {
  public var when: Expression
  public var then: Expression
  public init(when: Expression, then: Expression) {
    self.when = when
    self.then = then
  }
}

public enum Quantifier: String, Sendable, Hashable { case all, any, none, single }

public enum UnaryOperator: String, Sendable, Hashable {
  case not = "NOT"
  case minus = "-"
  case plus = "+"
}

public enum BinaryOperator: String, Sendable, Hashable {
  case or = "OR", xor = "XOR", and = "AND"
  case equal = "=", notEqual = "<>", less = "<", greater = ">", lessOrEqual = "<=", greaterOrEqual = ">="
  case add = "+", subtract = "-", multiply = "*", divide = "/", modulo = "%", power = "^"
  case `in` = "IN"
  case startsWith = "STARTS WITH", endsWith = "ENDS WITH", contains = "CONTAINS"
  case regex = "=~"
}
