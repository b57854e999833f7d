import KGGraph
import KGStore

/// Where a walk hands its complete bindings.
protocol FrameSink: AnyObject {
  /// Takes one binding (a frame of element indices and type codes); returns `false`
  /// to stop the walk.
  func accept(_ frame: UnsafePointer<Int>) throws(CypherError) -> Bool
}

/// Runs a ``MatchPlan``: a depth-first walk over the store's adjacency that hands
/// each complete binding to a ``FrameSink``.
///
/// A class with unchecked exclusivity so that the walk's state is plain memory, and
/// generic over the sink so that handing a frame over is a direct call.
final class MatchRunner<Sink: FrameSink> {
  private let plan: MatchPlan
  private let store: GraphStore
  private let sink: Sink
  private let frame: UnsafeMutablePointer<Int>
  @exclusivity(unchecked) private var keepGoing = true
  @exclusivity(unchecked) private var visited: [Set<Int>]

  init(plan: MatchPlan, store: GraphStore, sink: Sink) {
    self.plan = plan
    self.store = store
    self.sink = sink
    let count = max(plan.slotCount, 1)
    frame = UnsafeMutablePointer<Int>.allocate(capacity: count)
    frame.initialize(repeating: -1, count: count)
    visited = [Set<Int>](repeating: [], count: plan.expansions.count)
  }

  deinit { frame.deallocate() }

  func run() throws(CypherError) {
    keepGoing = true
    if let candidates = plan.startCandidates {
      for node in candidates {
        try start(node)
        if !keepGoing { return }
      }
    } else {
      for node in 0..<store.nodeCount {
        try start(node)
        if !keepGoing { return }
      }
    }
  }

  private func start(_ node: Int) throws(CypherError) {
    if plan.startTest.labelSets != nil || !plan.startTest.properties.isEmpty {
      guard passes(node, plan.startTest) else { return }
    }
    frame[plan.nodeSlots[plan.startPosition]] = node
    if !plan.startConjuncts.isEmpty {
      guard try holds(plan.startConjuncts) else { return }
    }
    try expand(0)
  }

  private func passes(_ node: Int, _ test: MatchPlan.NodeTest) -> Bool {
    if let allowed = test.labelSets, !allowed[store.labelSetCode(at: node)] { return false }
    for property in test.properties {
      let stored = property.column?.value(at: node).map(Value.init) ?? .null
      if Comparison.equals(stored, property.value) != true { return false }
    }
    return true
  }

  private func holds(_ conjuncts: [SlotExpression]) throws(CypherError) -> Bool {
    for conjunct in conjuncts {
      guard case .boolean(true) = try conjunct(UnsafePointer(frame)) else { return false }
    }
    return true
  }

  private func expand(_ index: Int) throws(CypherError) {
    guard index < plan.expansions.count else {
      keepGoing = try sink.accept(UnsafePointer(frame))
      return
    }
    let expansion = plan.expansions[index]
    let node = frame[plan.nodeSlots[expansion.from]]
    if expansion.deduplicates && !visited[index].insert(node).inserted { return }
    if expansion.readsOutgoing { try read(store.outgoing, outgoing: true, expansion, index, node) }
    if keepGoing && expansion.readsIncoming { try read(store.incoming, outgoing: false, expansion, index, node) }
  }

  private func read(
    _ adjacency: AdjacencyView, outgoing: Bool, _ expansion: MatchPlan.Expansion, _ index: Int, _ node: Int
  ) throws(CypherError) {
    if let codes = expansion.typeCodes {
      for code in codes {
        try visit(adjacency, adjacency.range(of: node, type: code), outgoing: outgoing, expansion, index, node)
        if !keepGoing { return }
      }
    } else {
      try visit(adjacency, adjacency.range(of: node), outgoing: outgoing, expansion, index, node)
    }
  }

  private func visit(
    _ adjacency: AdjacencyView, _ range: Range<Int>, outgoing: Bool, _ expansion: MatchPlan.Expansion, _ index: Int,
    _ node: Int
  ) throws(CypherError) {
    let toSlot = plan.nodeSlots[expansion.to]
    let relationshipSlot = expansion.relationshipSlot
    let typeSlot = expansion.typeSlot
    let earlierSlots = expansion.earlierRelationshipSlots
    let nodeTest = expansion.nodeTest
    let testsNode = nodeTest.labelSets != nil || !nodeTest.properties.isEmpty
    let conjuncts = expansion.conjuncts
    let relationshipProperties = expansion.relationshipProperties
    // `--` reads a self-loop once, from the outgoing side.
    let skipsSelfLoops = !outgoing && expansion.readsOutgoing
    for position in range {
      let edge = adjacency.edge(at: position)
      let other = adjacency.neighbor(at: position)
      if skipsSelfLoops && other == node { continue }
      // Relationship isomorphism: an edge is used once per match.
      var reused = false
      for slot in earlierSlots where frame[slot] == edge {
        reused = true
        break
      }
      if reused { continue }
      if !relationshipProperties.isEmpty {
        var matches = true
        for property in relationshipProperties {
          let stored = property.column?.value(at: edge).map(Value.init) ?? .null
          if Comparison.equals(stored, property.value) != true {
            matches = false
            break
          }
        }
        if !matches { continue }
      }
      if testsNode && !passes(other, nodeTest) { continue }
      frame[relationshipSlot] = edge
      frame[typeSlot] = adjacency.type(at: position)
      frame[toSlot] = other
      if !conjuncts.isEmpty, try !holds(conjuncts) { continue }
      try expand(index + 1)
      if !keepGoing { return }
    }
  }
}
