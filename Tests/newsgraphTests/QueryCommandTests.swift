import Foundation
import KGTestSupport
import Testing

/// `newsgraph query` as a user runs it: formats, parameters, errors, CREATE saving
/// the file, and the snapshot kept beside the graph file.
@Suite struct QueryCommandTests {
  /// A copy of the example graph in a fresh folder (queries write a snapshot beside it).
  private func exampleCopy(_ name: String) throws -> String {
    let path = ProjectPaths.temporaryFolder("query-\(name)") + "/example.graphml"
    try? FileManager.default.removeItem(atPath: path)
    try? FileManager.default.removeItem(atPath: path + ".snapshot")
    try FileManager.default.copyItem(atPath: ProjectPaths.root + "/graphs/example.graphml", toPath: path)
    return path
  }

  private let whoMet = "MATCH (a:Person)-[:met]-(b:Person) WHERE a.name < b.name RETURN a.name AS a, b.name AS b ORDER BY a, b"

  @Test func formatsAndParameters() throws {
    let graph = try exampleCopy("formats")
    let json = try NewsGraphBinary.run(["query", "--graph", graph, "--format", "json", whoMet])
    #expect(json.status == 0)
    #expect(json.standardOutput.hasPrefix(#"{"columns":["a","b"],"rows":[["#))
    let csv = try NewsGraphBinary.run(["query", "--graph", graph, "--format", "csv", whoMet])
    #expect(csv.standardOutput.hasPrefix("a,b\n"))
    #expect(csv.standardOutput.split(separator: "\n").count == json.standardOutput.components(separatedBy: "],[").count + 1)
    let table = try NewsGraphBinary.run(["query", "--graph", graph, "--format", "table", whoMet])
    #expect(table.standardOutput.hasPrefix("| a "))
    let named = try NewsGraphBinary.run([
      "query", "--graph", graph, "--format", "json", "--params", #"{"who": "Tomás Herrera"}"#,
      "MATCH (p {name: $who}) RETURN labels(p) AS labels",
    ])
    #expect(named.standardOutput == #"{"columns":["labels"],"rows":[[["Person"]]]}"# + "\n")
  }

  @Test func errorsAreTypedWithTheirPlaceAndExitTwo() throws {
    let graph = try exampleCopy("errors")
    let result = try NewsGraphBinary.run(["query", "--graph", graph, "--format", "json", "MATCH (a) RETRUN a"])
    #expect(result.status == 2)
    #expect(result.standardOutput.contains(#""kind":"SyntaxError""#))
    #expect(result.standardOutput.contains("line 1, column 11"))
    // Errors found after parsing point at their place too.
    let undefined = try NewsGraphBinary.run(["query", "--graph", graph, "--format", "table", "MATCH (a)\nRETURN a, nobody"])
    #expect(undefined.status == 2)
    #expect(undefined.standardError.contains("UndefinedVariable") && undefined.standardError.contains("line 2, column 11"))
  }

  @Test func createSavesTheFileAndLaterQueriesSeeIt() throws {
    let graph = try exampleCopy("create")
    let before = try NewsGraphBinary.run(["query", "--graph", graph, "--format", "json", "MATCH (n) RETURN count(*) AS n"])
    let created = try NewsGraphBinary.run([
      "query", "--graph", graph, "--format", "json", "CREATE (:Person {name: 'Ines Okafor'})-[:met]->(:Person {name: 'Pavel Novak'})",
    ])
    #expect(created.status == 0)
    let after = try NewsGraphBinary.run(["query", "--graph", graph, "--format", "json", "MATCH (n) RETURN count(*) AS n"])
    let count = { (text: String) in Int(text.filter(\.isNumber)) ?? -1 }
    #expect(count(after.standardOutput) == count(before.standardOutput) + 2)
    let validated = try NewsGraphBinary.run(["validate", graph])
    #expect(validated.status == 0)
  }

  @Test func theSnapshotIsWrittenUsedAndNeverTrustedWhenStaleOrDamaged() throws {
    let graph = try exampleCopy("snapshot")
    let snapshot = graph + ".snapshot"
    let first = try NewsGraphBinary.run(["query", "--graph", graph, "--format", "json", whoMet])
    #expect(first.status == 0)
    #expect(FileManager.default.fileExists(atPath: snapshot))
    let second = try NewsGraphBinary.run(["query", "--graph", graph, "--format", "json", whoMet])
    #expect(second.standardOutput == first.standardOutput)

    // The graph file changes behind our back: the snapshot is stale and not used.
    let text = try String(contentsOfFile: graph, encoding: .utf8)
    try text.replacingOccurrences(of: "Tomás Herrera", with: "Tomas Herrero").write(toFile: graph, atomically: true, encoding: .utf8)
    let renamed = try NewsGraphBinary.run(["query", "--graph", graph, "--format", "json", whoMet])
    #expect(renamed.standardOutput.contains("Tomas Herrero") && !renamed.standardOutput.contains("Tomás Herrera"))

    // A damaged snapshot is refused with a note, and written again.
    var bytes = try Data(contentsOf: URL(fileURLWithPath: snapshot))
    bytes[bytes.count / 2] ^= 0xFF
    try bytes.write(to: URL(fileURLWithPath: snapshot))
    let repaired = try NewsGraphBinary.run(["query", "--graph", graph, "--format", "json", whoMet])
    #expect(repaired.status == 0)
    #expect(repaired.standardOutput == renamed.standardOutput)
    #expect(repaired.standardError.contains("damaged"))
    let again = try NewsGraphBinary.run(["query", "--graph", graph, "--format", "json", whoMet])
    #expect(again.standardError.isEmpty)

    // --no-snapshot neither reads nor writes one.
    try FileManager.default.removeItem(atPath: snapshot)
    let direct = try NewsGraphBinary.run(["query", "--graph", graph, "--format", "json", "--no-snapshot", whoMet])
    #expect(direct.standardOutput == renamed.standardOutput)
    #expect(!FileManager.default.fileExists(atPath: snapshot))
  }
}
