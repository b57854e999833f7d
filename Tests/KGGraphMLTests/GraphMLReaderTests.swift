import KGGraph
import Testing

@testable import KGGraphML

@Suite struct GraphMLReaderTests {
  @Test func keyDefaultsFillInMissingValuesOfEveryType() throws {
    let graph = try GraphMLReader().read(
      string: """
        <graphml xmlns="http://graphml.graphdrawing.org/xmlns">
          <key id="a" for="node" attr.name="count" attr.type="int"><default>3</default></key>
          <key id="b" for="node" attr.name="score" attr.type="double"><default>0.5</default></key>
          <key id="c" for="all" attr.name="seen" attr.type="boolean"><default>true</default></key>
          <key id="d" for="edge" attr.name="kind" attr.type="string"><default>plain</default></key>
          <key id="e" for="node" attr.name="big" attr.type="long"/>
          <key id="f" for="node" attr.name="ratio" attr.type="float"/>
          <graph edgedefault="directed">
            <node id="x"><data key="a">7</data><data key="c">false</data></node>
            <node id="y"><data key="e">9000000000</data><data key="f">-INF</data></node>
            <edge source="x" target="y"/>
          </graph>
        </graphml>
        """)
    #expect(graph.node(id: "x")?.properties == ["count": 7, "score": 0.5, "seen": false])
    #expect(graph.node(id: "y")?.properties == ["count": 3, "score": 0.5, "seen": true, "big": 9_000_000_000, "ratio": .float(-.infinity)])
    #expect(graph.edge(at: 0).properties == ["seen": true, "kind": "plain"])
    #expect(graph.edge(at: 0).id == "e0")
  }

  @Test func edgesMayComeBeforeTheirNodesAndKeepTheirOrder() throws {
    let graph = try GraphMLReader().read(
      string: """
        <graphml xmlns="http://graphml.graphdrawing.org/xmlns">
          <graph edgedefault="directed">
            <edge id="first" source="a" target="b"/>
            <node id="a"/>
            <edge id="second" source="b" target="a"/>
            <node id="b"/>
          </graph>
        </graphml>
        """)
    #expect(graph.edges.map(\.id) == ["first", "second"])
    #expect(graph.edge(at: 1).source == "b")
  }

  @Test func yFilesGraphicsAndForeignElementsAreSkipped() throws {
    let graph = try GraphMLReader().read(
      string: """
        <?xml version="1.0" encoding="UTF-8" standalone="no"?>
        <graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:y="http://www.yworks.com/xml/graphml">
          <key for="node" id="d6" yfiles.type="nodegraphics"/>
          <key attr.name="description" attr.type="string" for="node" id="d5"/>
          <graph edgedefault="directed" id="G">
            <node id="n0">
              <data key="d5"><![CDATA[Made up & kept]]></data>
              <data key="d6"><y:ShapeNode><y:Fill color="#FFCC00"/><y:NodeLabel>Ada</y:NodeLabel></y:ShapeNode></data>
            </node>
            <y:Unknown><node id="ignored"/></y:Unknown>
          </graph>
        </graphml>
        """)
    #expect(graph.nodeCount == 1)
    #expect(graph.node(at: 0).properties == ["description": "Made up & kept", "label": "Ada"])
  }

  @Test func yEdLabelsAreReadFromTheirGraphics() throws {
    let graph = try GraphMLReader().read(
      string: """
        <graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:y="http://www.yworks.com/xml/graphml">
          <key for="node" id="d6" yfiles.type="nodegraphics"/>
          <key for="edge" id="d9" yfiles.type="edgegraphics"/>
          <graph edgedefault="directed">
            <node id="n0"><data key="d6"><y:ShapeNode><y:NodeLabel> Ada </y:NodeLabel></y:ShapeNode></data></node>
            <edge source="n0" target="n0"><data key="d9"><y:PolyLineEdge><y:EdgeLabel>met</y:EdgeLabel></y:PolyLineEdge></data></edge>
          </graph>
        </graphml>
        """)
    #expect(graph.node(at: 0).properties == ["label": "Ada"])
    #expect(graph.edge(at: 0).type == "met")
  }

  @Test func keyIdsRepeatedForNodesAndEdgesAreKeptApart() throws {
    let graph = try GraphMLReader().read(
      string: """
        <graphml>
          <key id="name" for="node" attr.name="name" attr.type="string"/>
          <key id="name" for="edge" attr.name="name" attr.type="string"/>
          <key id="weight" for="node" attr.name="weight" attr.type="double"/>
          <graph edgedefault="directed">
            <node id="a"><data key="name">Ada</data></node>
            <edge source="a" target="a"><data key="name">a (met) a</data><data key="weight">2</data></edge>
          </graph>
        </graphml>
        """)
    #expect(graph.node(at: 0).properties == ["name": "Ada"])
    #expect(graph.edge(at: 0).properties == ["name": "a (met) a", "weight": 2.0])
  }

  @Test func generatedEdgeIdsGiveWayToIdsTheFileNamesLater() throws {
    let graph = try GraphMLReader().read(
      string: """
        <graphml xmlns="http://graphml.graphdrawing.org/xmlns">
          <graph edgedefault="directed">
            <node id="a"/><node id="b"/>
            <edge source="a" target="b"/>
            <edge id="e0" source="b" target="a"/>
          </graph>
        </graphml>
        """)
    #expect(graph.edgeCount == 2)
    #expect(graph.edge(id: "e0")?.source == "b")
    #expect(graph.edge(at: 0).source == "a" && graph.edge(at: 0).id != "e0")
  }

  @Test func textSplitByCommentsAndReferencesIsJoined() throws {
    let graph = try GraphMLReader().read(
      string: """
        <graphml xmlns="http://graphml.graphdrawing.org/xmlns">
          <key id="k" for="node" attr.name="note" attr.type="string"/>
          <graph edgedefault="directed"><node id="a"><data key="k">one<!-- c --> &amp; &#x263A;<![CDATA[ <two> ]]></data></node></graph>
        </graphml>
        """)
    #expect(graph.node(at: 0).properties["note"] == "one & ☺ <two> ")
  }

  @Test func undirectedGraphsAndPerEdgeDirectionAreKept() throws {
    let graph = try GraphMLReader().read(
      string: """
        <graphml xmlns="http://graphml.graphdrawing.org/xmlns">
          <graph edgedefault="undirected">
            <node id="a"/><node id="b"/>
            <edge source="a" target="b"/>
            <edge source="a" target="b" directed="true"/>
          </graph>
        </graphml>
        """)
    #expect(!graph.isDirected)
    #expect(graph.edge(at: 0).properties["directed"] == nil)
    #expect(graph.edge(at: 1).properties["directed"] == true)
  }

  @Test func filesWithoutTheGraphMLNamespaceAreRead() throws {
    let graph = try GraphMLReader().read(
      string: """
        <graphml><key id="n" for="node" attr.name="name" attr.type="string"/>
        <graph edgedefault="directed"><node id="a"><data key="n">Ada</data></node></graph></graphml>
        """)
    #expect(graph.node(at: 0).properties["name"] == "Ada")
  }

  @Test func keysWithoutAttrNameUseTheirId() throws {
    let graph = try GraphMLReader().read(
      string: """
        <graphml xmlns="http://graphml.graphdrawing.org/xmlns">
          <key id="weight" for="edge" attr.type="double"/>
          <graph edgedefault="directed"><node id="a"/><edge source="a" target="a"><data key="weight">2</data></edge></graph>
        </graphml>
        """)
    #expect(graph.edge(at: 0).properties["weight"] == 2.0)
  }

  @Test func derivedKeysBecomeLabelsAndTypesAgain() throws {
    let graph = try GraphMLReader().read(
      string: """
        <graphml xmlns="http://graphml.graphdrawing.org/xmlns">
          <key id="l" for="node" attr.name="label" attr.type="string"/>
          <key id="t" for="node" attr.name="type" attr.type="string"/>
          <key id="n" for="node" attr.name="name" attr.type="string"/>
          <key id="et" for="edge" attr.name="label" attr.type="string"/>
          <key id="ei" for="edge" attr.name="interaction" attr.type="string"/>
          <graph edgedefault="directed">
            <node id="p"><data key="l">Ada</data><data key="t">Person</data><data key="n">Ada</data></node>
            <node id="q"><data key="l">Shown name</data></node>
            <edge source="p" target="q"><data key="et">met</data><data key="ei">met</data></edge>
            <edge source="p" target="q"><data key="ei">said</data></edge>
            <edge source="p" target="q"/>
          </graph>
        </graphml>
        """)
    #expect(graph.node(at: 0) == Node(id: "p", labels: ["Person"], properties: ["name": "Ada"]))
    #expect(graph.node(at: 1) == Node(id: "q", labels: [], properties: ["label": "Shown name"]))
    #expect(graph.edges.map(\.type) == ["met", "said", "RELATED"])
    #expect(graph.edge(at: 0).properties.isEmpty)
  }
}
