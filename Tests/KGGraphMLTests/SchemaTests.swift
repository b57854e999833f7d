import Foundation
import KGTestSupport
import Testing

@testable import KGGraphML

@Suite struct SchemaTests {
  @Test func theSchemaInTheBinaryIsTheOneInSchemasFolder() throws {
    let file = try String(contentsOfFile: ProjectPaths.root + "/schemas/newsgraph-graphml.xsd", encoding: .utf8)
    #expect(NewsGraphSchema.text == file)
  }

  @Test func theSchemaRejectsWhatReadersStumbleOver() throws {
    let validator = try SchemaValidator.newsGraph()
    let folder = ProjectPaths.temporaryFolder("schema")
    let cases = [
      ("no-edgedefault", #"<graph>"#),
      ("directed-edge", #"<graph edgedefault="directed"><node id="a"/><edge id="e" source="a" target="a" directed="false"/>"#),
      ("edge-without-id", #"<graph edgedefault="directed"><node id="a"/><edge source="a" target="a"/>"#),
      ("dangling", #"<graph edgedefault="directed"><node id="a"/><edge id="e" source="a" target="b"/>"#),
    ]
    for (name, body) in cases {
      let path = folder + "/\(name).graphml"
      let text = #"<graphml xmlns="http://graphml.graphdrawing.org/xmlns">"# + body + "</graph></graphml>"
      try text.write(toFile: path, atomically: true, encoding: .utf8)
      #expect(!validator.validate(file: path).isEmpty, "\(name) should be invalid")
    }
  }
}
