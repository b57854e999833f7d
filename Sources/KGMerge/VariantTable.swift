import Foundation
import KGCore

/// Groups of known spellings of one name (`Resources/variants.tsv`), by entity type.
public struct VariantTable: Sendable {
  private var groupOfName: [String: String] = [:]

  /// An empty table.
  public init() {}

  /// Reads a table: lines of `Type<TAB>variant<TAB>variant...`, `#` comments.
  public init(contentsOf path: String) throws(InputError) {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw InputError("cannot read variant table", at: SourceLocation(file: path))
    }
    for (number, line) in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      if line.isEmpty || line.hasPrefix("#") { continue }
      let fields = line.split(separator: "\t").map(String.init)
      guard fields.count >= 3 else {
        throw InputError("expected a type and at least two variants", at: SourceLocation(file: path, line: number + 1, column: 1))
      }
      let group = "\(fields[0])|\(NameFolding.fold(fields[1]))"
      for variant in fields.dropFirst() { groupOfName["\(fields[0])|\(NameFolding.fold(variant))"] = group }
    }
  }

  /// The table shipped with NewsGraph (beside the binary or in the source tree), or an
  /// empty one when it cannot be found.
  public static func bundled() -> VariantTable {
    let candidates = [
      URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath().deletingLastPathComponent().path
        + "/NewsGraph_KGMerge.resources/variants.tsv",
      URL(fileURLWithPath: #filePath).deletingLastPathComponent().path + "/Resources/variants.tsv",
    ]
    for path in candidates where FileManager.default.fileExists(atPath: path) {
      if let table = try? VariantTable(contentsOf: path) { return table }
    }
    return VariantTable()
  }

  /// The group of a name of an entity type, if it is a known variant.
  public func group(type: String, name: String) -> String? { groupOfName["\(type)|\(NameFolding.fold(name))"] }
}
