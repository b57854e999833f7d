import KGGraph
import KGStore

/// Finds the ways a pattern matches the graph, extending a row of bindings.
///
/// Relationships are matched at most once per pattern (openCypher's relationship
/// isomorphism); bound variables must keep their values; variable-length relationships
/// bind a list of relationships.
struct PatternMatcher {
  let graph: WorkingGraph
  let evaluator: Evaluator
  typealias Row = [String: Value]

  /// Every extension of `row` that matches all parts of `pattern`.
  func match(_ pattern: Pattern, _ row: Row) throws(CypherError) -> [Row] {
    var results: [Row] = []
    try matchParts(pattern.parts[...], row, used: [], into: &results, limit: Int.max)
    return results
  }

  /// Whether the pattern part matches with the row's bindings (pattern predicates).
  func exists(_ part: PatternPart, _ row: Row) throws(CypherError) -> Bool {
    var results: [Row] = []
    try matchParts([part][...], row, used: [], into: &results, limit: 1)
    return !results.isEmpty
  }

  private func matchParts(
    _ parts: ArraySlice<PatternPart>, _ row: Row, used: Set<Int>, into results: inout [Row], limit: Int
  ) throws(CypherError) {
    guard let part = parts.first else {
      results.append(row)
      return
    }
    let rest = parts.dropFirst()
    for start in try candidates(for: part.start, row) {
      var bound = row
      if let variable = part.start.variable { bound[variable] = .node(start) }
      try walk(
        part, step: 0, at: start, bound, used: used, nodes: [start], relationships: [], reversed: [],
        rest: rest, into: &results, limit: limit)
      if results.count >= limit { return }
    }
  }

  private func walk(
    _ part: PatternPart, step: Int, at node: Int, _ row: Row, used: Set<Int>, nodes: [Int], relationships: [Int],
    reversed: [Bool], rest: ArraySlice<PatternPart>, into results: inout [Row], limit: Int
  ) throws(CypherError) {
    if step == part.steps.count {
      var finished = row
      if let path = part.pathVariable { finished[path] = .path(nodes: nodes, relationships: relationships, reversed: reversed) }
      try matchParts(rest, finished, used: used, into: &results, limit: limit)
      return
    }
    let (relationship, nextPattern) = part.steps[step]
    let properties = try relationship.properties.map { expression throws(CypherError) in try propertyMap(expression, row) }
    if let length = relationship.length {
      let minimum = length.minimum ?? 1
      let maximum = length.maximum ?? Int.max
      // Depth-first over paths of distinct relationships.
      var stack: [(node: Int, edges: [Int], nodes: [Int], reversed: [Bool])] = [(node, [], [], [])]
      var found: [(node: Int, edges: [Int], nodes: [Int], reversed: [Bool])] = []
      while let current = stack.popLast() {
        if current.edges.count >= minimum { found.append(current) }
        guard current.edges.count < maximum else { continue }
        for (edge, next, isReversed) in hops(from: current.node, relationship) where !current.edges.contains(edge) && !used.contains(edge) {
          guard try edgeMatches(edge, relationship, properties) else { continue }
          stack.append((next, current.edges + [edge], current.nodes + [next], current.reversed + [isReversed]))
        }
      }
      found.sort { $0.edges.lexicographicallyPrecedes($1.edges) }
      for candidate in found {
        guard try nodeMatches(candidate.node, nextPattern, row) else { continue }
        var bound = row
        if let variable = relationship.variable {
          let value = Value.list(candidate.edges.map(Value.relationship))
          if let existing = row[variable], Comparison.equals(existing, value) != true { continue }
          bound[variable] = value
        }
        if let variable = nextPattern.variable { bound[variable] = .node(candidate.node) }
        try walk(
          part, step: step + 1, at: candidate.node, bound, used: used.union(candidate.edges), nodes: nodes + candidate.nodes,
          relationships: relationships + candidate.edges, reversed: reversed + candidate.reversed, rest: rest,
          into: &results, limit: limit)
        if results.count >= limit { return }
      }
      return
    }
    for (edge, next, isReversed) in hops(from: node, relationship) where !used.contains(edge) {
      guard try edgeMatches(edge, relationship, properties), try nodeMatches(next, nextPattern, row) else { continue }
      var bound = row
      if let variable = relationship.variable {
        if let existing = row[variable] {
          guard case .relationship(let index) = existing, index == edge else { continue }
        }
        bound[variable] = .relationship(edge)
      }
      if let variable = nextPattern.variable { bound[variable] = .node(next) }
      try walk(
        part, step: step + 1, at: next, bound, used: used.union([edge]), nodes: nodes + [next],
        relationships: relationships + [edge], reversed: reversed + [isReversed], rest: rest, into: &results, limit: limit)
      if results.count >= limit { return }
    }
  }

  /// Relationships leaving `node` in the pattern's direction, with the node at the other end.
  private func hops(from node: Int, _ pattern: RelationshipPattern) -> [(Int, Int, Bool)] {
    var result: [(Int, Int, Bool)] = []
    let store = graph.store
    var codes: [Int] = []
    if !pattern.types.isEmpty {
      for type in pattern.types { if let code = store.typeCode(named: type), !codes.contains(code) { codes.append(code) } }
      if codes.isEmpty { return [] }
    }
    func ranges(_ adjacency: AdjacencyView) -> [Range<Int>] {
      codes.isEmpty ? [adjacency.range(of: node)] : codes.map { adjacency.range(of: node, type: $0) }
    }
    if pattern.direction != .incoming {
      for range in ranges(store.outgoing) {
        for position in range {
          result.append((store.outgoing.edge(at: position), store.outgoing.neighbor(at: position), false))
        }
      }
    }
    if pattern.direction != .outgoing {
      for range in ranges(store.incoming) {
        for position in range {
          let edge = store.incoming.edge(at: position)
          let source = store.incoming.neighbor(at: position)
          if pattern.direction == .both && source == node { continue }
          result.append((edge, source, true))
        }
      }
    }
    return result
  }

  /// Whether the relationship has the pattern's properties (``hops(from:_:)`` already
  /// kept only the pattern's types).
  private func edgeMatches(_ edge: Int, _ pattern: RelationshipPattern, _ properties: [String: Value]?) throws(CypherError) -> Bool {
    if let properties {
      let store = graph.store
      for (key, value) in properties {
        let stored = store.edgeProperty(key, at: edge).map(Value.init) ?? .null
        if Comparison.equals(stored, value) != true { return false }
      }
    }
    return true
  }

  private func candidates(for pattern: NodePattern, _ row: Row) throws(CypherError) -> [Int] {
    if let variable = pattern.variable, let bound = row[variable] {
      guard case .node(let index) = bound else {
        if bound.isNull { return [] }
        throw CypherError(.typeError, "VariableTypeConflict", "'\(variable)' is not a node")
      }
      return try nodeMatches(index, pattern, row) ? [index] : []
    }
    let properties = try pattern.properties.map { expression throws(CypherError) in try propertyMap(expression, row) }
    let store = graph.store
    // A string property with an index narrows the candidates to its entries.
    if let properties {
      for (key, value) in properties.sorted(by: { $0.key < $1.key }) {
        guard case .string(let text) = value, let found = store.nodes(whereProperty: key, equals: text) else { continue }
        var result: [Int] = []
        for index in found where try nodeMatches(index, pattern, row, properties: properties, checkBinding: false) {
          result.append(index)
        }
        return result
      }
    }
    let allowedLabelSets = store.labelSets.map { set in pattern.labels.allSatisfy(set.contains) }
    var result: [Int] = []
    for index in 0..<store.nodeCount where allowedLabelSets[store.labelSetCode(at: index)] {
      if properties != nil {
        guard try nodeMatches(index, pattern, row, properties: properties, checkBinding: false) else { continue }
      }
      result.append(index)
    }
    return result
  }

  private func nodeMatches(_ index: Int, _ pattern: NodePattern, _ row: Row) throws(CypherError) -> Bool {
    let properties = try pattern.properties.map { expression throws(CypherError) in try propertyMap(expression, row) }
    return try nodeMatches(index, pattern, row, properties: properties, checkBinding: true)
  }

  private func nodeMatches(
    _ index: Int, _ pattern: NodePattern, _ row: Row, properties: [String: Value]?, checkBinding: Bool
  ) throws(CypherError) -> Bool {
    if checkBinding, let variable = pattern.variable, let bound = row[variable] {
      guard case .node(let existing) = bound, existing == index else { return false }
    }
    if !pattern.labels.isEmpty {
      let labels = graph.labels(of: index)
      if !pattern.labels.allSatisfy(labels.contains) { return false }
    }
    if let properties {
      for (key, value) in properties {
        let stored = graph.nodeProperty(key, at: index).map(Value.init) ?? .null
        if Comparison.equals(stored, value) != true { return false }
      }
    }
    return true
  }

  func propertyMap(_ expression: Expression, _ row: Row) throws(CypherError) -> [String: Value] {
    switch try evaluator.evaluate(expression, row) {
    case .map(let entries): return entries
    case .null: return [:]
    case let other: throw CypherError(.typeError, "InvalidArgumentType", "properties must be a map, not \(other.typeName)")
    }
  }
}
