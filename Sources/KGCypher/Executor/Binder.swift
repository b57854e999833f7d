/// Static checks before execution, so errors do not depend on the data: undefined
/// variables, aggregates where they are not allowed, variables used as two kinds.
enum Binder {
  enum Kind { case node, relationship, path, value }

  static func check(_ statement: Statement) throws(CypherError) {
    for query in statement.queries { try check(query) }
  }

  static func variables(of pattern: Pattern) -> [String] {
    var result: [String] = []
    for part in pattern.parts {
      if let path = part.pathVariable { result.append(path) }
      if let variable = part.start.variable { result.append(variable) }
      for (relationship, node) in part.steps {
        if let variable = relationship.variable { result.append(variable) }
        if let variable = node.variable { result.append(variable) }
      }
    }
    return result
  }

  private static func check(_ query: SingleQuery) throws(CypherError) {
    var scope: [String: Kind] = [:]
    for clause in query.clauses {
      switch clause {
      case .match(let match):
        try bind(match.pattern, into: &scope, creating: false)
        if let predicate = match.predicate {
          try noAggregate(predicate, "WHERE")
          try references(predicate, scope)
        }
      case .create(let pattern):
        try bind(pattern, into: &scope, creating: true)
      case .unwind(let expression, let variable):
        try noAggregate(expression, "UNWIND")
        try references(expression, scope)
        if scope[variable] != nil {
          throw CypherError(.syntaxError, "VariableAlreadyBound", "'\(variable)' is already bound")
        }
        scope[variable] = .value
      case .with(let projection, let predicate):
        scope = try project(projection, scope)
        if let predicate {
          try noAggregate(predicate, "WHERE")
          try references(predicate, scope)
        }
      case .return(let projection):
        _ = try project(projection, scope)
      }
    }
  }

  private static func project(_ projection: Projection, _ scope: [String: Kind]) throws(CypherError) -> [String: Kind] {
    var next: [String: Kind] = projection.includesAll ? scope : [:]
    if projection.includesAll && scope.isEmpty {
      throw CypherError(.syntaxError, "NoVariablesInScope", "RETURN * needs variables in scope")
    }
    var seen: Set<String> = []
    for item in projection.items {
      try references(item.expression, scope)
      try nestedAggregates(item.expression)
      guard seen.insert(item.name).inserted else {
        throw CypherError(.syntaxError, "ColumnNameConflict", "column '\(item.name)' appears twice")
      }
      if case .variable(let name) = item.expression, let kind = scope[name] {
        next[item.name] = kind
      } else {
        next[item.name] = .value
      }
    }
    let aggregating = projection.items.contains { Aggregation.contains($0.expression) }
    var orderScope = next
    if !aggregating && !projection.distinct { for (name, kind) in scope where orderScope[name] == nil { orderScope[name] = kind } }
    for item in projection.orderBy {
      if Aggregation.contains(item.expression) && !projection.items.contains(where: { $0.expression == item.expression }) {
        if !aggregating {
          throw CypherError(.syntaxError, "InvalidAggregation", "ORDER BY cannot aggregate here")
        }
      } else {
        try references(item.expression, orderScope)
      }
    }
    for expression in [projection.skip, projection.limit].compactMap({ $0 }) {
      try references(expression, [:])
    }
    return next
  }

  private static func bind(_ pattern: Pattern, into scope: inout [String: Kind], creating: Bool) throws(CypherError) {
    func declare(_ name: String, _ kind: Kind) throws(CypherError) {
      if let existing = scope[name], existing != kind {
        throw CypherError(.syntaxError, "VariableTypeConflict", "'\(name)' is already bound as another kind")
      }
      scope[name] = kind
    }
    // Property expressions see the variables bound before the pattern.
    let before = scope
    for part in pattern.parts {
      for node in [part.start] + part.steps.map(\.node) {
        if let properties = node.properties { try references(properties, before) }
        if let variable = node.variable { try declare(variable, .node) }
      }
      for (relationship, _) in part.steps {
        if let properties = relationship.properties { try references(properties, before) }
        if let variable = relationship.variable {
          if creating && scope[variable] != nil {
            throw CypherError(.syntaxError, "VariableAlreadyBound", "'\(variable)' is already bound")
          }
          try declare(variable, relationship.length == nil ? .relationship : .value)
        }
      }
      if let path = part.pathVariable {
        if scope[path] != nil { throw CypherError(.syntaxError, "VariableAlreadyBound", "'\(path)' is already bound") }
        scope[path] = .path
      }
    }
  }

  /// Throws for a variable that is not in scope (list comprehensions bind their own).
  private static func references(_ expression: Expression, _ scope: [String: Kind]) throws(CypherError) {
    switch expression {
    case .variable(let name):
      if scope[name] == nil && !name.hasPrefix(" ") {
        throw CypherError(.semanticError, "UndefinedVariable", "variable '\(name)' is not defined")
      }
    case .listComprehension(let variable, let list, let predicate, let projection):
      try references(list, scope)
      var inner = scope
      inner[variable] = .value
      if let predicate { try references(predicate, inner) }
      if let projection { try references(projection, inner) }
    case .quantifier(_, let variable, let list, let predicate):
      try references(list, scope)
      var inner = scope
      inner[variable] = .value
      try references(predicate, inner)
    case .patternPredicate(let part):
      for node in [part.start] + part.steps.map(\.node) {
        if let variable = node.variable, scope[variable] == nil {
          throw CypherError(.semanticError, "UndefinedVariable", "variable '\(variable)' is not defined")
        }
      }
    default:
      for child in ExpressionWalker.children(of: expression) { try references(child, scope) }
    }
  }

  private static func noAggregate(_ expression: Expression, _ clause: String) throws(CypherError) {
    if Aggregation.contains(expression) {
      throw CypherError(.syntaxError, "InvalidAggregation", "aggregate functions are not allowed in \(clause)")
    }
  }

  private static func nestedAggregates(_ expression: Expression) throws(CypherError) {
    var problem = false
    ExpressionWalker.visit(expression) { outer in
      guard Aggregation.isAggregate(outer) else { return }
      for child in ExpressionWalker.children(of: outer) where Aggregation.contains(child) { problem = true }
    }
    if problem { throw CypherError(.syntaxError, "NestedAggregation", "aggregate functions cannot be nested") }
  }
}
