import ArgumentParser
import KGCore
import KGGraph
import KGGraphML

#if canImport(Glibc)
  import Glibc
#endif

/// The graph file formats the command line reads and writes.
enum GraphFormat: String, CaseIterable, ExpressibleByArgument {
  case graphml, json

  /// The format a path's extension names, if any.
  static func infer(from path: String) -> GraphFormat? {
    let lower = path.lowercased()
    if lower.hasSuffix(".graphml") || lower.hasSuffix(".xml") { return .graphml }
    if lower.hasSuffix(".json") { return .json }
    return nil
  }
}

/// Loading and saving graphs for commands; `-` means standard input or output.
enum GraphFiles {
  static func read(_ path: String, format: GraphFormat? = nil) throws -> Graph {
    let bytes: [UInt8]?
    if path == "-" {
      bytes = CommandOutput.readStandardInput()
    } else {
      var status = stat()
      guard stat(path, &status) == 0 else {
        throw InputError("no such file", at: SourceLocation(file: path))
      }
      if (status.st_mode & S_IFMT) == S_IFDIR {
        throw InputError("is a folder, not a graph file", at: SourceLocation(file: path))
      }
      bytes = nil
    }
    let name = path == "-" ? "<stdin>" : path
    let chosen = format ?? GraphFormat.infer(from: path) ?? sniff(bytes: bytes, path: path)
    switch chosen {
    case .graphml:
      if let bytes { return try GraphMLReader().read(bytes: bytes, name: name) }
      return try GraphMLReader().read(file: path)
    case .json:
      let data = try bytes ?? readFile(path)
      let text = String(decoding: data, as: UTF8.self)
      return try Graph(nodeLinkJSON: try JSONValue.parse(text, file: name), file: name)
    }
  }

  static func write(_ graph: Graph, to path: String, format: GraphFormat? = nil) throws {
    let chosen = format ?? GraphFormat.infer(from: path) ?? .graphml
    if path == "-" {
      switch chosen {
      case .graphml:
        try GraphMLWriter().write(graph) { (chunk: [UInt8]) throws(InputError) in
          try CommandOutput.standardOutput(chunk)
        }
      case .json:
        try CommandOutput.standardOutput(Array((graph.nodeLinkJSON().serialized(pretty: true) + "\n").utf8))
      }
      return
    }
    switch chosen {
    case .graphml: try GraphMLWriter().write(graph, toFile: path)
    case .json: try AtomicFileWriter.write(graph.nodeLinkJSON().serialized(pretty: true) + "\n", to: path)
    }
  }

  private static func sniff(bytes: [UInt8]?, path: String) -> GraphFormat {
    var head = bytes.map { Array($0.prefix(256)) } ?? []
    if bytes == nil, let file = fopen(path, "rb") {
      head = [UInt8](repeating: 0, count: 256)
      let count = fread(&head, 1, head.count, file)
      head = Array(head[0..<count])
      fclose(file)
    }
    let first = head.first { ![0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) }
    return first == UInt8(ascii: "{") ? .json : .graphml
  }

  static func readFile(_ path: String) throws(InputError) -> [UInt8] {
    guard let file = fopen(path, "rb") else {
      throw InputError("cannot open: \(String(cString: strerror(errno)))", at: SourceLocation(file: path))
    }
    defer { fclose(file) }
    var result: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let count = fread(&chunk, 1, chunk.count, file)
      if count <= 0 { break }
      result.append(contentsOf: chunk[0..<count])
    }
    return result
  }
}
