import KGGraph
import KGTestSupport
import Testing

@testable import KGGraphML

@Suite struct RoundTripTests {
  @Test(arguments: 0..<60)
  func readingWhatWasWrittenGivesTheSameGraph(seed: UInt64) throws {
    var generator = GraphGenerator(seed: seed)
    let graph = generator.graph()
    let path = try GraphMLTesting.writeValidated(graph, name: "roundtrip-\(seed)")
    let read = try GraphMLReader().read(file: path)
    let expected = GraphMLTesting.sanitized(graph)
    #expect(read == expected, "seed \(seed): \(GraphMLTesting.difference(read, expected))")
  }

  @Test(arguments: 100..<130)
  func idsThatAreNotNameTokensAreSpelledValidlyAndComeBack(seed: UInt64) throws {
    var generator = GraphGenerator(seed: seed)
    let graph = generator.graph(awkwardIDs: true)
    let path = try GraphMLTesting.writeValidated(graph, name: "awkward-\(seed)")
    let read = try GraphMLReader().read(file: path)
    let expected = GraphMLTesting.sanitized(graph)
    #expect(read == expected, "seed \(seed): \(GraphMLTesting.difference(read, expected))")
  }

  @Test(arguments: 200..<230)
  func writingWhatWasReadGivesTheSameBytes(seed: UInt64) throws {
    var generator = GraphGenerator(seed: seed)
    let first = GraphMLWriter().bytes(of: generator.graph())
    let second = GraphMLWriter().bytes(of: try GraphMLReader().read(bytes: first))
    #expect(first == second, "seed \(seed)")
  }

  @Test func theSameGraphAlwaysWritesTheSameBytes() {
    var one = GraphGenerator(seed: 7)
    var two = GraphGenerator(seed: 7)
    #expect(GraphMLWriter().bytes(of: one.graph()) == GraphMLWriter().bytes(of: two.graph()))
  }

  @Test func smallChunksGiveTheSameOutputAsOneBuffer() {
    var generator = GraphGenerator(seed: 11)
    let graph = generator.graph(maximumNodes: 30, maximumEdges: 60)
    var writer = GraphMLWriter()
    writer.chunkSize = 7
    var chunks: [[UInt8]] = []
    writer.write(graph) { (chunk: [UInt8]) in chunks.append(chunk) }
    #expect(chunks.count > 1)
    #expect(chunks.flatMap { $0 } == GraphMLWriter().bytes(of: graph))
  }

  @Test func listEncodingRoundTripsBarsBackslashesAndEmptyElements() {
    let cases: [[String]] = [[], [""], ["", ""], ["a|b", "c\\d"], ["\\e"], ["e"], ["|"], ["\\"]]
    for elements in cases {
      let encoded = GraphMLVocabulary.encodeList(elements.map(PropertyValue.string))
      #expect(GraphMLVocabulary.decodeList(encoded) == elements, "\(elements) as \(encoded)")
    }
    #expect(GraphMLVocabulary.decodeList("dangling\\") == nil)
  }

  @Test(arguments: GraphGenerator.awkwardIDs + GraphGenerator.awkwardStrings + ["plain", "person:ada-lovelace"])
  func nameTokenSpellingIsReversibleAndValid(text: String) {
    let token = XMLNameToken.encode(text)
    #expect(XMLNameToken.decode(token) == text)
    #expect(!token.isEmpty || text.isEmpty)
    #expect(token.unicodeScalars.allSatisfy(XMLNameToken.isNameCharacter))
  }

  @Test func nameTokensThatNeedNoSpellingAreUnchanged() {
    #expect(XMLNameToken.encode("person:zoe-muller") == "person:zoe-muller")
    #expect(XMLNameToken.encode("shared name") == "shared_x0020_name")
    #expect(XMLNameToken.encode("_x0020_") == "_x005F_x0020_")
  }

  @Test func labelsWithColonsAndBackslashesRoundTrip() {
    let labels = ["Person", "Org:Sub", "back\\slash", ":"]
    #expect(GraphMLVocabulary.decodeLabels(GraphMLVocabulary.encodeLabels(labels)) == labels)
    #expect(GraphMLVocabulary.encodeLabels(["Person", "Leader"]) == ":Person:Leader")
    #expect(GraphMLVocabulary.decodeLabels("Person:Leader") == ["Person", "Leader"])
  }

  @Test func doublesUseXMLSchemaSpellings() {
    #expect(GraphMLVocabulary.formatDouble(.infinity) == "INF")
    #expect(GraphMLVocabulary.formatDouble(-.infinity) == "-INF")
    #expect(GraphMLVocabulary.formatDouble(.nan) == "NaN")
    #expect(GraphMLVocabulary.parseDouble(" 1.5e3 ") == 1500)
    #expect(GraphMLVocabulary.parseDouble("INF") == .infinity)
    #expect(GraphMLVocabulary.parseDouble("abc") == nil)
    #expect(GraphMLVocabulary.parseDouble("1,5") == nil)
  }
}
