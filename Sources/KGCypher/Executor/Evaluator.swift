import Foundation
import KGGraph

/// Evaluates expressions against a row of variable bindings.
struct Evaluator {
  let graph: WorkingGraph
  let parameters: [String: Value]
  /// Pattern predicates need the matcher.
  var matcher: PatternMatcher { PatternMatcher(graph: graph, evaluator: self) }

  typealias Row = [String: Value]

  static let aggregateNames: Set<String> = ["count", "collect", "sum", "avg", "min", "max", "stdev", "stdevp", "percentilecont", "percentiledisc"]

  func evaluate(_ expression: Expression, _ row: Row) throws(CypherError) -> Value {
    switch expression {
    case .null: return .null
    case .boolean(let value): return .boolean(value)
    case .integer(let value): return .integer(value)
    case .float(let value): return .float(value)
    case .string(let value): return .string(value)
    case .parameter(let name):
      guard let value = parameters[name] else {
        throw CypherError(.semanticError, "MissingParameter", "parameter $\(name) was not given")
      }
      return value
    case .variable(let name):
      guard let value = row[name] else {
        throw CypherError(.syntaxError, "UndefinedVariable", "variable '\(name)' is not defined")
      }
      return value
    case .list(let elements):
      var values: [Value] = []
      for element in elements { values.append(try evaluate(element, row)) }
      return .list(values)
    case .map(let entries):
      var map: [String: Value] = [:]
      for entry in entries { map[entry.key] = try evaluate(entry.value, row) }
      return .map(map)
    case .property(let base, let key):
      return try property(of: try evaluate(base, row), key)
    case .index(let base, let index):
      return try subscriptValue(try evaluate(base, row), try evaluate(index, row))
    case .slice(let base, let from, let to):
      let value = try evaluate(base, row)
      let lower = try from.map { expression throws(CypherError) in try evaluate(expression, row) }
      let upper = try to.map { expression throws(CypherError) in try evaluate(expression, row) }
      return try slice(value, lower, upper)
    case .function(let name, _, let arguments):
      if Self.aggregateNames.contains(name.lowercased()) {
        throw CypherError(.syntaxError, "InvalidAggregation", "aggregation '\(name)' is not allowed here")
      }
      var values: [Value] = []
      for argument in arguments { values.append(try evaluate(argument, row)) }
      return try Functions.call(name, values, graph: graph)
    case .countAll:
      throw CypherError(.syntaxError, "InvalidAggregation", "count(*) is not allowed here")
    case .unary(let op, let operand):
      let value = try evaluate(operand, row)
      switch op {
      case .not:
        switch value {
        case .null: return .null
        case .boolean(let flag): return .boolean(!flag)
        default: throw CypherError(.typeError, "InvalidArgumentType", "NOT needs a boolean, not \(value.typeName)")
        }
      case .minus:
        switch value {
        case .null: return .null
        case .integer(let number):
          let (result, overflow) = (0).subtractingReportingOverflow(number)
          if overflow { throw CypherError(.arithmeticError, "IntegerOverflow", "integer overflow") }
          return .integer(result)
        case .float(let number): return .float(-number)
        default: throw CypherError(.typeError, "InvalidArgumentType", "cannot negate \(value.typeName)")
        }
      case .plus:
        switch value {
        case .null, .integer, .float: return value
        default: throw CypherError(.typeError, "InvalidArgumentType", "unary + needs a number, not \(value.typeName)")
        }
      }
    case .binary(let op, let left, let right):
      return try binary(op, left, right, row)
    case .isNull(let operand, let negated):
      let isNull = try evaluate(operand, row).isNull
      return .boolean(negated ? !isNull : isNull)
    case .hasLabels(let operand, let labels):
      switch try evaluate(operand, row) {
      case .null: return .null
      case .node(let index):
        let own = graph.labels(of: index)
        return .boolean(labels.allSatisfy(own.contains))
      case let other: throw CypherError(.typeError, "InvalidArgumentType", "label predicate on \(other.typeName)")
      }
    case .caseExpression(let subject, let alternatives, let otherwise):
      if let subject {
        let value = try evaluate(subject, row)
        for alternative in alternatives where Comparison.equals(value, try evaluate(alternative.when, row)) == true {
          return try evaluate(alternative.then, row)
        }
      } else {
        for alternative in alternatives where try evaluate(alternative.when, row) == .boolean(true) {
          return try evaluate(alternative.then, row)
        }
      }
      return try otherwise.map { expression throws(CypherError) in try evaluate(expression, row) } ?? .null
    case .listComprehension(let variable, let list, let predicate, let projection):
      let source = try evaluate(list, row)
      guard case .list(let elements) = source else {
        if source.isNull { return .null }
        throw CypherError(.typeError, "InvalidArgumentType", "list comprehension over \(source.typeName)")
      }
      var result: [Value] = []
      for element in elements {
        var inner = row
        inner[variable] = element
        if let predicate, try evaluate(predicate, inner) != .boolean(true) { continue }
        result.append(try projection.map { expression throws(CypherError) in try evaluate(expression, inner) } ?? element)
      }
      return .list(result)
    case .quantifier(let quantifier, let variable, let list, let predicate):
      let source = try evaluate(list, row)
      guard case .list(let elements) = source else {
        if source.isNull { return .null }
        throw CypherError(.typeError, "InvalidArgumentType", "\(quantifier.rawValue)() over \(source.typeName)")
      }
      var trueCount = 0
      var nullCount = 0
      for element in elements {
        var inner = row
        inner[variable] = element
        switch try evaluate(predicate, inner) {
        case .boolean(true): trueCount += 1
        case .null: nullCount += 1
        default: break
        }
      }
      let falseCount = elements.count - trueCount - nullCount
      switch quantifier {
      case .all: return falseCount > 0 ? .boolean(false) : (nullCount > 0 ? .null : .boolean(true))
      case .any: return trueCount > 0 ? .boolean(true) : (nullCount > 0 ? .null : .boolean(false))
      case .none: return trueCount > 0 ? .boolean(false) : (nullCount > 0 ? .null : .boolean(true))
      case .single:
        if trueCount > 1 { return .boolean(false) }
        if nullCount > 0 { return .null }
        return .boolean(trueCount == 1)
      }
    case .patternPredicate(let part):
      return .boolean(try matcher.exists(part, row))
    }
  }

  func property(of value: Value, _ key: String) throws(CypherError) -> Value {
    switch value {
    case .null: return .null
    case .node(let index): return graph.nodeProperty(key, at: index).map(Value.init) ?? .null
    case .relationship(let index): return graph.edgeProperty(key, at: index).map(Value.init) ?? .null
    case .map(let entries): return entries[key] ?? .null
    default:
      throw CypherError(.typeError, "InvalidArgumentType", "cannot read property '\(key)' of \(value.typeName)")
    }
  }

  private func subscriptValue(_ base: Value, _ index: Value) throws(CypherError) -> Value {
    switch (base, index) {
    case (.null, _), (_, .null): return .null
    case (.list(let elements), .integer(let position)):
      let resolved = position < 0 ? elements.count + position : position
      return elements.indices.contains(resolved) ? elements[resolved] : .null
    case (.map, .string(let key)), (.node, .string(let key)), (.relationship, .string(let key)):
      return try property(of: base, key)
    case (.list, _):
      throw CypherError(.typeError, "InvalidArgumentType", "list index must be an integer, not \(index.typeName)")
    case (.map, _), (.node, _), (.relationship, _):
      throw CypherError(.typeError, "InvalidArgumentType", "map key must be a string, not \(index.typeName)")
    default:
      throw CypherError(.typeError, "InvalidArgumentType", "cannot index \(base.typeName)")
    }
  }

  private func slice(_ base: Value, _ from: Value?, _ to: Value?) throws(CypherError) -> Value {
    if base.isNull || from?.isNull == true || to?.isNull == true { return .null }
    guard case .list(let elements) = base else {
      throw CypherError(.typeError, "InvalidArgumentType", "cannot slice \(base.typeName)")
    }
    func bound(_ value: Value?, _ fallback: Int) throws(CypherError) -> Int {
      guard let value else { return fallback }
      guard case .integer(let number) = value else {
        throw CypherError(.typeError, "InvalidArgumentType", "slice bounds must be integers")
      }
      let resolved = number < 0 ? elements.count + number : number
      return min(max(resolved, 0), elements.count)
    }
    let lower = try bound(from, 0)
    let upper = try bound(to, elements.count)
    return lower < upper ? .list(Array(elements[lower..<upper])) : .list([])
  }

  private func binary(_ op: BinaryOperator, _ leftExpression: Expression, _ rightExpression: Expression, _ row: Row)
    throws(CypherError) -> Value
  {
    let left = try evaluate(leftExpression, row)
    let right = try evaluate(rightExpression, row)
    return try Self.apply(op, left, right)
  }

  /// `left op right` on values: three-valued logic for AND, OR, XOR; comparison with
  /// Cypher's null semantics; IN; string predicates; regular expressions; arithmetic.
  static func apply(_ op: BinaryOperator, _ left: Value, _ right: Value) throws(CypherError) -> Value {
    switch op {
    case .and, .or, .xor:
      let left = try booleanOrNull(left, op)
      let right = try booleanOrNull(right, op)
      switch op {
      case .and:
        if left == false || right == false { return .boolean(false) }
        if left == nil || right == nil { return .null }
        return .boolean(true)
      case .or:
        if left == true || right == true { return .boolean(true) }
        if left == nil || right == nil { return .null }
        return .boolean(false)
      default:
        guard let left, let right else { return .null }
        return .boolean(left != right)
      }
    case .equal: return Comparison.equals(left, right).map(Value.boolean) ?? .null
    case .notEqual: return Comparison.equals(left, right).map { .boolean(!$0) } ?? .null
    case .less, .greater, .lessOrEqual, .greaterOrEqual:
      // NaN is unordered: every ordering comparison of a number with it is false.
      if isNumber(left) && isNumber(right), Comparison.number(left).isNaN || Comparison.number(right).isNaN {
        return .boolean(false)
      }
      guard let order = Comparison.compare(left, right) else { return .null }
      return .boolean(holds(op, order))
    case .in:
      if right.isNull { return .null }
      guard case .list(let elements) = right else {
        throw CypherError(.typeError, "InvalidArgumentType", "IN needs a list, not \(right.typeName)")
      }
      var unknown = false
      for element in elements {
        switch Comparison.equals(left, element) {
        case true?: return .boolean(true)
        case nil: unknown = true
        default: break
        }
      }
      return unknown ? .null : .boolean(false)
    case .startsWith, .endsWith, .contains:
      guard case .string(let text) = left, case .string(let part) = right else { return .null }
      switch op {
      case .startsWith: return .boolean(text.hasPrefix(part))
      case .endsWith: return .boolean(text.hasSuffix(part))
      default: return .boolean(part.isEmpty || text.contains(part))
      }
    case .regex:
      guard case .string(let text) = left, case .string(let pattern) = right else { return .null }
      guard let regex = try? NSRegularExpression(pattern: "^(?:" + pattern + ")$") else {
        throw CypherError(.argumentError, "InvalidRegex", "invalid regular expression")
      }
      let range = NSRange(text.startIndex..., in: text)
      return .boolean(regex.firstMatch(in: text, range: range) != nil)
    default:
      return try Arithmetic.apply(op, left, right)
    }
  }

  private static func isNumber(_ value: Value) -> Bool {
    switch value {
    case .integer, .float: true
    default: false
    }
  }

  /// Whether an ordering comparison `op` holds for `order` (-1, 0 or 1).
  @inline(__always)
  static func holds(_ op: BinaryOperator, _ order: Int) -> Bool {
    switch op {
    case .less: order < 0
    case .greater: order > 0
    case .lessOrEqual: order <= 0
    default: order >= 0
    }
  }

  private static func booleanOrNull(_ value: Value, _ op: BinaryOperator) throws(CypherError) -> Bool? {
    switch value {
    case .null: return nil
    case .boolean(let flag): return flag
    default: throw CypherError(.typeError, "InvalidArgumentType", "\(op.rawValue) needs booleans, not \(value.typeName)")
    }
  }
}

/// Arithmetic on numbers, and `+` on strings and lists.
enum Arithmetic {
  static func apply(_ op: BinaryOperator, _ left: Value, _ right: Value) throws(CypherError) -> Value {
    if left.isNull || right.isNull { return .null }
    if op == .add {
      switch (left, right) {
      case (.string(let a), .string(let b)): return .string(a + b)
      case (.string(let a), .integer), (.string(let a), .float): return .string(a + Functions.text(right))
      case (.integer, .string(let b)), (.float, .string(let b)): return .string(Functions.text(left) + b)
      case (.list(let a), .list(let b)): return .list(a + b)
      case (.list(let a), _): return .list(a + [right])
      case (_, .list(let b)): return .list([left] + b)
      default: break
      }
    }
    switch (left, right) {
    case (.integer(let a), .integer(let b)):
      switch op {
      case .add: return try checked(a.addingReportingOverflow(b))
      case .subtract: return try checked(a.subtractingReportingOverflow(b))
      case .multiply: return try checked(a.multipliedReportingOverflow(by: b))
      case .divide:
        if b == 0 { throw CypherError(.arithmeticError, "DivisionByZero", "/ by zero") }
        return try checked(a.dividedReportingOverflow(by: b))
      case .modulo:
        if b == 0 { throw CypherError(.arithmeticError, "DivisionByZero", "% by zero") }
        return try checked(a.remainderReportingOverflow(dividingBy: b))
      case .power: return .float(pow(Double(a), Double(b)))
      default: break
      }
    case (.integer, .float), (.float, .integer), (.float, .float):
      let a = Comparison.number(left)
      let b = Comparison.number(right)
      switch op {
      case .add: return .float(a + b)
      case .subtract: return .float(a - b)
      case .multiply: return .float(a * b)
      case .divide: return .float(a / b)
      case .modulo: return .float(fmod(a, b))
      case .power: return .float(pow(a, b))
      default: break
      }
    default: break
    }
    throw CypherError(.typeError, "InvalidArgumentType", "cannot apply \(op.rawValue) to \(left.typeName) and \(right.typeName)")
  }

  private static func checked(_ result: (partialValue: Int, overflow: Bool)) throws(CypherError) -> Value {
    if result.overflow { throw CypherError(.arithmeticError, "IntegerOverflow", "integer overflow") }
    return .integer(result.partialValue)
  }
}
