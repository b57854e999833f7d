import KGGraph
import KGStore

/// Runs a ``MatchPlan``: a depth-first walk over the store's adjacency that hands
/// each complete binding (a frame of element indices) to `emit`, which returns
/// `false` to stop early.
struct MatchRunner {
  let plan: MatchPlan
  let store: GraphStore

  func run(_ emit: (UnsafePointer<Int>) throws(CypherError) -> Bool) throws(CypherError) {
    let frame = UnsafeMutablePointer<Int>.allocate(capacity: max(plan.slotCount, 1))
    defer { frame.deallocate() }
    frame.initialize(repeating: -1, count: max(plan.slotCount, 1))
    var visited = [Set<Int>](repeating: [], count: plan.expansions.count)
    let startSlot = plan.nodeSlots[plan.startPosition]
    var keepGoing = true

    func passes(_ node: Int, _ test: MatchPlan.NodeTest) -> Bool {
      if let allowed = test.labelSets, !allowed[store.labelSetCode(at: node)] { return false }
      for property in test.properties {
        let stored = property.column?.value(at: node).map(Value.init) ?? .null
        if Comparison.equals(stored, property.value) != true { return false }
      }
      return true
    }

    func holds(_ conjuncts: [SlotExpression]) throws(CypherError) -> Bool {
      for conjunct in conjuncts where try conjunct(UnsafePointer(frame)) != .boolean(true) { return false }
      return true
    }

    func expand(_ index: Int) throws(CypherError) {
      guard index < plan.expansions.count else {
        keepGoing = try emit(UnsafePointer(frame))
        return
      }
      let expansion = plan.expansions[index]
      let node = frame[plan.nodeSlots[expansion.from]]
      if expansion.deduplicates && !visited[index].insert(node).inserted { return }
      let toSlot = plan.nodeSlots[expansion.to]
      let relationshipSlot = expansion.relationshipSlot
      let earlierSlots = expansion.earlierRelationshipSlots
      let typeSlot = expansion.typeSlot

      func visit(_ adjacency: AdjacencyView, _ range: Range<Int>, outgoing: Bool) throws(CypherError) {
        for position in range {
          let edge = adjacency.edge(at: position)
          let other = adjacency.neighbor(at: position)
          // `--` reads a self-loop once, from the outgoing side.
          if !outgoing && expansion.readsOutgoing && other == node { continue }
          // Relationship isomorphism: an edge is used once per match.
          var reused = false
          for slot in earlierSlots where frame[slot] == edge {
            reused = true
            break
          }
          if reused { continue }
          if !expansion.relationshipProperties.isEmpty {
            var matches = true
            for property in expansion.relationshipProperties {
              let stored = property.column?.value(at: edge).map(Value.init) ?? .null
              if Comparison.equals(stored, property.value) != true {
                matches = false
                break
              }
            }
            if !matches { continue }
          }
          guard passes(other, expansion.nodeTest) else { continue }
          frame[relationshipSlot] = edge
          frame[typeSlot] = adjacency.type(at: position)
          frame[toSlot] = other
          guard try holds(expansion.conjuncts) else { continue }
          try expand(index + 1)
          if !keepGoing { return }
        }
      }

      func read(_ adjacency: AdjacencyView, outgoing: Bool) throws(CypherError) {
        if let codes = expansion.typeCodes {
          for code in codes {
            try visit(adjacency, adjacency.range(of: node, type: code), outgoing: outgoing)
            if !keepGoing { return }
          }
        } else {
          try visit(adjacency, adjacency.range(of: node), outgoing: outgoing)
        }
      }
      if expansion.readsOutgoing { try read(store.outgoing, outgoing: true) }
      if keepGoing && expansion.readsIncoming { try read(store.incoming, outgoing: false) }
      frame[relationshipSlot] = -1
    }

    func start(_ node: Int) throws(CypherError) {
      guard passes(node, plan.startTest) else { return }
      frame[startSlot] = node
      guard try holds(plan.startConjuncts) else { return }
      try expand(0)
    }

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
}
