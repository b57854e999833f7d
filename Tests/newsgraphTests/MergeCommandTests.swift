import Foundation
import KGTestSupport
import Testing

@Suite struct MergeCommandTests {
  /// Two articles that spell the same people and countries differently.
  func articles() throws -> String {
    let folder = ProjectPaths.temporaryFolder("merge-articles")
    try "Kyiv talks\nUkrainian President Volodymyr Zelenskyy met U.S. Secretary of State Ruth Adler in Kyiv."
      .write(toFile: folder + "/one.txt", atomically: true, encoding: .utf8)
    try "Washington visit\nVolodymyr Zelensky spoke by phone with Ruth Adler, the United States secretary of state."
      .write(toFile: folder + "/two.txt", atomically: true, encoding: .utf8)
    let graphs = folder + "/graphs"
    let result = try NewsGraphBinary.run(["extract", folder, "-o", graphs, "-q"])
    #expect(result.status == 0, "\(result.standardError)")
    return graphs
  }

  @Test func mergeJoinsSpellingsAndExplainsIt() throws {
    let graphs = try articles()
    let output = graphs + "/../merged.graphml"
    let result = try NewsGraphBinary.run(["merge", graphs, "-o", output, "--explain"])
    #expect(result.status == 0, "\(result.standardError)")
    #expect(result.standardOutput.contains("Zelensky"), "\(result.standardOutput)")
    let text = try String(contentsOfFile: output, encoding: .utf8)
    #expect(text.components(separatedBy: "<node id=\"person:volodymyr-zelenskyy\">").count == 2)
    #expect(text.components(separatedBy: "<node id=\"country:united-states\">").count == 2)
    #expect(try NewsGraphBinary.run(["validate", "-q", output]).status == 0)
  }

  @Test func intoAddsToAnExistingGraphAndAgainChangesNothing() throws {
    let graphs = try articles()
    let existing = graphs + "/../existing.graphml"
    #expect(try NewsGraphBinary.run(["merge", graphs + "/one.graphml", "-o", existing, "-q"]).status == 0)
    #expect(try NewsGraphBinary.run(["merge", graphs + "/two.graphml", "--into", existing, "-q"]).status == 0)
    let once = try Data(contentsOf: URL(fileURLWithPath: existing))
    #expect(try NewsGraphBinary.run(["merge", graphs + "/two.graphml", "--into", existing, "-q"]).status == 0)
    #expect(try Data(contentsOf: URL(fileURLWithPath: existing)) == once)
    let direct = graphs + "/../direct.graphml"
    #expect(try NewsGraphBinary.run(["merge", graphs, "-o", direct, "-q"]).status == 0)
    #expect(try Data(contentsOf: URL(fileURLWithPath: direct)) == once)
  }

  @Test func oneBadFileIsNamedAndKeepGoingMergesTheRest() throws {
    let graphs = try articles()
    try "<graphml><graph edgedefault=\"directed\"><node/></graph></graphml>".write(
      toFile: graphs + "/broken.graphml", atomically: true, encoding: .utf8)
    let output = graphs + "/../out.graphml"
    let failed = try NewsGraphBinary.run(["merge", graphs, "-o", output])
    #expect(failed.status == 1)
    #expect(failed.standardError.contains("broken.graphml"))
    #expect(!FileManager.default.fileExists(atPath: output))
    let kept = try NewsGraphBinary.run(["merge", graphs, "-o", output, "--keep-going"])
    #expect(kept.status == 0)
    #expect(kept.standardError.contains("skipped 1"))
  }
}
