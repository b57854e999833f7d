import ArgumentParser
import KGCore
import KGGraphML

extension NewsGraphCommand {
  /// `newsgraph validate`: schema validation of GraphML files.
  struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Check GraphML files against NewsGraph's schema (or another XML Schema).",
      discussion: """
        Validation runs through libxml2's streaming schema validator, without network
        access. By default the schema is NewsGraph's own (schemas/newsgraph-graphml.xsd,
        built into the binary): keys declared with attr.name and attr.type, unique node
        and edge ids, edges whose ends exist, data only for declared keys.

        Each problem is printed as 'newsgraph: error: FILE:LINE:COL: message'; the exit
        status is 1 when any file is invalid.

        Examples:
          newsgraph validate graphs/example.graphml
          newsgraph validate --schema ../shared/graphml-xsd/graphml.xsd out/*.graphml
        """)

    @Argument(help: "GraphML files to check.")
    var files: [String]

    @Option(help: "Validate against this XML Schema file instead (it may import files beside it).")
    var schema: String?

    @Flag(name: .shortAndLong, help: "Print nothing for valid files.")
    var quiet = false

    func validate() throws {
      if files.isEmpty { throw ValidationError("Give at least one GraphML file to check.") }
    }

    func run() throws {
      let validator = try schema.map { path throws(GraphMLError) in try SchemaValidator(schemaFile: path) }
        ?? SchemaValidator.newsGraph()
      var invalid = 0
      for file in files {
        let problems = validator.validate(file: file)
        if problems.isEmpty {
          if !quiet { print("\(file): valid") }
        } else {
          invalid += 1
          for problem in problems { CommandOutput.error(problem.description) }
        }
      }
      if invalid > 0 {
        if files.count > 1 { CommandOutput.note("\(invalid) of \(files.count) files are invalid") }
        throw ExitCode.failure
      }
    }
  }
}
