import KGCore
import KGGraph
import KGTestSupport
import Testing

@Suite struct GraphTests {
  private func sample() throws -> Graph {
    var graph = Graph()
    try graph.addNode(Node(id: "a", labels: ["Person"], properties: ["name": "Ada"]))
    try graph.addNode(Node(id: "b", labels: ["Country"], properties: ["name": "France", "code": "FRA"]))
    try graph.addEdge(Edge(id: "e1", source: "a", target: "b", type: "visited", properties: ["weight": 2]))
    try graph.addEdge(Edge(id: "e2", source: "a", target: "a", type: "said"))
    return graph
  }

  @Test func nodesAndEdgesComeBackAsTheyWereAdded() throws {
    let graph = try sample()
    #expect(graph.nodes.map(\.id) == ["a", "b"])
    #expect(graph.node(id: "b") == Node(id: "b", labels: ["Country"], properties: ["name": "France", "code": "FRA"]))
    #expect(graph.edge(id: "e1") == Edge(id: "e1", source: "a", target: "b", type: "visited", properties: ["weight": 2]))
    #expect(graph.edge(at: 1).properties.isEmpty)
    #expect(graph.nodePropertyNames == ["code", "name"])
    #expect(graph.edgePropertyNames == ["weight"])
  }

  @Test func duplicateIdsAndUnknownEndsAreRefused() throws {
    var graph = try sample()
    #expect(throws: GraphError.duplicateNodeID("a")) { try graph.addNode(Node(id: "a")) }
    #expect(throws: GraphError.duplicateEdgeID("e1")) {
      try graph.addEdge(Edge(id: "e1", source: "a", target: "b", type: "met"))
    }
    #expect(throws: GraphError.unknownEndpoint(edge: "e3", node: "zz")) {
      try graph.addEdge(Edge(id: "e3", source: "a", target: "zz", type: "met"))
    }
    #expect(graph.nodeCount == 2 && graph.edgeCount == 2)
  }

  @Test func mixedAndNestedListsAreRefused() {
    var graph = Graph()
    #expect(throws: GraphError.self) { try graph.addNode(Node(id: "x", properties: ["l": [1, "one"]])) }
    #expect(throws: GraphError.self) { try graph.addNode(Node(id: "y", properties: ["l": [[1], [2]]])) }
    #expect(graph.nodeCount == 0)
  }

  @Test func settingAndRemovingPropertiesOnlyTouchesThatElement() throws {
    var graph = try sample()
    try graph.setNodeProperty("score", to: 0.5, at: 1)
    try graph.setNodeProperty("name", to: nil, at: 0)
    #expect(graph.node(at: 0).properties.isEmpty)
    #expect(graph.node(at: 1).properties == ["name": "France", "code": "FRA", "score": 0.5])
    try graph.setEdgeProperty("weight", to: nil, at: 0)
    #expect(graph.edgePropertyNames.isEmpty)
  }

  @Test func removingAnEdgeMovesTheLastIntoItsPlace() throws {
    var graph = try sample()
    try graph.addEdge(Edge(id: "e3", source: "b", target: "a", type: "met", properties: ["weight": 9]))
    graph.removeEdge(at: 0)
    #expect(graph.edges.map(\.id) == ["e3", "e2"])
    #expect(graph.edge(id: "e3")?.properties == ["weight": 9])
    #expect(graph.edge(id: "e1") == nil)
    #expect(graph.edge(at: 1).properties.isEmpty)
  }

  @Test func equalityComparesOrderAndValues() throws {
    let one = try sample()
    var two = try sample()
    #expect(one == two)
    try two.setNodeProperty("name", to: "Ada L.", at: 0)
    #expect(one != two)
    var nan = Graph()
    try nan.addNode(Node(id: "n", properties: ["x": .float(.nan)]))
    #expect(nan == nan)
  }

  @Test func topNodesAreRankedByDegreeThenId() throws {
    var graph = Graph()
    for id in ["d", "b", "c", "a", "e"] { try graph.addNode(Node(id: id)) }
    for (source, target) in [("a", "b"), ("c", "d"), ("e", "e"), ("b", "c")] {
      try graph.addEdge(Edge(id: "\(source)\(target)", source: source, target: target, type: "t"))
    }
    // degrees: b 2, c 2, e 2 (self-loop), a 1, d 1
    #expect(GraphStatistics(graph: graph, top: 4).topNodes.map(\.id) == ["b", "c", "e", "a"])
    #expect(GraphStatistics(graph: graph, top: 9).topNodes.map(\.id) == ["b", "c", "e", "a", "d"])
    #expect(GraphStatistics(graph: graph, top: 0).topNodes.isEmpty)
  }

  @Test func statisticsCountLabelsTypesAndDegrees() throws {
    let statistics = GraphStatistics(graph: try sample(), top: 1)
    #expect(statistics.nodeCount == 2 && statistics.edgeCount == 2)
    #expect(statistics.nodesByLabel.map(\.label) == ["Country", "Person"])
    #expect(statistics.edgesByType.map(\.type) == ["said", "visited"])
    #expect(statistics.topNodes.map(\.id) == ["a"])
    #expect(statistics.topNodes.first?.degree == 3)
  }
}

@Suite struct NodeLinkJSONTests {
  @Test(arguments: 0..<40)
  func jsonRoundTripGivesTheSameGraph(seed: UInt64) throws {
    var generator = GraphGenerator(seed: seed)
    let graph = generator.graph(awkwardIDs: true)
    let text = graph.nodeLinkJSON().serialized(pretty: seed.isMultiple(of: 2))
    let read = try Graph(nodeLinkJSON: try JSONValue.parse(text))
    // JSON cannot hold infinities or NaN: they are written as null and come back absent.
    #expect(read.nodeCount == graph.nodeCount && read.edgeCount == graph.edgeCount)
    for index in 0..<graph.nodeCount {
      #expect(read.node(at: index) == finite(graph.node(at: index)))
    }
    for index in 0..<graph.edgeCount {
      #expect(read.edge(at: index).properties == finite(graph.edge(at: index).properties))
    }
  }

  private func finite(_ node: Node) -> Node {
    Node(id: node.id, labels: node.labels, properties: finite(node.properties))
  }

  private func finite(_ properties: [String: PropertyValue]) -> [String: PropertyValue] {
    properties.compactMapValues { value in
      switch value {
      case .float(let number): number.isFinite ? value : nil
      case .list(let elements):
        .list(elements.filter { if case .float(let number) = $0 { number.isFinite } else { true } })
      default: value
      }
    }
  }

  @Test func readsNetworkxStyleNodeLinkData() throws {
    let text = """
      {"directed": true, "multigraph": true, "graph": {},
       "nodes": [{"id": "a", "name": "Ada"}, {"id": 2}],
       "links": [{"source": "a", "target": 2, "key": 0, "weight": 1.5}]}
      """
    let graph = try Graph(nodeLinkJSON: try JSONValue.parse(text))
    #expect(graph.node(id: "a")?.properties == ["name": "Ada"])
    #expect(graph.edge(at: 0) == Edge(id: "e0", source: "a", target: "2", type: "RELATED", properties: ["weight": 1.5]))
  }

  @Test func badNodeLinkDataNamesTheElement() {
    let text = #"{"nodes": [{"id": "a"}], "edges": [{"source": "a", "target": "b"}]}"#
    #expect {
      try Graph(nodeLinkJSON: try JSONValue.parse(text), file: "g.json")
    } throws: { error in
      (error as? InputError)?.description == "g.json: edges[0]: edge 'e0' refers to node 'b', which does not exist"
    }
  }
}

@Suite struct EntityIDTests {
  @Test(arguments: [
    (EntityType.person, "Donald Trump", "person:donald-trump"),
    (.person, "Zoë Müller-Łukasz", "person:zoe-muller-lukasz"),
    (.person, "Kim Jong-un", "person:kim-jong-un"),
    (.person, "Conan O'Brien", "person:conan-obrien"),
    (.country, "U.S.", "country:us"),
    (.country, "Côte d'Ivoire", "country:cote-divoire"),
    (.organization, "  AT&T  Inc. ", "organization:at-t-inc"),
    (.person, "Straße", "person:strasse"),
  ])
  func idsFoldNamesToASCII(type: EntityType, name: String, expected: String) {
    #expect(EntityID.make(type: type, name: name) == expected)
  }

  @Test func namesWithoutASCIIFormGetAStableHash() {
    let id = EntityID.make(type: .person, name: "Путин")
    #expect(id == "person:u-w973kzmm")
    #expect(id == EntityID.make(type: .person, name: "Путин"))
    #expect(id != EntityID.make(type: .person, name: "習近平"))
  }

  @Test func idsAreNMTokens() {
    for name in GraphGenerator.awkwardStrings {
      let id = EntityID.make(type: .organization, name: name)
      #expect(id.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || ":-_.".unicodeScalars.contains($0)) }, "\(id)")
      #expect(id.utf8.count <= 80)
    }
  }
}

@Suite struct GraphStorageTests {
  /// Ids short enough to sit in the index slot, long ones in the arena, and non-ASCII ones.
  private func id(_ number: Int) -> String {
    switch number % 3 {
    case 0: "e\(number)"
    case 1: "edge-with-a-long-identifier-\(number)"
    default: "kante-ü-\(number)"
    }
  }

  @Test func edgeIdsStayFindableThroughRemovalsAndRenames() throws {
    var graph = Graph()
    try graph.addNode(Node(id: "a"))
    var expected: [String] = []
    var random = SeededRandom(seed: 5)
    for number in 0..<3000 {
      try graph.addEdge(Edge(id: id(number), source: "a", target: "a", type: number.isMultiple(of: 2) ? "met" : "said"))
      expected.append(id(number))
    }
    for round in 0..<2000 {
      let index = Int.random(in: 0..<expected.count, using: &random)
      if round.isMultiple(of: 3) {
        let renamed = "renamed-\(round)"
        graph.setEdgeID(renamed, at: index)
        expected[index] = renamed
      } else {
        graph.removeEdge(at: index)
        expected[index] = expected[expected.count - 1]
        expected.removeLast()
      }
    }
    #expect(graph.edgeCount == expected.count)
    for (index, id) in expected.enumerated() {
      #expect(graph.edgeIndex(of: id) == index, "\(id)")
      #expect(graph.edgeID(at: index) == id)
    }
    #expect(graph.edgeIndex(of: "e0") == (expected.contains("e0") ? expected.firstIndex(of: "e0") : nil))
    #expect(graph.edgeIndex(of: "missing") == nil)
  }

  @Test func columnsKeepTheirValuesWhenKindsMixAndElementsGo() throws {
    var graph = Graph()
    try graph.addNode(Node(id: "a"))
    for number in 0..<10 {
      try graph.addEdge(
        Edge(
          id: "e\(number)", source: "a", target: "a", type: "met",
          properties: number.isMultiple(of: 2) ? ["note": .string("text \(number)"), "tags": ["x", "", "y|z"], "n": 5] : [:]))
    }
    try graph.setEdgeProperty("note", to: "changed", at: 2)
    try graph.setEdgeProperty("n", to: 2.5, at: 4)  // a float turns the integer column general
    try graph.setEdgeProperty("tags", to: [], at: 6)
    graph.removeEdge(at: 0)  // e9 (no properties) moves to 0
    #expect(graph.edge(at: 0).id == "e9" && graph.edge(at: 0).properties.isEmpty)
    #expect(graph.edge(id: "e2")?.properties == ["note": "changed", "tags": ["x", "", "y|z"], "n": 5])
    #expect(graph.edge(id: "e4")?.properties == ["note": "text 4", "tags": ["x", "", "y|z"], "n": 2.5])
    #expect(graph.edge(id: "e6")?.properties["tags"] == [])
    #expect(graph.edgePropertyColumn("note")?[graph.edgeIndex(of: "e8") ?? 0] == "text 8")
    try graph.setEdgeProperty("note", to: nil, at: graph.edgeIndex(of: "e2") ?? 0)
    #expect(graph.edge(id: "e2")?.properties["note"] == nil)
    #expect(graph.edgePropertyNames == ["n", "note", "tags"])
    var copy = graph
    try copy.setEdgeProperty("note", to: "only in the copy", at: 1)
    #expect(graph.edge(at: 1).properties["note"] != "only in the copy")
  }
}

@Suite struct SequentialIDTests {
  @Test func idsThatArePositionsAreFoundExactly() throws {
    var graph = Graph()
    for number in 0..<12 { try graph.addNode(Node(id: "n\(number)")) }
    #expect(graph.nodeIndex(of: "n11") == 11)
    #expect(graph.nodeIndex(of: "n0") == 0)
    for absent in ["n12", "n011", "n00", "n-1", "n1x", "n", "", "m1", "n99999999999999999999"] {
      #expect(graph.nodeIndex(of: absent) == nil, "\(absent)")
    }
    #expect(throws: GraphError.duplicateNodeID("n3")) { try graph.addNode(Node(id: "n3")) }
    try graph.addNode(Node(id: "zz"))  // breaks the pattern: the index takes over
    try graph.addNode(Node(id: "n13"))
    #expect(graph.nodeIndex(of: "zz") == 12)
    #expect(graph.nodeIndex(of: "n13") == 13)
    #expect(graph.nodeIndex(of: "n5") == 5)
    #expect(graph.nodeIndex(of: "n12") == nil)
    #expect(throws: GraphError.duplicateNodeID("n7")) { try graph.addNode(Node(id: "n7")) }
  }

  @Test func reservingCapacityChangesNothingVisible() throws {
    var graph = Graph()
    graph.reserveCapacity(nodes: 1000, edges: 5000)
    try graph.addNode(Node(id: "a"))
    try graph.addNode(Node(id: "b"))
    graph.reserveCapacity(nodes: 10, edges: 10)
    try graph.addEdge(Edge(id: "x", source: "a", target: "b", type: "met"))
    #expect(graph.nodeIndex(of: "b") == 1 && graph.edgeIndex(of: "x") == 0)
    #expect(graph.edge(at: 0) == Edge(id: "x", source: "a", target: "b", type: "met"))
  }

  @Test func edgesNamedByPositionSurviveRemovalAndRenaming() throws {
    var graph = Graph()
    try graph.addNode(Node(id: "0"))
    for number in 0..<20 { try graph.addEdge(Edge(id: "\(number)", source: "0", target: "0", type: "t")) }
    #expect(graph.nodeIndex(of: "0") == 0 && graph.edgeIndex(of: "19") == 19)
    graph.removeEdge(at: 19)  // the last: still sequential
    #expect(graph.edgeIndex(of: "19") == nil && graph.edgeIndex(of: "18") == 18)
    graph.removeEdge(at: 3)  // "18" moves to 3
    #expect(graph.edgeIndex(of: "18") == 3 && graph.edgeIndex(of: "3") == nil)
    graph.setEdgeID("three", at: 3)
    #expect(graph.edgeIndex(of: "three") == 3 && graph.edgeIndex(of: "18") == nil)
    #expect(throws: GraphError.duplicateEdgeID("7")) {
      try graph.addEdge(Edge(id: "7", source: "0", target: "0", type: "t"))
    }
    try graph.addEdge(Edge(id: "18", source: "0", target: "0", type: "t"))
    #expect(graph.edgeIndex(of: "18") == 18)
  }
}
