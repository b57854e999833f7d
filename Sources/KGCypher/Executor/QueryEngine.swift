import KGGraph
import KGStore

/// The result of a statement: named columns and rows of values, and the graph after it.
public struct QueryResult: Sendable {
  public var columns: [String]
  public var rows: [[Value]]
  /// The graph after the statement (changed by CREATE); `nil` for a statement run on
  /// a ``GraphStore``.
  public var graph: Graph?
  /// Whether the statement changed the graph.
  public var changedGraph: Bool
  let working: WorkingGraph
}

/// Runs Cypher statements on a graph: parse → check → execute, clause by clause.
public enum QueryEngine {
  /// Parses and runs `text` on `graph`.
  ///
  /// - Throws: ``CypherError`` typed as the openCypher TCK expects.
  public static func run(_ text: String, on graph: Graph, parameters: [String: Value] = [:]) throws(CypherError) -> QueryResult {
    let statement = try CypherParser.parse(text)
    try check(statement, text)
    return try run(statement, WorkingGraph(graph), parameters)
  }

  /// Parses and runs a reading statement on a frozen graph (in memory or mapped from a
  /// snapshot file); a CREATE is refused with a `SemanticError`.
  ///
  /// - Throws: ``CypherError`` typed as the openCypher TCK expects.
  public static func run(_ text: String, on store: GraphStore, parameters: [String: Value] = [:]) throws(CypherError) -> QueryResult {
    let statement = try CypherParser.parse(text)
    try check(statement, text)
    return try run(statement, WorkingGraph(store: store), parameters)
  }

  /// The binder's checks, with its errors placed in the text.
  private static func check(_ statement: Statement, _ text: String) throws(CypherError) {
    do {
      try Binder.check(statement)
    } catch {
      throw ErrorPlacement.place(error, in: text)
    }
  }

  /// Whether `text` is a statement that changes the graph (CREATE), so that it needs
  /// the graph file rather than its snapshot. Throws the statement's syntax errors.
  public static func isUpdating(_ text: String) throws(CypherError) -> Bool {
    let statement = try CypherParser.parse(text)
    return statement.queries.contains { query in
      query.clauses.contains { if case .create = $0 { return true } else { return false } }
    }
  }

  /// Runs on `graph` with or without the streaming pipeline (tests compare the two).
  static func run(_ text: String, on graph: Graph, parameters: [String: Value] = [:], usingPipeline: Bool) throws(CypherError) -> QueryResult {
    let statement = try CypherParser.parse(text)
    try check(statement, text)
    return try run(statement, WorkingGraph(graph), parameters, usingPipeline: usingPipeline)
  }

  private static func run(
    _ statement: Statement, _ working: WorkingGraph, _ parameters: [String: Value], usingPipeline: Bool = true
  ) throws(CypherError) -> QueryResult {
    let evaluator = Evaluator(graph: working, parameters: parameters)
    // The common MATCH ... RETURN shape streams through the pipeline; the rest runs
    // clause by clause.
    if usingPipeline, let pipeline = try Pipeline.make(statement, working: working, evaluator: evaluator) {
      let (columns, rows) = try pipeline.run()
      return QueryResult(columns: columns, rows: rows, graph: working.graph, changedGraph: false, working: working)
    }
    // MATCH … WITH … then more: the pipeline makes the WITH's rows, the executor the rest.
    if usingPipeline, let head = try Pipeline.makeHead(statement, working: working, evaluator: evaluator) {
      let (names, values) = try head.pipeline.run()
      var rows: [Executor.Row] = []
      rows.reserveCapacity(values.count)
      for row in values {
        var bound: Executor.Row = [:]
        for (name, value) in zip(names, row) { bound[name] = value }
        if let predicate = head.predicate, try evaluator.evaluate(predicate, bound) != .boolean(true) { continue }
        rows.append(bound)
      }
      let rest = SingleQuery(clauses: Array(head.rest))
      let (columns, result) = try Executor(evaluator: evaluator).run(rest, rows: rows, scope: names)
      return QueryResult(columns: columns, rows: result, graph: working.graph, changedGraph: working.changed, working: working)
    }
    var columns: [String] = []
    var rows: [[Value]] = []
    for (index, query) in statement.queries.enumerated() {
      let (queryColumns, queryRows) = try Executor(evaluator: evaluator).run(query)
      if index == 0 {
        columns = queryColumns
        rows = queryRows
      } else {
        guard Set(queryColumns) == Set(columns) else {
          throw CypherError(.syntaxError, "DifferentColumnsInUnion", "all parts of a UNION must return the same columns")
        }
        let reordered = queryRows.map { row in columns.map { name in row[queryColumns.firstIndex(of: name) ?? 0] } }
        rows += reordered
        if !statement.unionAll[index - 1] { rows = Executor.distinct(rows) }
      }
    }
    return QueryResult(columns: columns, rows: rows, graph: working.graph, changedGraph: working.changed, working: working)
  }
}

/// Runs the clauses of one single query over a table of rows.
struct Executor {
  let evaluator: Evaluator
  typealias Row = [String: Value]

  func run(_ query: SingleQuery) throws(CypherError) -> ([String], [[Value]]) {
    try run(query, rows: [[:]], scope: [])
  }

  /// Runs `query`'s clauses on `rows` whose variables are `scope` (after a WITH that
  /// another executor ran).
  func run(_ query: SingleQuery, rows initialRows: [Row], scope initialScope: [String]) throws(CypherError) -> ([String], [[Value]]) {
    var rows = initialRows
    var scope = initialScope
    for clause in query.clauses {
      switch clause {
      case .match(let match):
        rows = try self.match(match, rows, scope: scope)
        for variable in Binder.variables(of: match.pattern) where !scope.contains(variable) { scope.append(variable) }
      case .create(let pattern):
        rows = try create(pattern, rows)
        for variable in Binder.variables(of: pattern) where !scope.contains(variable) { scope.append(variable) }
      case .unwind(let expression, let variable):
        var next: [Row] = []
        for row in rows {
          switch try evaluator.evaluate(expression, row) {
          case .null: continue
          case .list(let elements):
            for element in elements {
              var extended = row
              extended[variable] = element
              next.append(extended)
            }
          case let value:
            var extended = row
            extended[variable] = value
            next.append(extended)
          }
        }
        rows = next
        if !scope.contains(variable) { scope.append(variable) }
      case .with(let projection, let predicate):
        let (names, projected) = try project(projection, rows, scope: scope)
        rows = []
        for entry in projected {
          if let predicate {
            // WHERE after WITH sees the projected names and the variables before them.
            var context = entry.source
            for (name, value) in entry.projected { context[name] = value }
            guard try evaluator.evaluate(predicate, context) == .boolean(true) else { continue }
          }
          rows.append(entry.projected)
        }
        scope = names
      case .return(let projection):
        let (names, projected) = try project(projection, rows, scope: scope)
        return (names, projected.map { entry in names.map { entry.projected[$0] ?? .null } })
      }
    }
    return ([], [])
  }

  // MARK: MATCH

  private func match(_ match: Match, _ rows: [Row], scope: [String]) throws(CypherError) -> [Row] {
    let matcher = PatternMatcher(graph: evaluator.graph, evaluator: evaluator)
    let newVariables = Binder.variables(of: match.pattern).filter { !scope.contains($0) }
    var result: [Row] = []
    for row in rows {
      var found = try matcher.match(match.pattern, row)
      if let predicate = match.predicate {
        var kept: [Row] = []
        for candidate in found where try evaluator.evaluate(predicate, candidate) == .boolean(true) { kept.append(candidate) }
        found = kept
      }
      if found.isEmpty && match.optional {
        var empty = row
        for variable in newVariables { empty[variable] = .null }
        result.append(empty)
      } else {
        result += found
      }
    }
    return result
  }

  // MARK: CREATE

  private func create(_ pattern: Pattern, _ rows: [Row]) throws(CypherError) -> [Row] {
    var result: [Row] = []
    for row in rows {
      var bound = row
      for part in pattern.parts {
        var current = try createNode(part.start, &bound)
        var nodes = [current]
        var relationships: [Int] = []
        for (relationship, nodePattern) in part.steps {
          let next = try createNode(nodePattern, &bound)
          guard relationship.types.count == 1, let type = relationship.types.first else {
            throw CypherError(.syntaxError, "NoSingleRelationshipType", "CREATE needs exactly one relationship type")
          }
          if relationship.length != nil {
            throw CypherError(.syntaxError, "CreatingVarLength", "CREATE cannot create variable-length relationships")
          }
          if let variable = relationship.variable, bound[variable] != nil {
            throw CypherError(.syntaxError, "VariableAlreadyBound", "'\(variable)' is already bound")
          }
          let properties = try storedProperties(relationship.properties, bound)
          let (source, target): (Int, Int)
          switch relationship.direction {
          case .outgoing: (source, target) = (current, next)
          case .incoming: (source, target) = (next, current)
          case .both:
            throw CypherError(.syntaxError, "RequiresDirectedRelationship", "CREATE needs a directed relationship")
          }
          let edge = try evaluator.graph.createRelationship(type: type, from: source, to: target, properties: properties)
          if let variable = relationship.variable { bound[variable] = .relationship(edge) }
          relationships.append(edge)
          nodes.append(next)
          current = next
        }
        if let path = part.pathVariable {
          bound[path] = .path(nodes: nodes, relationships: relationships, reversed: part.steps.map { $0.relationship.direction == .incoming })
        }
      }
      result.append(bound)
    }
    return result
  }

  private func createNode(_ pattern: NodePattern, _ row: inout Row) throws(CypherError) -> Int {
    if let variable = pattern.variable, let existing = row[variable] {
      guard pattern.labels.isEmpty && pattern.properties == nil else {
        throw CypherError(.syntaxError, "VariableAlreadyBound", "'\(variable)' is already bound")
      }
      guard case .node(let index) = existing else {
        throw CypherError(.syntaxError, "VariableTypeConflict", "'\(variable)' is not a node")
      }
      return index
    }
    let properties = try storedProperties(pattern.properties, row)
    let index = try evaluator.graph.createNode(labels: pattern.labels, properties: properties)
    if let variable = pattern.variable { row[variable] = .node(index) }
    return index
  }

  private func storedProperties(_ expression: Expression?, _ row: Row) throws(CypherError) -> [String: PropertyValue] {
    guard let expression else { return [:] }
    let map = try PatternMatcher(graph: evaluator.graph, evaluator: evaluator).propertyMap(expression, row)
    var properties: [String: PropertyValue] = [:]
    for (key, value) in map where !value.isNull {
      guard let stored = value.propertyValue else {
        throw CypherError(.typeError, "InvalidPropertyType", "property '\(key)' cannot hold a \(value.typeName)")
      }
      properties[key] = stored
    }
    return properties
  }

  // MARK: WITH / RETURN

  private func project(_ projection: Projection, _ rows: [Row], scope: [String]) throws(CypherError)
    -> ([String], [(projected: Row, source: Row)])
  {
    var items = projection.items
    if projection.includesAll {
      let explicit = Set(items.map(\.name))
      let all = scope.filter { !$0.hasPrefix(" ") && !explicit.contains($0) }.sorted()
      items = all.map { ProjectionItem(expression: .variable($0), name: $0, isAliased: true) } + items
    }
    let names = items.map(\.name)
    let aggregating = items.contains { Aggregation.contains($0.expression) }
    var output: [(projected: Row, source: Row)] = []
    if aggregating {
      output = try Aggregation(evaluator: evaluator).project(items, rows)
    } else {
      for row in rows {
        var projected: Row = [:]
        for item in items { projected[item.name] = try evaluator.evaluate(item.expression, row) }
        output.append((projected, row))
      }
    }
    if projection.distinct {
      var seen: Set<[Value]> = []
      output = output.filter { entry in seen.insert(names.map { Comparison.groupingKey(entry.projected[$0] ?? .null) }).inserted }
    }
    if !projection.orderBy.isEmpty {
      var keyed: [(keys: [Value], entry: (projected: Row, source: Row))] = []
      for entry in output {
        // ORDER BY sees the projected names and, unless distinct, the variables before
        // (for an aggregation: those of the group's first row, so grouping keys work).
        var context = projection.distinct ? [:] : entry.source
        for (name, value) in entry.projected { context[name] = value }
        var keys: [Value] = []
        for item in projection.orderBy {
          keys.append(try orderValue(item.expression, context, items: items, projected: entry.projected))
        }
        keyed.append((keys, entry))
      }
      let order = projection.orderBy
      keyed = keyed.enumerated().sorted { left, right in
        for (position, item) in order.enumerated() {
          let comparison = Comparison.orderKey(left.element.keys[position], right.element.keys[position])
          if comparison != 0 { return item.ascending ? comparison < 0 : comparison > 0 }
        }
        return left.offset < right.offset
      }.map(\.element)
      output = keyed.map(\.entry)
    }
    if let skip = projection.skip {
      let count = try nonNegativeInteger(skip, "SKIP")
      output = Array(output.dropFirst(count))
    }
    if let limit = projection.limit {
      let count = try nonNegativeInteger(limit, "LIMIT")
      output = Array(output.prefix(count))
    }
    return (names, output)
  }

  /// An ORDER BY key: an aggregate written again ("ORDER BY count(*)") is the projected column.
  private func orderValue(_ expression: Expression, _ context: Row, items: [ProjectionItem], projected: Row) throws(CypherError) -> Value {
    if let item = items.first(where: { $0.expression == expression }) { return projected[item.name] ?? .null }
    return try evaluator.evaluate(expression, context)
  }

  func nonNegativeInteger(_ expression: Expression, _ clause: String) throws(CypherError) -> Int {
    let value = try evaluator.evaluate(expression, [:])
    switch value {
    case .integer(let number) where number >= 0: return number
    case .integer:
      throw CypherError(.syntaxError, "NegativeIntegerArgument", "\(clause) must not be negative")
    default:
      throw CypherError(.syntaxError, "InvalidArgumentType", "\(clause) needs an integer, not \(value.typeName)")
    }
  }

  static func distinct(_ rows: [[Value]]) -> [[Value]] {
    var seen: Set<[Value]> = []
    return rows.filter { seen.insert($0.map(Comparison.groupingKey)).inserted }
  }
}
