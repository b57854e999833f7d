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
  func idsWithMarkupCharactersSurviveInAttributes(seed: UInt64) throws {
    var generator = GraphGenerator(seed: seed)
    let graph = generator.graph(awkwardIDs: true)
    let bytes = GraphMLWriter().bytes(of: graph)
    let read = try GraphMLReader().read(bytes: bytes, name: "awkward-ids")
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
