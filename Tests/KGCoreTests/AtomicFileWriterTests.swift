import KGCore
import Testing

#if canImport(Glibc)
  import Glibc
#endif

@Suite struct AtomicFileWriterTests {
  private func folder() -> String {
    let path = "/tmp/newsgraph-atomic-\(UInt64.random(in: 0...UInt64.max))"
    mkdir(path, 0o755)
    return path
  }

  private func contents(_ path: String) -> String? {
    guard let file = fopen(path, "rb") else { return nil }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 4096)
    while true {
      let count = fread(&chunk, 1, chunk.count, file)
      if count <= 0 { break }
      bytes += chunk[0..<count]
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  private func entries(_ path: String) -> [String] {
    guard let directory = opendir(path) else { return [] }
    defer { closedir(directory) }
    var names: [String] = []
    while let entry = readdir(directory) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
      if name != "." && name != ".." { names.append(name) }
    }
    return names.sorted()
  }

  @Test func commitReplacesTheFile() throws {
    let path = folder() + "/out.txt"
    try AtomicFileWriter.write("old", to: path)
    try AtomicFileWriter.write("new", to: path)
    #expect(contents(path) == "new")
  }

  @Test func anAbandonedWriteLeavesTheOldFileWholeAndNoTemporaryFile() throws {
    let directory = folder()
    let path = directory + "/out.txt"
    try AtomicFileWriter.write("old contents", to: path)
    do {
      let writer = try AtomicFileWriter(path: path)
      try writer.write(String(repeating: "x", count: 3 << 20))
      // Dropped without commit, as when an error interrupts a run.
    }
    #expect(contents(path) == "old contents")
    #expect(entries(directory) == ["out.txt"])
  }

  @Test func aMissingFolderIsAnErrorNamingThePath() {
    #expect {
      try AtomicFileWriter.write("x", to: "/nonexistent-folder/out.txt")
    } throws: { error in
      (error as? InputError)?.location?.file == "/nonexistent-folder/out.txt"
    }
  }
}
