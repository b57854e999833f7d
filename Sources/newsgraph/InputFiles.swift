import Foundation
import KGCore

/// Expands command-line inputs: files as given, folders to the files below them with
/// one of `extensions` (sorted), `-` kept for standard input.
enum InputFiles {
  static func expand(_ inputs: [String], extensions: [String]) throws(InputError) -> [String] {
    var result: [String] = []
    for input in inputs {
      if input == "-" {
        result.append(input)
        continue
      }
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory) else {
        throw InputError("no such file or folder", at: SourceLocation(file: input))
      }
      guard isDirectory.boolValue else {
        result.append(input)
        continue
      }
      guard let enumerator = FileManager.default.enumerator(atPath: input) else {
        throw InputError("cannot read folder", at: SourceLocation(file: input))
      }
      var found: [String] = []
      for case let relative as String in enumerator where extensions.contains(where: { relative.hasSuffix($0) }) {
        found.append((input.hasSuffix("/") ? input : input + "/") + relative)
      }
      result += found.sorted()
    }
    return result
  }
}
