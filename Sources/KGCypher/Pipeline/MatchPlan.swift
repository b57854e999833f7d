import KGGraph
import KGStore

/// How one linear pattern is matched: a start node, then one expansion per
/// relationship, each over the adjacency of the node it starts from, with the
/// WHERE conjuncts checked as soon as their variables are bound.
struct MatchPlan {
  /// What a node of the pattern must be.
  struct NodeTest {
    /// Allowed label-set codes (`nil`: any labels).
    var labelSets: [Bool]?
    /// Property equalities from the pattern's map, value by value.
    var properties: [(column: ColumnView?, value: Value)]
  }

  /// One relationship step of the walk.
  struct Expansion {
    /// Pattern positions: the node the step starts from (bound) and the one it binds.
    var from: Int
    var to: Int
    /// Which adjacency to read from `from`: outgoing, incoming, or both.
    var readsOutgoing: Bool
    var readsIncoming: Bool
    /// Type codes to read (`nil`: all types).
    var typeCodes: [Int]?
    var relationshipSlot: Int
    /// The slot for the relationship's type code.
    var typeSlot: Int
    /// Relationship slots bound by earlier steps (an edge is used once per match).
    var earlierRelationshipSlots: [Int]
    var relationshipProperties: [(column: ColumnView?, value: Value)]
    var nodeTest: NodeTest
    /// Conjuncts of WHERE whose variables are all bound after this step.
    var conjuncts: [SlotExpression]
    /// Skip a `from` node already expanded here (the rest of the match and the
    /// output do not depend on how it was reached).
    var deduplicates: Bool
  }

  var slotCount: Int
  var nodeSlots: [Int]
  var startPosition: Int
  var startCandidates: [Int]?
  var startTest: NodeTest
  var startConjuncts: [SlotExpression]
  var expansions: [Expansion]
}

extension MatchPlan {
  /// A plan for `part` with `predicate`, or `nil` when the pattern is not a simple
  /// chain (variable length, a variable used twice, a named path, a property map
  /// that is not a literal map).
  static func make(
    _ part: PatternPart, predicate: Expression?, compiler: inout SlotCompiler, store: GraphStore,
    evaluator: Evaluator, multiplicityMatters: Bool, outputVariables: Set<String>
  ) throws(CypherError) -> MatchPlan? {
    guard part.pathVariable == nil, part.steps.allSatisfy({ $0.relationship.length == nil }) else { return nil }
    let nodes = [part.start] + part.steps.map(\.node)
    let relationships = part.steps.map(\.relationship)
    var variables: [String: SlotVariable] = [:]
    var nodeSlots: [Int] = []
    var relationshipSlots: [Int] = []
    var slot = 0
    for node in nodes {
      if let name = node.variable {
        guard variables[name] == nil else { return nil }
        variables[name] = SlotVariable(name: name, slot: slot, isNode: true)
      }
      nodeSlots.append(slot)
      slot += 1
    }
    let typeSlotBase = slot + relationships.count
    for (step, relationship) in relationships.enumerated() {
      if let name = relationship.variable {
        guard variables[name] == nil else { return nil }
        variables[name] = SlotVariable(name: name, slot: slot, isNode: false, typeSlot: typeSlotBase + step)
      }
      relationshipSlots.append(slot)
      slot += 1
    }
    slot += relationships.count
    compiler = SlotCompiler(store: store, evaluator: evaluator, variables: variables)

    func constantMap(_ expression: Expression?) throws(CypherError) -> [(key: String, value: Value)]? {
      guard let expression else { return [] }
      guard case .map(let entries) = expression else { return nil }
      var result: [(key: String, value: Value)] = []
      for entry in entries {
        guard let free = SlotCompiler.freeVariables(entry.value), free.isEmpty else { return nil }
        result.append((entry.key, try evaluator.evaluate(entry.value, [:])))
      }
      return result
    }
    func nodeTest(_ pattern: NodePattern) throws(CypherError) -> NodeTest? {
      guard let map = try constantMap(pattern.properties) else { return nil }
      let labelSets = pattern.labels.isEmpty ? nil : store.labelSets.map { set in pattern.labels.allSatisfy(set.contains) }
      return NodeTest(
        labelSets: labelSets,
        properties: map.map { (store.nodeColumnIndex(named: $0.key).map { store.nodeColumns[$0] }, $0.value) })
    }

    // Start where the fewest nodes can match: an indexed string property, else labels.
    var start = 0
    var startCandidates: [Int]?
    var bestEstimate = Int.max
    for (position, pattern) in nodes.enumerated() {
      guard let map = try constantMap(pattern.properties) else { return nil }
      var estimate = store.nodeCount
      var candidates: [Int]?
      for entry in map.sorted(by: { $0.key < $1.key }) {
        if case .string(let text) = entry.value, let found = store.nodes(whereProperty: entry.key, equals: text) {
          candidates = found
          estimate = found.count
          break
        }
      }
      if candidates == nil && !pattern.labels.isEmpty {
        estimate = 0
        for (code, set) in store.labelSets.enumerated() where pattern.labels.allSatisfy(set.contains) {
          estimate += store.labelSetCounts[code]
        }
      }
      if estimate < bestEstimate {
        bestEstimate = estimate
        start = position
        startCandidates = candidates
      }
    }
    guard let startTest = try nodeTest(nodes[start]) else { return nil }

    // Expansion order: rightwards from the start, then leftwards.
    var order: [(step: Int, rightwards: Bool)] = []
    for step in start..<relationships.count { order.append((step, true)) }
    for step in stride(from: start - 1, through: 0, by: -1) { order.append((step, false)) }

    // WHERE conjuncts, each at the first point where its variables are bound.
    var conjuncts: [Expression] = []
    func split(_ expression: Expression) {
      if case .binary(.and, let left, let right) = expression {
        split(left)
        split(right)
      } else {
        conjuncts.append(expression)
      }
    }
    if let predicate { split(predicate) }
    var bound: Set<String> = Set([nodes[start].variable].compactMap { $0 })
    var placed = [Bool](repeating: false, count: conjuncts.count)
    func take() -> [SlotExpression] {
      var result: [SlotExpression] = []
      for (index, conjunct) in conjuncts.enumerated() where !placed[index] {
        guard let free = SlotCompiler.freeVariables(conjunct), free.isSubset(of: bound) else { continue }
        placed[index] = true
        result.append(compiler.compile(conjunct))
      }
      return result
    }
    let startConjuncts = take()

    var expansions: [Expansion] = []
    var usedTypes: [Int]? = []  // types of earlier steps; nil once one is untyped
    let needed = outputVariables.union(conjuncts.flatMap { SlotCompiler.freeVariables($0).map(Array.init) ?? [] })
    for (index, entry) in order.enumerated() {
      let relationship = relationships[entry.step]
      let (from, to) = entry.rightwards ? (entry.step, entry.step + 1) : (entry.step + 1, entry.step)
      guard let test = try nodeTest(nodes[to]), let relationshipMap = try constantMap(relationship.properties) else { return nil }
      var codes: [Int]?
      if !relationship.types.isEmpty {
        var found: [Int] = []
        for type in relationship.types { if let code = store.typeCode(named: type), !found.contains(code) { found.append(code) } }
        codes = found
      }
      let outgoing: Bool
      let incoming: Bool
      switch relationship.direction {
      case .both: (outgoing, incoming) = (true, true)
      case .outgoing: (outgoing, incoming) = entry.rightwards ? (true, false) : (false, true)
      case .incoming: (outgoing, incoming) = entry.rightwards ? (false, true) : (true, false)
      }
      // Deduplicating the `from` node is sound when nothing bound before it is read
      // later, no later relationship can be one already used, and the output keeps
      // one row per distinct value anyway.
      var deduplicates = false
      if index > 0, !multiplicityMatters, order.allSatisfy({ $0.rightwards }), let earlier = usedTypes {
        var earlierVariables: Set<String> = []
        for position in 0..<from { if let name = nodes[position].variable { earlierVariables.insert(name) } }
        for step in 0..<entry.step { if let name = relationships[step].variable { earlierVariables.insert(name) } }
        let later = order[index...].map { relationships[$0.step].types }
        let laterCodes = later.allSatisfy { !$0.isEmpty } ? Set(later.flatMap { $0.compactMap(store.typeCode(named:)) }) : nil
        if earlierVariables.isDisjoint(with: needed), let laterCodes, laterCodes.isDisjoint(with: earlier) {
          deduplicates = true
        }
      }
      if let codes, usedTypes != nil { usedTypes?.append(contentsOf: codes) } else { usedTypes = nil }
      if let name = nodes[to].variable { bound.insert(name) }
      if let name = relationship.variable { bound.insert(name) }
      expansions.append(
        Expansion(
          from: from, to: to, readsOutgoing: outgoing, readsIncoming: incoming, typeCodes: codes,
          relationshipSlot: relationshipSlots[entry.step], typeSlot: typeSlotBase + entry.step,
          earlierRelationshipSlots: expansions.map(\.relationshipSlot),
          relationshipProperties: relationshipMap.map { (store.edgeColumnIndex(named: $0.key).map { store.edgeColumns[$0] }, $0.value) },
          nodeTest: test, conjuncts: take(), deduplicates: deduplicates))
    }
    guard placed.allSatisfy({ $0 }) else { return nil }
    return MatchPlan(
      slotCount: slot, nodeSlots: nodeSlots, startPosition: start, startCandidates: startCandidates,
      startTest: startTest, startConjuncts: startConjuncts, expansions: expansions)
  }
}
