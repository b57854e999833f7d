import Foundation
import KGTestSupport
import Testing

private func temporary(_ name: String) -> String { ProjectPaths.temporaryFolder(name) }

@Suite struct ExtractCommandTests {
  @Test func aFolderOfArticlesGivesOneValidGraphEach() throws {
    let output = temporary("extract") + "/out"
    let result = try NewsGraphBinary.run(["extract", "examples/articles", "-o", output])
    #expect(result.status == 0, "\(result.standardError)")
    let files = try FileManager.default.contentsOfDirectory(atPath: output).sorted()
    #expect(files == ["nordic-andes-summit.graphml", "pacific-call.graphml", "relief-appeal.graphml"])
    let validation = try NewsGraphBinary.run(["validate", "--quiet"] + files.map { output + "/" + $0 })
    #expect(validation.status == 0, "\(validation.standardError)")
    #expect(result.standardError.contains("extracted 3 articles"))
  }

  @Test func oneGraphFileHoldsEveryArticleMerged() throws {
    let output = temporary("single") + "/all.graphml"
    let result = try NewsGraphBinary.run(["extract", "examples/articles", "-o", output, "--jobs", "2"])
    #expect(result.status == 0, "\(result.standardError)")
    let text = try String(contentsOfFile: output, encoding: .utf8)
    #expect(text.contains("<node id=\"person:maria-lindqvist\">"))
    #expect(text.contains("<node id=\"organization:world-food-programme\">"))
    #expect(text.components(separatedBy: "<node id=\"country:japan\">").count == 2)
  }

  @Test func jobsDoNotChangeTheOutput() throws {
    let folder = temporary("jobs")
    _ = try NewsGraphBinary.run(["extract", "examples/articles", "-o", folder + "/one.graphml", "-q"])
    _ = try NewsGraphBinary.run(["extract", "examples/articles", "-o", folder + "/two.graphml", "-q", "--jobs", "2"])
    let one = try Data(contentsOf: URL(fileURLWithPath: folder + "/one.graphml"))
    let two = try Data(contentsOf: URL(fileURLWithPath: folder + "/two.graphml"))
    #expect(one == two)
  }

  @Test func jsonLinesStreamAndABadLineIsNamedWhileTheRestRun() throws {
    let folder = temporary("jsonl")
    let input = folder + "/news.jsonl"
    try """
      {"id": "a1", "title": "Leaders meet", "text": "Prime Minister Maria Lindqvist met President Tomás Herrera in Oslo."}
      {"id": "a2", "text": broken}
      {"id": "a3", "text": "Japanese Foreign Minister Aiko Tanaka spoke by phone with Daniel Moore."}

      """.write(toFile: input, atomically: true, encoding: .utf8)
    let result = try NewsGraphBinary.run(["extract", input, "-o", folder + "/out"])
    #expect(result.status == 0)
    #expect(result.standardError.contains("\(input):2:"), "\(result.standardError)")
    let files = try FileManager.default.contentsOfDirectory(atPath: folder + "/out").sorted()
    #expect(files == ["a1.graphml", "a3.graphml"])
  }

  @Test func standardInputIsAnArticle() throws {
    let result = try NewsGraphBinary.run(
      ["extract", "-", "-o", "-", "--format", "json", "-q"],
      input: "Chile and Peru sign deal\nChilean President Tomás Herrera met Peru's foreign minister Rosa Campos.")
    #expect(result.status == 0, "\(result.standardError)")
    #expect(result.standardOutput.contains("\"person:tomas-herrera\""))
    #expect(result.standardOutput.contains("\"type\": \"met\""))
  }

  @Test func emptyBinaryAndBrokenTextArticles() throws {
    let folder = temporary("bad")
    try Data().write(to: URL(fileURLWithPath: folder + "/empty.txt"))
    try Data([0x00, 0x01, 0x02, 0xFF, 0x00]).write(to: URL(fileURLWithPath: folder + "/binary.txt"))
    try Data("Ada Lovelace met Charles Babbage in London.\n\u{FF}".utf8.map { $0 } + [0xC3, 0x28]).write(
      to: URL(fileURLWithPath: folder + "/latin.txt"))
    let result = try NewsGraphBinary.run(["extract", folder, "-o", folder + "/out"])
    #expect(result.status == 0, "\(result.standardError)")
    #expect(result.standardError.contains("binary.txt: skipped"))
    #expect(result.standardError.contains("latin.txt: invalid UTF-8 at byte"))
    let files = try FileManager.default.contentsOfDirectory(atPath: folder + "/out").sorted()
    #expect(files == ["empty.graphml", "latin.graphml"])
    let validation = try NewsGraphBinary.run(["validate", "-q", folder + "/out/empty.graphml", folder + "/out/latin.graphml"])
    #expect(validation.status == 0, "\(validation.standardError)")
  }

  @Test func explainShowsMentionsAndRules() throws {
    let result = try NewsGraphBinary.run(["extract", "--explain", "examples/articles/pacific-call.txt"])
    #expect(result.status == 0)
    #expect(result.standardOutput.contains("mention 'Aiko Tanaka'"))
    #expect(result.standardOutput.contains("rule: "))
  }

  @Test func aMissingInputIsAnError() throws {
    let result = try NewsGraphBinary.run(["extract", "/nonexistent/story.txt", "-o", temporary("missing")])
    #expect(result.status == 1)
    #expect(result.standardError == "newsgraph: error: /nonexistent/story.txt: no such file or folder\n")
  }
}
