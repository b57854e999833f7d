import Foundation
import KGTestSupport
import Testing

/// Runs the built `newsgraph` binary the way a user does and checks what it prints
/// and how it exits.
struct CommandResult {
  var status: Int32
  var standardOutput: String
  var standardError: String
}

enum NewsGraphBinary {
  /// The `newsgraph` binary built beside the test bundle.
  static var path: String {
    let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    let candidates = [bundle.appendingPathComponent("newsgraph").path, ProjectPaths.root + "/.build/debug/newsgraph"]
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[1]
  }

  static func run(_ arguments: [String], input: String? = nil) throws -> CommandResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: ProjectPaths.root)
    let output = Pipe()
    let error = Pipe()
    let inputPipe = Pipe()
    process.standardOutput = output
    process.standardError = error
    process.standardInput = inputPipe
    try process.run()
    if let input { inputPipe.fileHandleForWriting.write(Data(input.utf8)) }
    try inputPipe.fileHandleForWriting.close()
    let outputData = output.fileHandleForReading.readDataToEndOfFile()
    let errorData = error.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return CommandResult(
      status: process.terminationStatus, standardOutput: String(decoding: outputData, as: UTF8.self),
      standardError: String(decoding: errorData, as: UTF8.self))
  }
}

private let example = "graphs/example.graphml"

private func write(_ text: String, _ name: String) throws -> String {
  let path = ProjectPaths.temporaryFolder("cli") + "/" + name
  try text.write(toFile: path, atomically: true, encoding: .utf8)
  return path
}

/// Whether `text` is one line `newsgraph: error: FILE:LINE:COL: message`.
private func isOneLocatedErrorLine(_ text: String) -> Bool {
  text.wholeMatch(of: #/newsgraph: error: [^\n]+:\d+:\d+: [^\n]+\n/#) != nil
}

@Suite struct CommandLineTests {
  @Test func helpListsTheSubcommands() throws {
    let result = try NewsGraphBinary.run(["--help"])
    #expect(result.status == 0)
    for command in ["validate", "stats", "convert"] { #expect(result.standardOutput.contains(command)) }
  }

  @Test func badUsageExitsWithTwo() throws {
    let unknownOption = try NewsGraphBinary.run(["stats", "--verbos", example])
    #expect(unknownOption.status == 2)
    #expect(unknownOption.standardError.contains("Unknown option '--verbos'"))
    let missingArgument = try NewsGraphBinary.run(["convert", example])
    #expect(missingArgument.status == 2)
    let unknownCommand = try NewsGraphBinary.run(["stat", example])
    #expect(unknownCommand.status == 2)
  }

  @Test func validateAcceptsTheExampleAndTheOfficialSchemaToo() throws {
    let own = try NewsGraphBinary.run(["validate", example])
    #expect(own.status == 0)
    #expect(own.standardOutput == "\(example): valid\n")
    let official = try NewsGraphBinary.run(["validate", "--schema", ProjectPaths.officialGraphMLSchema, example])
    #expect(official.status == 0, "\(official.standardError)")
  }

  @Test func validateReportsEachProblemWithItsLine() throws {
    let path = try write(
      """
      <graphml xmlns="http://graphml.graphdrawing.org/xmlns">
        <graph edgedefault="directed">
          <node id="a"/>
          <node id="a"/>
          <edge id="e" source="a" target="b"/>
        </graph>
      </graphml>
      """, "invalid.graphml")
    let result = try NewsGraphBinary.run(["validate", path])
    #expect(result.status == 1)
    let lines = result.standardError.split(separator: "\n")
    #expect(lines.count == 2, "\(result.standardError)")
    #expect(lines.allSatisfy { $0.hasPrefix("newsgraph: error: \(path):") })
    #expect(lines.first?.hasPrefix("newsgraph: error: \(path):4:") == true)
  }

  @Test func statsCountsLabelsAndTypes() throws {
    let result = try NewsGraphBinary.run(["stats", "--json", example])
    #expect(result.status == 0)
    let json = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
    #expect(json["nodes"] as? Int == 7)
    #expect(json["edges"] as? Int == 8)
    #expect((json["nodes_by_label"] as? [String: Int])?["Person"] == 3)
    #expect((json["edges_by_type"] as? [String: Int])?["met"] == 2)
    let table = try NewsGraphBinary.run(["stats", example])
    #expect(table.standardOutput.contains("Tomás Herrera"))
  }

  @Test(arguments: [
    ("<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"><graph edgedefault=\"directed\">\n<node id=\"a\">\n</graph></graphml>", "malformed.graphml"),
    ("<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n<graph edgedefault=\"directed\">\n  <edge source=\"a\" target=\"b\"/>\n</graph></graphml>", "dangling.graphml"),
    ("<?xml version=\"1.0\"?>\n<!DOCTYPE graphml [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<graphml/>", "xxe.graphml"),
    ("{\"nodes\": [{\"id\": \"a\"}, \n {\"id\": 1.5}]}", "bad.json"),
  ])
  func badInputGivesOneLocatedErrorLineAndExitOne(text: String, name: String) throws {
    let path = try write(text, name)
    let result = try NewsGraphBinary.run(["stats", path])
    #expect(result.status == 1)
    let errorText = result.standardError
    #expect(errorText.contains(path))
    #expect(errorText.split(separator: "\n").count == 1, "\(errorText)")
    if !name.hasSuffix(".json") { #expect(isOneLocatedErrorLine(errorText), "\(errorText)") }
  }

  @Test func aMissingFileIsNamed() throws {
    let result = try NewsGraphBinary.run(["stats", "/nonexistent/g.graphml"])
    #expect(result.status == 1)
    #expect(result.standardError == "newsgraph: error: /nonexistent/g.graphml: no such file\n")
  }

  @Test func convertRoundTripsThroughJSONToTheSameBytes() throws {
    let folder = ProjectPaths.temporaryFolder("convert")
    let json = folder + "/example.json"
    let back = folder + "/example.graphml"
    #expect(try NewsGraphBinary.run(["convert", example, "-o", json]).status == 0)
    #expect(try NewsGraphBinary.run(["convert", json, "-o", back]).status == 0)
    let original = try Data(contentsOf: URL(fileURLWithPath: ProjectPaths.root + "/" + example))
    #expect(try Data(contentsOf: URL(fileURLWithPath: back)) == original)
  }

  @Test func convertReadsStandardInputAndWritesStandardOutput() throws {
    let original = try String(contentsOfFile: ProjectPaths.root + "/" + example, encoding: .utf8)
    let result = try NewsGraphBinary.run(["convert", "-", "--from", "graphml", "-o", "-", "--to", "graphml"], input: original)
    #expect(result.status == 0)
    #expect(result.standardOutput == original)
  }

  @Test func aFailedConvertLeavesTheOldOutputWhole() throws {
    let folder = ProjectPaths.temporaryFolder("keep")
    let output = folder + "/out.graphml"
    try "old".write(toFile: output, atomically: true, encoding: .utf8)
    let bad = try write("<graphml><graph edgedefault=\"directed\"><node/></graph></graphml>", "bad.graphml")
    let result = try NewsGraphBinary.run(["convert", bad, "-o", output])
    #expect(result.status == 1)
    #expect(try String(contentsOfFile: output, encoding: .utf8) == "old")
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["out.graphml"])
  }
}
