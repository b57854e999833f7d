import Foundation
import KGCore
import KGGraph
import Testing

@testable import KGGraphML

/// Files written by networkx and igraph, and in the styles of Gephi, Cytoscape and yEd,
/// read against `Fixtures/foreign/EXPECTED.json` (its `_about` explains the format).
@Suite struct ForeignFileTests {
  static let folder = Bundle.module.resourceURL?.appendingPathComponent("Fixtures/foreign").path ?? ""

  static let expectations: JSONValue = {
    let path = folder + "/EXPECTED.json"
    guard let text = try? String(contentsOfFile: path, encoding: .utf8), let value = try? JSONValue.parse(text) else {
      return .object([])
    }
    return value
  }()

  static var files: [String] {
    guard case .object(let members) = expectations else { return [] }
    return members.map(\.key).filter { $0.hasSuffix(".graphml") }
  }

  @Test func everyFixtureHasAnExpectation() throws {
    let onDisk = try FileManager.default.contentsOfDirectory(atPath: Self.folder).filter { $0.hasSuffix(".graphml") }
    #expect(Set(onDisk) == Set(Self.files))
    #expect(onDisk.count >= 8)
  }

  @Test(arguments: files)
  func foreignFileReadsAsExpected(file: String) throws {
    let expected = try #require(Self.expectations[file])
    let graph = try GraphMLReader().read(file: Self.folder + "/" + file)
    #expect(expected["nodes"] == .integer(graph.nodeCount), "\(file)")
    #expect(expected["edges"] == .integer(graph.edgeCount), "\(file)")
    #expect(expected["directed"] == .bool(graph.isDirected), "\(file)")
    #expect(expected["edge_types"] == .array(graph.edges.map { .string($0.type) }), "\(file)")
    if let spot = expected["node"], case .string(let id)? = spot["id"] {
      let node = try #require(graph.node(id: id), "\(file): node \(id)")
      if let labels = spot["labels"] { #expect(labels == .array(node.labels.map(JSONValue.string)), "\(file)") }
      try check(spot["properties"], against: node.properties, file)
    }
    if let spot = expected["edge"], case .string(let id)? = spot["id"] {
      let edge = try #require(graph.edge(id: id), "\(file): edge \(id)")
      if let source = spot["source"] { #expect(source == .string(edge.source), "\(file)") }
      if let target = spot["target"] { #expect(target == .string(edge.target), "\(file)") }
      if let type = spot["type"] { #expect(type == .string(edge.type), "\(file)") }
      try check(spot["properties"], against: edge.properties, file)
    }
  }

  private func check(_ expected: JSONValue?, against properties: [String: PropertyValue], _ file: String) throws {
    guard case .object(let members)? = expected else { return }
    for member in members {
      let actual = properties[member.key].map(Graph.json)
      #expect(actual == member.value, "\(file): property \(member.key)")
    }
  }

  @Test(arguments: files)
  func foreignFilesWrittenBackValidateAndReadTheSame(file: String) throws {
    let graph = try GraphMLReader().read(file: Self.folder + "/" + file)
    let path = try GraphMLTesting.writeValidated(graph, name: "foreign")
    #expect(try GraphMLReader().read(file: path) == graph)
  }
}
