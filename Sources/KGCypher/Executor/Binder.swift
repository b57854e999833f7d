/// Static checks before execution, so errors do not depend on the data: undefined
/// variables, aggregates where they are not allowed, variables used as two kinds.
enum Binder {
  /// What a variable holds, as far as the query text says: `value` when unknown,
  /// `scalar` for a literal (never a graph element).
  enum Kind { case node, relationship, relationshipList, path, scalar, list, value }

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
        let before = scope
        scope = try project(projection, scope)
        if let predicate {
          try noAggregate(predicate, "WHERE")
          // WITH ... WHERE sees the projected names and the variables before them.
          var visible = before
          for (name, kind) in scope { visible[name] = kind }
          try references(predicate, visible)
        }
      case .return(let projection):
        if projection.includesAll && scope.isEmpty {
          throw CypherError(.syntaxError, "NoVariablesInScope", "RETURN * needs variables in scope")
        }
        _ = try project(projection, scope)
      }
    }
  }

  private static func project(_ projection: Projection, _ scope: [String: Kind]) throws(CypherError) -> [String: Kind] {
    var next: [String: Kind] = projection.includesAll ? scope : [:]
    var seen: Set<String> = []
    let groupingVariables: Set<String> = Set(
      projection.items.compactMap { item in
        if case .variable(let name) = item.expression, !Aggregation.contains(item.expression) { return name }
        return nil
      })
    let aggregating = projection.items.contains { Aggregation.contains($0.expression) }
    for item in projection.items {
      try references(item.expression, scope)
      try nestedAggregates(item.expression)
      try literalTypes(item.expression)
      if aggregating && Aggregation.contains(item.expression) {
        try groupedOnly(
          item.expression, groupingVariables, projectedAll: projection.includesAll ? Set(scope.keys) : [],
          keys: projection.items.filter { !Aggregation.contains($0.expression) }.map(\.expression))
      }
      guard seen.insert(item.name).inserted else {
        throw CypherError(.syntaxError, "ColumnNameConflict", "column '\(item.name)' appears twice")
      }
      switch item.expression {
      case .variable(let name): next[item.name] = scope[name] ?? .value
      case .boolean, .integer, .float, .string: next[item.name] = .scalar
      case .list, .map:
        // A literal list or map is a scalar; `[r1, r2]` is a list that may hold
        // relationships (and so may stand for a variable-length relationship).
        if SlotCompiler.freeVariables(item.expression)?.isEmpty == true {
          next[item.name] = .scalar
        } else if case .list = item.expression {
          next[item.name] = .list
        } else {
          next[item.name] = .value
        }
      default: next[item.name] = .value
      }
    }
    var orderScope = next
    if !projection.distinct { for (name, kind) in scope where orderScope[name] == nil { orderScope[name] = kind } }
    for item in projection.orderBy {
      if Aggregation.contains(item.expression) && !projection.items.contains(where: { $0.expression == item.expression }) {
        if !aggregating {
          throw CypherError(.syntaxError, "InvalidAggregation", "ORDER BY cannot aggregate here")
        }
        try groupedOnly(
          item.expression, groupingVariables.union(Set(next.keys)), projectedAll: [],
          keys: projection.items.filter { !Aggregation.contains($0.expression) }.map(\.expression))
      } else if !projection.items.contains(where: { $0.expression == item.expression }) {
        // An expression that is also projected is the projected column (even after
        // DISTINCT hides the variables it reads).
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
      if let existing = scope[name], existing != kind, existing != .value, kind != .value,
        !(existing == .list && kind == .relationshipList)
      {
        throw CypherError(.syntaxError, "VariableTypeConflict", "'\(name)' is already bound as another kind")
      }
      if scope[name] == nil || scope[name] == .value { scope[name] = kind }
    }
    let before = scope
    var relationshipsHere: Set<String> = []
    for part in pattern.parts {
      let nodes = [part.start] + part.steps.map(\.node)
      if creating && part.steps.isEmpty, let variable = part.start.variable, before[variable] != nil {
        throw CypherError(.syntaxError, "VariableAlreadyBound", "'\(variable)' is already bound")
      }
      for (position, node) in nodes.enumerated() {
        if let properties = node.properties {
          try references(properties, scope)
          try literalTypes(properties)
        }
        if let variable = node.variable {
          if creating, before[variable] != nil, !node.labels.isEmpty || node.properties != nil {
            throw CypherError(.syntaxError, "VariableAlreadyBound", "'\(variable)' is already bound")
          }
          try declare(variable, .node)
        }
        guard position < part.steps.count else { continue }
        let relationship = part.steps[position].relationship
        if let properties = relationship.properties { try references(properties, scope) }
        if let variable = relationship.variable {
          if creating && scope[variable] != nil {
            throw CypherError(.syntaxError, "VariableAlreadyBound", "'\(variable)' is already bound")
          }
          if !relationshipsHere.insert(variable).inserted {
            throw CypherError(.syntaxError, "RelationshipUniquenessViolation", "'\(variable)' is used twice in one pattern")
          }
          try declare(variable, relationship.length == nil ? .relationship : .relationshipList)
        }
      }
      if let path = part.pathVariable {
        if scope[path] != nil { throw CypherError(.syntaxError, "VariableAlreadyBound", "'\(path)' is already bound") }
        try declare(path, .path)
      }
    }
  }

  /// Functions and the variable kinds they refuse before running: `type()` of a node,
  /// `labels()` and `size()` of a path (openCypher: `length()` is the size of a path).
  private static let refusedArgumentKinds: [String: Set<Kind>] = [
    "type": [.node, .path],
    "labels": [.path],
    "size": [.path],
  ]

  /// Throws for a variable that is not in scope (list comprehensions bind their own),
  /// and for property access on a path.
  private static func references(_ expression: Expression, _ scope: [String: Kind]) throws(CypherError) {
    switch expression {
    case .variable(let name):
      if scope[name] == nil && !name.hasPrefix(" ") {
        throw CypherError(.syntaxError, "UndefinedVariable", "variable '\(name)' is not defined")
      }
    case .property(.variable(let name), _) where scope[name] == .path:
      throw CypherError(.syntaxError, "InvalidArgumentType", "'\(name)' is a path, which has no properties")
    case .function(let name, _, let arguments) where arguments.count == 1:
      // Arguments whose kind the query text already shows to be wrong.
      if case .variable(let variable) = arguments[0], let kind = scope[variable],
        let refused = refusedArgumentKinds[name.lowercased()], refused.contains(kind)
      {
        throw CypherError(.syntaxError, "InvalidArgumentType", "\(name)() cannot take '\(variable)', a \(kind)")
      }
      for child in arguments { try references(child, scope) }
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
          throw CypherError(.syntaxError, "UndefinedVariable", "variable '\(variable)' is not defined")
        }
      }
    default:
      for child in ExpressionWalker.children(of: expression) { try references(child, scope) }
    }
  }

  /// Literal operands of the wrong type are compile-time errors: `NOT 'a'`, `1 AND true`, `1 IN 2`.
  private static func literalTypes(_ expression: Expression) throws(CypherError) {
    func isNonBooleanLiteral(_ operand: Expression) -> Bool {
      switch operand {
      case .integer, .float, .string, .list, .map: return true
      default: return false
      }
    }
    var problem: String?
    ExpressionWalker.visit(expression) { node in
      switch node {
      case .unary(.not, let operand) where isNonBooleanLiteral(operand): problem = "NOT needs a boolean"
      case .binary(let op, let left, let right) where op == .and || op == .or || op == .xor:
        if isNonBooleanLiteral(left) || isNonBooleanLiteral(right) { problem = "\(op.rawValue) needs booleans" }
      case .binary(.in, _, let right):
        switch right {
        case .integer, .float, .string, .boolean, .map: problem = "IN needs a list"
        default: break
        }
      default: break
      }
    }
    if let problem { throw CypherError(.syntaxError, "InvalidArgumentType", problem) }
  }

  /// In an aggregating projection, variables outside aggregates must be grouping keys
  /// themselves: `me.age + count(*)` is ambiguous unless `me` is projected as is.
  private static func groupedOnly(
    _ expression: Expression, _ grouping: Set<String>, projectedAll: Set<String>, keys: [Expression]
  ) throws(CypherError) {
    if Aggregation.isAggregate(expression) { return }
    // A property of a grouping key, or a grouping key that is a property ("me.age").
    if case .property(.variable(let name), _) = expression, grouping.contains(name) || keys.contains(expression) { return }
    if case .variable(let name) = expression {
      if !grouping.contains(name) && !projectedAll.contains(name) {
        throw CypherError(
          .syntaxError, "AmbiguousAggregationExpression", "'\(name)' is neither aggregated nor a grouping key")
      }
      return
    }
    if case .listComprehension = expression { return }
    if case .quantifier = expression { return }
    for child in ExpressionWalker.children(of: expression) {
      try groupedOnly(child, grouping, projectedAll: projectedAll, keys: keys)
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
