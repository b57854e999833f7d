import KGCore
import KGGraph
import KGTestSupport
import Testing

@testable import KGGraphML

/// A malformed, hostile or unsupported document and the error it must give.
struct BadDocument: CustomTestStringConvertible, Sendable {
  var name: String
  var xml: String
  var kinds: [GraphMLError.Kind]
  var line: Int? = nil
  var column: Int? = nil

  var testDescription: String { name }
}

private let head = #"<graphml xmlns="http://graphml.graphdrawing.org/xmlns">"#

@Suite struct GraphMLReaderErrorTests {
  static let documents: [BadDocument] = [
    BadDocument(
      name: "duplicate node id",
      xml: """
        \(head)
          <graph edgedefault="directed">
            <node id="a"/>
            <node id="a"/>
          </graph>
        </graphml>
        """, kinds: [.duplicateNodeID], line: 4, column: 5),
    BadDocument(
      name: "edge to an undeclared node",
      xml: """
        \(head)
          <graph edgedefault="directed">
            <node id="a"/>
            <edge id="e1" source="a" target="zz"/>
          </graph>
        </graphml>
        """, kinds: [.danglingEdge], line: 4, column: 5),
    BadDocument(
      name: "edge before nodes, to an undeclared node",
      xml: """
        \(head)
          <graph edgedefault="directed">
            <edge id="e1" source="a" target="b"/><edge id="e2" source="a" target="zz"/>
            <node id="a"/><node id="b"/>
          </graph>
        </graphml>
        """, kinds: [.danglingEdge], line: 3, column: 42),
    BadDocument(
      name: "edge without target",
      xml: """
        \(head)
          <graph edgedefault="directed">
            <node id="a"/>
            <edge id="e1" source="a"/>
          </graph>
        </graphml>
        """, kinds: [.missingAttribute], line: 4, column: 5),
    BadDocument(
      name: "data for an undeclared key",
      xml: """
        \(head)
          <graph edgedefault="directed">
            <node id="a"><data key="nope">x</data></node>
          </graph>
        </graphml>
        """, kinds: [.unknownKey], line: 3, column: 18),
    BadDocument(
      name: "duplicate edge id",
      xml: """
        \(head)
          <graph edgedefault="directed">
            <node id="a"/>
            <edge id="e1" source="a" target="a"/>
            <edge id="e1" source="a" target="a"/>
          </graph>
        </graphml>
        """, kinds: [.duplicateEdgeID], line: 5, column: 5),
    BadDocument(
      name: "duplicate edge id, then an unknown key further on",
      xml: """
        \(head)
          <graph edgedefault="directed">
            <node id="a"/>
            <edge id="e1" source="a" target="a"/>
            <edge id="e2" source="a" target="a"/>  <edge id="e1" source="a" target="a"/>
            <edge id="e3" source="a" target="a"><data key="nope">x</data></edge>
          </graph>
        </graphml>
        """, kinds: [.duplicateEdgeID], line: 5, column: 44),
    BadDocument(
      name: "duplicate edge id, CR LF line ends",
      xml: ["<graphml>", "<graph edgedefault=\"directed\">", "<node id=\"ä\"/>",
        "<edge id=\"e1\" source=\"ä\" target=\"ä\"/>", "  <edge id=\"e1\" source=\"ä\" target=\"ä\"/>",
        "</graph>", "</graphml>"].joined(separator: "\r\n"),
      kinds: [.duplicateEdgeID], line: 5, column: 3),
    BadDocument(
      name: "duplicate node id after non-ASCII text on the line",
      xml: """
        \(head)
          <key id="k" for="node" attr.name="x" attr.type="string"/>
          <graph edgedefault="directed">
            <node id="ü"><data key="k">Zoë</data></node><node   id="ü"/>
          </graph>
        </graphml>
        """, kinds: [.duplicateNodeID], line: 4, column: 49),
    BadDocument(
      name: "start tag over two lines",
      xml: """
        \(head)
          <graph edgedefault="directed">
            <node id="a"/> <edge id="e1" source="a"
                target="zz"/>
          </graph>
        </graphml>
        """, kinds: [.danglingEdge], line: 3, column: 20),
    BadDocument(
      name: "duplicate key id",
      xml: """
        \(head)
          <key id="k" for="node" attr.name="x" attr.type="string"/>
          <key id="k" for="node" attr.name="y" attr.type="string"/>
          <graph edgedefault="directed"/>
        </graphml>
        """, kinds: [.duplicateKey], line: 3, column: 3),
    BadDocument(
      name: "integer key holding text",
      xml: """
        \(head)
          <key id="k" for="node" attr.name="count" attr.type="int"/>
          <graph edgedefault="directed">
            <node id="a"><data key="k">many</data></node>
          </graph>
        </graphml>
        """, kinds: [.invalidValue], line: 4, column: 18),
    BadDocument(
      name: "unknown attr.type",
      xml: """
        \(head)
          <key id="k" for="node" attr.name="x" attr.type="string[]"/>
          <graph edgedefault="directed"/>
        </graphml>
        """, kinds: [.invalidKey], line: 2, column: 3),
    BadDocument(
      name: "unknown for",
      xml: """
        \(head)
          <key id="k" for="edges" attr.name="x" attr.type="string"/>
          <graph edgedefault="directed"/>
        </graphml>
        """, kinds: [.invalidKey]),
    BadDocument(
      name: "nested graph",
      xml: """
        \(head)
          <graph edgedefault="directed">
            <node id="a"><graph edgedefault="directed"><node id="b"/></graph></node>
          </graph>
        </graphml>
        """, kinds: [.unsupported], line: 3, column: 18),
    BadDocument(
      name: "hyperedge",
      xml: """
        \(head)
          <graph edgedefault="directed">
            <node id="a"/><node id="b"/>
            <hyperedge><endpoint node="a"/><endpoint node="b"/></hyperedge>
          </graph>
        </graphml>
        """, kinds: [.unsupported], line: 4, column: 5),
    BadDocument(
      name: "second graph",
      xml: """
        \(head)
          <graph edgedefault="directed"/>
          <graph edgedefault="directed"/>
        </graphml>
        """, kinds: [.unsupported], line: 3),
    BadDocument(name: "not GraphML", xml: "<html><body/></html>", kinds: [.notGraphML], line: 1, column: 1),
    BadDocument(name: "empty document", xml: "", kinds: [.malformedXML, .cannotOpen]),
    BadDocument(
      name: "unclosed element",
      xml: """
        \(head)
          <graph edgedefault="directed">
            <node id="a">
          </graph>
        </graphml>
        """, kinds: [.malformedXML], line: 4),
    BadDocument(
      name: "billion laughs",
      xml: """
        <?xml version="1.0"?>
        <!DOCTYPE graphml [
          <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
          <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
          <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
          <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
          <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
          <!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
          <!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">
        ]>
        \(head)
          <key id="k" for="node" attr.name="x" attr.type="string"/>
          <graph edgedefault="directed"><node id="a"><data key="k">&g;</data></node></graph>
        </graphml>
        """, kinds: [.doctypeForbidden, .malformedXML]),
    BadDocument(
      name: "external entity",
      xml: """
        <?xml version="1.0"?>
        <!DOCTYPE graphml [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
        \(head)
          <key id="k" for="node" attr.name="x" attr.type="string"/>
          <graph edgedefault="directed"><node id="a"><data key="k">&secret;</data></node></graph>
        </graphml>
        """, kinds: [.doctypeForbidden], line: 2, column: 1),
    BadDocument(
      name: "node inside node",
      xml: """
        \(head)
          <graph edgedefault="directed">
            <node id="a"><node id="b"/></node>
          </graph>
        </graphml>
        """, kinds: [.unsupported], line: 3, column: 18),
    BadDocument(
      name: "undefined entity",
      xml: """
        \(head)
          <key id="k" for="node" attr.name="x" attr.type="string"/>
          <graph edgedefault="directed"><node id="a"><data key="k">&nope;</data></node></graph>
        </graphml>
        """, kinds: [.malformedXML], line: 3),
    BadDocument(
      name: "absurd nesting",
      xml: head + #"<graph edgedefault="directed"><node id="a">"# + String(repeating: "<x>", count: 100_000)
        + String(repeating: "</x>", count: 100_000) + "</node></graph></graphml>",
      kinds: [.nestingTooDeep, .malformedXML]),
    BadDocument(
      name: "absurd nesting inside data",
      xml: head + #"<key id="k" for="node" attr.name="x" attr.type="string"/>"#
        + #"<graph edgedefault="directed"><node id="a"><data key="k">"# + String(repeating: "<x>", count: 100_000)
        + String(repeating: "</x>", count: 100_000) + "</data></node></graph></graphml>",
      kinds: [.nestingTooDeep, .malformedXML]),
  ]

  @Test(arguments: documents)
  func badDocumentGivesALocatedError(document: BadDocument) {
    do {
      let graph = try GraphMLReader().read(string: document.xml, name: "bad.graphml")
      Issue.record("\(document.name): read \(graph.nodeCount) nodes instead of failing")
    } catch {
      #expect(document.kinds.contains(error.kind), "\(document.name): got \(error.kind): \(error.message)")
      #expect(error.location?.file == "bad.graphml")
      if let line = document.line { #expect(error.location?.line == line, "\(document.name): \(error)") }
      if let column = document.column { #expect(error.location?.column == column, "\(document.name): \(error)") }
    }
  }

  @Test func errorsFromFilesNameTheFile() throws {
    let folder = ProjectPaths.temporaryFolder("errors")
    let path = folder + "/dup.graphml"
    try AtomicFileWriter.write(Self.documents[0].xml, to: path)
    #expect {
      try GraphMLReader().read(file: path)
    } throws: { error in
      (error as? GraphMLError)?.description == "\(path):4:5: node id 'a' is declared twice"
    }
  }

  @Test func aMissingFileIsAnError() {
    #expect(throws: GraphMLError.self) { try GraphMLReader().read(file: "/nonexistent/graph.graphml") }
  }
}
