import Foundation
import KGGraph
import KGTestSupport
import Testing

@testable import KGGraphML

@Suite struct GraphMLWriterTests {
  static func exampleGraph() throws -> Graph {
    var graph = Graph()
    try graph.addNode(
      Node(
        id: "person:ada-lovelace", labels: ["Person"],
        properties: ["name": "Ada Lovelace", "aliases": ["Lovelace", "Countess | of Lovelace"]]))
    try graph.addNode(Node(id: "country:france", labels: ["Country"], properties: ["name": "France", "code": "FRA"]))
    try graph.addEdge(
      Edge(
        id: "e1", source: "person:ada-lovelace", target: "country:france", type: "visited",
        properties: [
          "status": "occurred", "evidence": ["Ada said: \"Paris & <Lyon>\"\u{01}."], "weight": 3,
          "articles": ["a1", "a2"],
        ]))
    return graph
  }

  @Test func writesTheDocumentedLayout() throws {
    let expected = """
      <?xml version="1.0" encoding="UTF-8"?>
      <graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.1/graphml.xsd">
        <key id="node_label" for="node" attr.name="label" attr.type="string"/>
        <key id="node_type" for="node" attr.name="type" attr.type="string"/>
        <key id="node_labels" for="node" attr.name="labels" attr.type="string"/>
        <key id="node_aliases" for="node" attr.name="aliases" attr.type="string">
          <desc>list of string (elements joined by "|"; "\\|", "\\\\" and "\\e" stand for a bar, a backslash and an empty element)</desc>
        </key>
        <key id="node_code" for="node" attr.name="code" attr.type="string"/>
        <key id="node_name" for="node" attr.name="name" attr.type="string"/>
        <key id="edge_type" for="edge" attr.name="type" attr.type="string"/>
        <key id="edge_interaction" for="edge" attr.name="interaction" attr.type="string"/>
        <key id="edge_label" for="edge" attr.name="label" attr.type="string"/>
        <key id="edge_articles" for="edge" attr.name="articles" attr.type="string">
          <desc>list of string (elements joined by "|"; "\\|", "\\\\" and "\\e" stand for a bar, a backslash and an empty element)</desc>
        </key>
        <key id="edge_evidence" for="edge" attr.name="evidence" attr.type="string">
          <desc>list of string (elements joined by "|"; "\\|", "\\\\" and "\\e" stand for a bar, a backslash and an empty element)</desc>
        </key>
        <key id="edge_status" for="edge" attr.name="status" attr.type="string"/>
        <key id="edge_weight" for="edge" attr.name="weight" attr.type="int"/>
        <graph id="G" edgedefault="directed">
          <node id="person:ada-lovelace">
            <data key="node_label">Ada Lovelace</data>
            <data key="node_type">Person</data>
            <data key="node_labels">:Person</data>
            <data key="node_aliases">Lovelace|Countess \\| of Lovelace</data>
            <data key="node_name">Ada Lovelace</data>
          </node>
          <node id="country:france">
            <data key="node_label">France</data>
            <data key="node_type">Country</data>
            <data key="node_labels">:Country</data>
            <data key="node_code">FRA</data>
            <data key="node_name">France</data>
          </node>
          <edge id="e1" source="person:ada-lovelace" target="country:france">
            <data key="edge_type">visited</data>
            <data key="edge_interaction">visited</data>
            <data key="edge_label">visited</data>
            <data key="edge_articles">a1|a2</data>
            <data key="edge_evidence">Ada said: "Paris &amp; &lt;Lyon&gt;".</data>
            <data key="edge_status">occurred</data>
            <data key="edge_weight">3</data>
          </edge>
        </graph>
      </graphml>

      """
    #expect(GraphMLWriter().string(of: try Self.exampleGraph()) == expected)
  }

  @Test func writtenExampleValidatesAndReadsBack() throws {
    let graph = try Self.exampleGraph()
    let path = try GraphMLTesting.writeValidated(graph, name: "example")
    let read = try GraphMLReader().read(file: path)
    #expect(read == GraphMLTesting.sanitized(graph))
    #expect(read.node(id: "person:ada-lovelace")?.properties["aliases"] == ["Lovelace", "Countess | of Lovelace"])
  }

  @Test func integersBeyond32BitsAreDeclaredLong() throws {
    var graph = Graph()
    try graph.addNode(Node(id: "a", properties: ["population": .integer(8_000_000_000)]))
    try graph.addNode(Node(id: "b", properties: ["population": 5]))
    let text = GraphMLWriter().string(of: graph)
    #expect(text.contains(#"attr.name="population" attr.type="long""#))
  }

  @Test func aPropertyWithValuesOfTwoKindsGetsTwoKeysWithOneName() throws {
    var graph = Graph()
    try graph.addNode(Node(id: "a", properties: ["rank": 1]))
    try graph.addNode(Node(id: "b", properties: ["rank": "first"]))
    let text = GraphMLWriter().string(of: graph)
    // igraph refuses two keys with one attr.name, so the second kind is named `rank:integer`.
    #expect(text.contains(#"<key id="node_rank" for="node" attr.name="rank" attr.type="string"/>"#))
    #expect(text.contains(#"<key id="node_rank_integer" for="node" attr.name="rank:integer" attr.type="int"/>"#))
    let read = try GraphMLReader().read(string: text)
    #expect(read.node(id: "a")?.properties["rank"] == 1)
    #expect(read.node(id: "b")?.properties["rank"] == "first")
  }

  @Test func namesTheWriterDerivesStillRoundTripAsProperties() throws {
    var graph = Graph()
    try graph.addNode(Node(id: "a", labels: ["Person"], properties: ["labels": "mine", "type": 3, "label": true]))
    try graph.addEdge(Edge(id: "e", source: "a", target: "a", type: "met", properties: ["type": "x", "label": 2.5]))
    let path = try GraphMLTesting.writeValidated(graph, name: "derived")
    #expect(try GraphMLReader().read(file: path) == graph)
  }

  @Test func propertyNamesThatAreNotNameTokensAreSpelledValidly() throws {
    var graph = Graph()
    try graph.addNode(Node(id: "two words", properties: ["shared name": "x", "größe": 1]))
    let path = try GraphMLTesting.writeValidated(graph, name: "names")
    let text = try String(contentsOfFile: path, encoding: .utf8)
    #expect(text.contains(#"attr.name="shared_x0020_name""#))
    #expect(text.contains(#"<node id="two_x0020_words">"#))
    #expect(try GraphMLReader().read(file: path) == graph)
  }

  @Test func escapingDropsCharactersXMLForbidsAndEscapesMarkup() {
    var output: [UInt8] = []
    XMLEscaping.append("a&b<c>d\"e\u{01}f\u{FFFE}g\rh\ti\nj", attribute: true, to: &output)
    #expect(String(decoding: output, as: UTF8.self) == "a&amp;b&lt;c&gt;d&quot;efg&#13;h&#9;i&#10;j")
    output = []
    XMLEscaping.append("a\"b\tc\nd\re", attribute: false, to: &output)
    #expect(String(decoding: output, as: UTF8.self) == "a\"b\tc\nd&#13;e")
  }

  @Test func writingToAFileReplacesItAtomically() throws {
    let folder = ProjectPaths.temporaryFolder("atomic")
    let path = folder + "/g.graphml"
    try GraphMLWriter().write(try Self.exampleGraph(), toFile: path)
    try GraphMLWriter().write(Graph(), toFile: path)
    let read = try GraphMLReader().read(file: path)
    #expect(read.nodeCount == 0)
    #expect(throws: GraphMLError.self) { try GraphMLWriter().write(Graph(), toFile: folder + "/missing/g.graphml") }
  }
}
