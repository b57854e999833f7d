import Foundation
#if canImport(Glibc)
  import Glibc
#endif
import KGGraph
import KGTestSupport
import Testing

@testable import KGStore

@Suite struct GraphStoreTests {
  /// Every node and edge reads back from the store as the graph holds it.
  private func expectSame(_ store: GraphStore, _ graph: Graph) {
    #expect(store.nodeCount == graph.nodeCount && store.edgeCount == graph.edgeCount)
    for index in 0..<graph.nodeCount {
      #expect(store.nodeID(at: index) == graph.nodeID(at: index))
      #expect(store.labels(at: index) == graph.nodeLabels(at: index))
      #expect(store.nodeProperties(at: index) == graph.nodeProperties(at: index))
    }
    for index in 0..<graph.edgeCount {
      #expect(store.edgeID(at: index) == graph.edgeID(at: index))
      #expect(store.source(of: index) == graph.edgeSourceIndex(at: index))
      #expect(store.target(of: index) == graph.edgeTargetIndex(at: index))
      #expect(store.type(of: index) == graph.edgeType(at: index))
      #expect(store.edgeProperties(at: index) == graph.edgeProperties(at: index))
    }
  }

  @Test(arguments: 0..<20)
  func aStoreReadsBackTheGraphItWasBuiltFrom(seed: Int) {
    var generator = GraphGenerator(seed: UInt64(seed))
    let graph = generator.graph(maximumNodes: 40, maximumEdges: 120, awkwardIDs: seed % 2 == 0)
    expectSame(GraphStore(graph: graph), graph)
  }

  @Test(arguments: 0..<10)
  func adjacencyHoldsEveryEdgeOnceAtEachEndGroupedByType(seed: Int) {
    var generator = GraphGenerator(seed: UInt64(seed + 100))
    let graph = generator.graph(maximumNodes: 30, maximumEdges: 150)
    let store = GraphStore(graph: graph)
    for node in 0..<graph.nodeCount {
      let expectedOut = (0..<graph.edgeCount).filter { graph.edgeSourceIndex(at: $0) == node }
      let expectedIn = (0..<graph.edgeCount).filter { graph.edgeTargetIndex(at: $0) == node }
      #expect(store.outgoing.range(of: node).map(store.outgoing.edge(at:)).sorted() == expectedOut)
      #expect(store.incoming.range(of: node).map(store.incoming.edge(at:)).sorted() == expectedIn)
      for (code, type) in store.edgeTypes.enumerated() {
        let typed = store.outgoing.range(of: node, type: code).map(store.outgoing.edge(at:))
        #expect(typed == expectedOut.filter { graph.edgeType(at: $0) == type })
      }
    }
  }

  @Test func theStringIndexFindsEveryNodeWithAValue() throws {
    var graph = Graph()
    try graph.addNode(Node(id: "a", labels: ["Person"], properties: ["name": "Ada Lovelace"]))
    try graph.addNode(Node(id: "b", labels: ["Person"], properties: ["name": "Charles Babbage"]))
    try graph.addNode(Node(id: "c", labels: ["Person"], properties: ["name": "Ada Lovelace"]))
    try graph.addNode(Node(id: "d", labels: ["Country"]))
    let store = GraphStore(graph: graph)
    #expect(store.nodes(whereProperty: "name", equals: "Ada Lovelace") == [0, 2])
    #expect(store.nodes(whereProperty: "name", equals: "Charles Babbage") == [1])
    #expect(store.nodes(whereProperty: "name", equals: "ada lovelace") == [])
    #expect(store.nodes(whereProperty: "nickname", equals: "Ada") == [])
  }

  private func sampleGraph() -> Graph {
    var generator = GraphGenerator(seed: 7)
    return generator.graph(maximumNodes: 50, maximumEdges: 200)
  }

  @Test func aSnapshotFileIsUsedOnlyWhileItMatchesTheGraphFile() throws {
    let folder = ProjectPaths.temporaryFolder("store")
    let graphPath = folder + "/g.graphml"
    try Data("<graphml/>".utf8).write(to: URL(fileURLWithPath: graphPath))
    guard case .failure(.missing) = SnapshotFile.open(for: graphPath) else {
      Issue.record("a missing snapshot was opened")
      return
    }
    let graph = sampleGraph()
    let stamp = try #require(SnapshotFile.stamp(of: graphPath))
    try SnapshotFile.write(graph, for: graphPath, stamp: stamp)
    switch SnapshotFile.open(for: graphPath) {
    case .success(let store): expectSame(store, graph)
    case .failure(let refusal): Issue.record("fresh snapshot refused: \(refusal)")
    }
    // Changing the graph file (its size and time) makes the snapshot stale.
    try Data("<graphml></graphml>".utf8).write(to: URL(fileURLWithPath: graphPath))
    guard case .failure(.stale) = SnapshotFile.open(for: graphPath) else {
      Issue.record("a stale snapshot was trusted")
      return
    }
  }

  @Test func anEditThatKeepsSizeAndTimeStillMakesTheSnapshotStale() throws {
    let folder = ProjectPaths.temporaryFolder("store-fingerprint")
    let graphPath = folder + "/g.graphml"
    try Data("<graphml>AAAA</graphml>".utf8).write(to: URL(fileURLWithPath: graphPath))
    var before = stat()
    #expect(stat(graphPath, &before) == 0)
    let stampBefore = try #require(SnapshotFile.stamp(of: graphPath))
    try SnapshotFile.write(sampleGraph(), for: graphPath, stamp: stampBefore)
    guard case .success = SnapshotFile.open(for: graphPath) else {
      Issue.record("fresh snapshot refused")
      return
    }
    // Same size, then the old modification time put back.
    try Data("<graphml>BBBB</graphml>".utf8).write(to: URL(fileURLWithPath: graphPath))
    var times = [before.st_atim, before.st_mtim]
    #expect(utimensat(AT_FDCWD, graphPath, &times, 0) == 0)
    // The edit is invisible to size and time: only the contents tell.
    #expect(SnapshotFile.stamp(of: graphPath) == stampBefore)
    guard case .failure(.stale) = SnapshotFile.open(for: graphPath) else {
      Issue.record("a snapshot of other contents was trusted")
      return
    }
  }

  @Test func aDamagedOrTruncatedSnapshotIsRefused() throws {
    let folder = ProjectPaths.temporaryFolder("store-damage")
    let graphPath = folder + "/g.graphml"
    try Data("<graphml/>".utf8).write(to: URL(fileURLWithPath: graphPath))
    let stamp = try #require(SnapshotFile.stamp(of: graphPath))
    try SnapshotFile.write(sampleGraph(), for: graphPath, stamp: stamp)
    let snapshotPath = SnapshotFile.path(for: graphPath)
    let good = try Data(contentsOf: URL(fileURLWithPath: snapshotPath))
    var positions = Array(stride(from: 0, to: good.count, by: max(1, good.count / 97)))
    // The version and the stamp: a change there makes the snapshot stale instead.
    positions.removeAll { (8..<12).contains($0) || (16..<40).contains($0) }
    for position in positions {
      var bad = good
      bad[position] ^= 0x5A
      try bad.write(to: URL(fileURLWithPath: snapshotPath))
      guard case .failure(.damaged) = SnapshotFile.open(for: graphPath) else {
        Issue.record("a snapshot with byte \(position) changed was trusted")
        return
      }
    }
    var older = good
    older[8] ^= 0x01  // another format version
    try older.write(to: URL(fileURLWithPath: snapshotPath))
    guard case .failure(.stale) = SnapshotFile.open(for: graphPath) else {
      Issue.record("a snapshot of another format version was not stale")
      return
    }
    for length in [0, 10, 63, 64, good.count / 2, good.count - 1] {
      try good.prefix(length).write(to: URL(fileURLWithPath: snapshotPath))
      if case .success = SnapshotFile.open(for: graphPath) {
        Issue.record("a snapshot cut to \(length) bytes was trusted")
      }
    }
  }
}

@Suite struct UniquePropertyTests {
  private func store(_ names: [String?]) throws -> GraphStore {
    var graph = Graph()
    for (index, name) in names.enumerated() {
      try graph.addNode(Node(id: "n\(index)", properties: name.map { ["name": .string($0)] } ?? [:]))
    }
    return GraphStore(graph: graph)
  }

  private func isUnique(_ store: GraphStore) -> Bool {
    store.nodeColumnIndex(named: "name").map(store.uniqueNodeColumns.contains) ?? false
  }

  @Test func aPropertyTellsNodesApartOnlyWithoutSharedOrMissingValues() throws {
    #expect(isUnique(try store(["Ada", "Boris", "Chen"])))
    #expect(isUnique(try store(["Ada", "Boris", nil])))
    #expect(!isUnique(try store(["Ada", "Boris", "Ada"])))
    #expect(!isUnique(try store(["Ada", nil, nil])))
  }
}
