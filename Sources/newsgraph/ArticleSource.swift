import Foundation
import KGCore

/// One article to extract: its id, text, and where it came from (for messages).
struct Article: Sendable {
  var id: String
  var text: String
  /// Whether the first line is a headline (text files, or a JSON `title`).
  var headline: Bool
  var origin: String
}

/// Reads articles from the command line's inputs: text files, folders of `*.txt`,
/// standard input (`-`), and JSON Lines files (`*.jsonl`).
///
/// Problems with one article (a binary file, a bad JSON line) are reported as warnings
/// and the rest still run; invalid UTF-8 is repaired with a warning naming the byte offset.
struct ArticleSource {
  var warn: (String) -> Void

  /// The text files and JSON Lines files named by `inputs`, folders expanded (sorted).
  func files(for inputs: [String]) throws(InputError) -> [String] {
    try InputFiles.expand(inputs, extensions: [".txt", ".jsonl"])
  }

  /// Calls `body` with batches of articles from `file`, so JSON Lines files stream.
  func forEachBatch(of file: String, batchSize: Int, _ body: ([Article]) throws -> Void) throws {
    if file.hasSuffix(".jsonl") {
      try readJSONLines(file, batchSize: batchSize, body)
      return
    }
    let data: Data
    if file == "-" {
      data = FileHandle.standardInput.readDataToEndOfFile()
    } else {
      guard let contents = FileManager.default.contents(atPath: file) else {
        throw InputError("cannot read file", at: SourceLocation(file: file))
      }
      data = contents
    }
    if data.prefix(8192).contains(0) {
      warn("\(file): skipped: looks like a binary file (it holds NUL bytes)")
      return
    }
    let text = repairedText(data, origin: file)
    let id = file == "-" ? "stdin" : Self.stem(of: file)
    try body([Article(id: id, text: text, headline: true, origin: file)])
  }

  private func readJSONLines(_ file: String, batchSize: Int, _ body: ([Article]) throws -> Void) throws {
    guard let reader = file == "-" ? FileHandle.standardInput : FileHandle(forReadingAtPath: file) else {
      throw InputError("cannot read file", at: SourceLocation(file: file))
    }
    var batch: [Article] = []
    var pending = Data()
    var lineNumber = 0
    func take(line: Data) throws {
      lineNumber += 1
      let text = repairedText(line, origin: "\(file):\(lineNumber)")
      if text.utf8.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return }
      do {
        let value = try JSONValue.parse(text, file: file)
        guard case .string(let body)? = value["text"] else {
          warn("\(file):\(lineNumber): skipped: no \"text\" string")
          return
        }
        let id: String
        switch value["id"] {
        case .string(let text)?: id = text
        case .integer(let number)?: id = String(number)
        default:
          warn("\(file):\(lineNumber): skipped: no \"id\"")
          return
        }
        var articleText = body
        var headline = false
        if case .string(let title)? = value["title"], !title.isEmpty {
          articleText = title + "\n" + body
          headline = true
        }
        batch.append(Article(id: id, text: articleText, headline: headline, origin: "\(file):\(lineNumber)"))
      } catch {
        let column = error.location?.column ?? 0
        warn("\(file):\(lineNumber):\(column): skipped: \(error.message)")
      }
      if batch.count >= batchSize {
        try body(batch)
        batch = []
      }
    }
    while true {
      let chunk = reader.readData(ofLength: 1 << 20)
      if chunk.isEmpty { break }
      pending.append(chunk)
      // Take every whole line, then drop them from the buffer at once.
      var start = pending.startIndex
      while let newline = pending[start...].firstIndex(of: 0x0A) {
        try take(line: Data(pending[start..<newline]))
        start = newline + 1
      }
      pending = Data(pending[start...])
    }
    if !pending.isEmpty { try take(line: pending) }
    if !batch.isEmpty { try body(batch) }
  }

  /// The text of `data`, with invalid UTF-8 replaced by U+FFFD and a warning naming
  /// the first bad byte.
  func repairedText(_ data: Data, origin: String) -> String {
    if let text = String(validatingUTF8CString: data) { return text }
    let bytes = [UInt8](data)
    var offset = 0
    var iterator = bytes.makeIterator()
    var decoder = UTF8()
    decoding: while true {
      switch decoder.decode(&iterator) {
      case .scalarValue(let scalar): offset += UTF8.width(scalar)
      case .emptyInput: break decoding
      case .error:
        warn("\(origin): invalid UTF-8 at byte \(offset); replaced with U+FFFD")
        break decoding
      }
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  static func stem(of path: String) -> String {
    let name = path.split(separator: "/").last.map(String.init) ?? path
    if let dot = name.lastIndex(of: "."), dot != name.startIndex { return String(name[..<dot]) }
    return name
  }
}

extension String {
  /// The text of `data` if it is valid UTF-8 (and holds no NUL), else `nil`.
  init?(validatingUTF8CString data: Data) {
    guard let text = String(validating: data, as: UTF8.self) else { return nil }
    self = text
  }
}
