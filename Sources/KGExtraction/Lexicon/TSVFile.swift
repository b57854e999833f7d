import Foundation
import KGCore

/// Reading the lexicon's tab-separated files: `#` comments, blank lines skipped, and
/// errors that name the file and line.
enum TSVFile {
  struct Row {
    var fields: [String]
    var location: SourceLocation

    subscript(index: Int) -> String { fields[index] }

    func field(_ index: Int) -> String { index < fields.count ? fields[index] : "" }

    func list(_ index: Int) -> [String] {
      field(index).split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
  }

  static func lines(_ path: String) throws(InputError) -> [(Int, String)] {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw InputError("cannot read lexicon file", at: SourceLocation(file: path))
    }
    let text = String(decoding: data, as: UTF8.self)
    var result: [(Int, String)] = []
    for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let trimmed = line.hasSuffix("\r") ? line.dropLast() : line
      if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
      result.append((index + 1, String(trimmed)))
    }
    return result
  }

  static func rows(_ path: String, columns: ClosedRange<Int>) throws(InputError) -> [Row] {
    var rows: [Row] = []
    for (number, line) in try lines(path) {
      let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map {
        $0.trimmingCharacters(in: .whitespaces)
      }
      let location = SourceLocation(file: path, line: number, column: 1)
      guard columns.contains(fields.count) || (fields.count > columns.upperBound && fields[columns.upperBound...].allSatisfy(\.isEmpty)) else {
        throw InputError("expected \(columns.lowerBound) to \(columns.upperBound) tab-separated fields, found \(fields.count)", at: location)
      }
      guard !fields[0].isEmpty else { throw InputError("the first field is empty", at: location) }
      rows.append(Row(fields: fields, location: location))
    }
    return rows
  }

  static func words(_ path: String, lowercased: Bool) throws(InputError) -> Set<String> {
    var words: Set<String> = []
    for (_, line) in try lines(path) {
      let word = line.split(separator: "\t").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
      if !word.isEmpty { words.insert(lowercased ? word.lowercased() : word) }
    }
    return words
  }
}
