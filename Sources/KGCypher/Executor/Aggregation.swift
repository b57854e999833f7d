/// Grouping and aggregate functions for WITH and RETURN.
struct Aggregation {
  let evaluator: Evaluator
  typealias Row = [String: Value]

  static let names: Set<String> = ["count", "collect", "sum", "avg", "min", "max"]

  static func isAggregate(_ expression: Expression) -> Bool {
    switch expression {
    case .countAll: return true
    case .function(let name, _, _): return names.contains(name.lowercased())
    default: return false
    }
  }

  /// Whether an aggregate function appears anywhere in `expression`.
  static func contains(_ expression: Expression) -> Bool {
    var found = false
    ExpressionWalker.visit(expression) { if isAggregate($0) { found = true } }
    return found
  }

  /// One output row per group of the non-aggregate items; aggregates computed per group.
  func project(_ items: [ProjectionItem], _ rows: [Row]) throws(CypherError) -> [(projected: Row, source: Row)] {
    let keyItems = items.filter { !Self.contains($0.expression) }
    var aggregates: [Expression] = []
    var rewritten: [String: Expression] = [:]
    for item in items where Self.contains(item.expression) {
      rewritten[item.name] = ExpressionWalker.replaceAggregates(item.expression, &aggregates)
    }
    var groupOrder: [[Value]] = []
    var groups: [[Value]: (keys: Row, source: Row, rows: [Row])] = [:]
    for row in rows {
      var keys: Row = [:]
      var signature: [Value] = []
      for item in keyItems {
        let value = try evaluator.evaluate(item.expression, row)
        keys[item.name] = value
        signature.append(Comparison.groupingKey(value))
      }
      if groups[signature] == nil {
        groups[signature] = (keys, row, [])
        groupOrder.append(signature)
      }
      groups[signature]?.rows.append(row)
    }
    if rows.isEmpty && keyItems.isEmpty {
      groups[[]] = ([:], [:], [])
      groupOrder.append([])
    }
    var output: [(projected: Row, source: Row)] = []
    for signature in groupOrder {
      guard let group = groups[signature] else { continue }
      var context = group.source
      for (name, value) in group.keys { context[name] = value }
      for (index, aggregate) in aggregates.enumerated() {
        context[" aggregate \(index)"] = try compute(aggregate, group.rows)
      }
      var projected = group.keys
      for (name, expression) in rewritten { projected[name] = try evaluator.evaluate(expression, context) }
      output.append((projected, group.source))
    }
    return output
  }

  private func compute(_ aggregate: Expression, _ rows: [Row]) throws(CypherError) -> Value {
    if case .countAll = aggregate { return .integer(rows.count) }
    guard case .function(let name, let distinct, let arguments) = aggregate, let argument = arguments.first else {
      throw CypherError(.syntaxError, "InvalidNumberOfArguments", "aggregate without argument")
    }
    for inner in arguments where Self.contains(inner) {
      throw CypherError(.syntaxError, "NestedAggregation", "aggregates cannot be nested")
    }
    var values: [Value] = []
    var seen: Set<Value> = []
    for row in rows {
      let value = try evaluator.evaluate(argument, row)
      if value.isNull { continue }
      if distinct && !seen.insert(Comparison.groupingKey(value)).inserted { continue }
      values.append(value)
    }
    switch name.lowercased() {
    case "count": return .integer(values.count)
    case "collect": return .list(values)
    case "sum":
      var integer = 0
      var float = 0.0
      var isFloat = false
      for value in values {
        switch value {
        case .integer(let number):
          let (result, overflow) = integer.addingReportingOverflow(number)
          if overflow { throw CypherError(.arithmeticError, "IntegerOverflow", "sum overflows") }
          integer = result
        case .float(let number):
          float += number
          isFloat = true
        default: throw CypherError(.typeError, "InvalidArgumentType", "sum of \(value.typeName)")
        }
      }
      return isFloat ? .float(float + Double(integer)) : .integer(integer)
    case "avg":
      guard !values.isEmpty else { return .null }
      var total = 0.0
      for value in values {
        switch value {
        case .integer, .float: total += Comparison.number(value)
        default: throw CypherError(.typeError, "InvalidArgumentType", "avg of \(value.typeName)")
        }
      }
      return .float(total / Double(values.count))
    case "min", "max":
      guard var best = values.first else { return .null }
      for value in values.dropFirst() {
        let order = Comparison.orderKey(value, best)
        if name.lowercased() == "min" ? order < 0 : order > 0 { best = value }
      }
      return best
    default:
      throw CypherError(.syntaxError, "UnknownFunction", "unknown aggregate '\(name)'")
    }
  }
}

/// Walking and rewriting expression trees.
enum ExpressionWalker {
  /// Calls `body` on `expression` and every expression inside it.
  static func visit(_ expression: Expression, _ body: (Expression) -> Void) {
    body(expression)
    for child in children(of: expression) { visit(child, body) }
  }

  static func children(of expression: Expression) -> [Expression] {
    switch expression {
    case .null, .boolean, .integer, .float, .string, .parameter, .variable, .countAll, .patternPredicate: return []
    case .list(let elements): return elements
    case .map(let entries): return entries.map(\.value)
    case .property(let base, _): return [base]
    case .index(let base, let index): return [base, index]
    case .slice(let base, let from, let to): return [base] + [from, to].compactMap { $0 }
    case .function(_, _, let arguments): return arguments
    case .unary(_, let operand): return [operand]
    case .binary(_, let left, let right): return [left, right]
    case .isNull(let operand, _): return [operand]
    case .hasLabels(let operand, _): return [operand]
    case .caseExpression(let subject, let alternatives, let otherwise):
      return [subject].compactMap { $0 } + alternatives.flatMap { [$0.when, $0.then] } + [otherwise].compactMap { $0 }
    case .listComprehension(_, let list, let predicate, let projection): return [list] + [predicate, projection].compactMap { $0 }
    case .quantifier(_, _, let list, let predicate): return [list, predicate]
    }
  }

  /// `expression` with every aggregate replaced by a variable ` aggregate N` (the
  /// aggregates appended to `aggregates` in order).
  static func replaceAggregates(_ expression: Expression, _ aggregates: inout [Expression]) -> Expression {
    if Aggregation.isAggregate(expression) {
      aggregates.append(expression)
      return .variable(" aggregate \(aggregates.count - 1)")
    }
    func map(_ child: Expression) -> Expression { replaceAggregates(child, &aggregates) }
    switch expression {
    case .null, .boolean, .integer, .float, .string, .parameter, .variable, .countAll, .patternPredicate: return expression
    case .list(let elements): return .list(elements.map(map))
    case .map(let entries): return .map(entries.map { MapEntry(key: $0.key, value: map($0.value)) })
    case .property(let base, let key): return .property(map(base), key)
    case .index(let base, let index): return .index(map(base), map(index))
    case .slice(let base, let from, let to): return .slice(map(base), from: from.map(map), to: to.map(map))
    case .function(let name, let distinct, let arguments): return .function(name: name, distinct: distinct, arguments: arguments.map(map))
    case .unary(let op, let operand): return .unary(op, map(operand))
    case .binary(let op, let left, let right): return .binary(op, map(left), map(right))
    case .isNull(let operand, let negated): return .isNull(map(operand), negated: negated)
    case .hasLabels(let operand, let labels): return .hasLabels(map(operand), labels)
    case .caseExpression(let subject, let alternatives, let otherwise):
      return .caseExpression(
        subject: subject.map(map), alternatives: alternatives.map { CaseAlternative(when: map($0.when), then: map($0.then)) },
        otherwise: otherwise.map(map))
    case .listComprehension(let variable, let list, let predicate, let projection):
      return .listComprehension(variable: variable, list: map(list), predicate: predicate.map(map), projection: projection.map(map))
    case .quantifier(let quantifier, let variable, let list, let predicate):
      return .quantifier(quantifier, variable: variable, list: map(list), predicate: map(predicate))
    }
  }
}
