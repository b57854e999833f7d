/// Paths of the project and of the shared material beside it, for tests.
public enum ProjectPaths {
  /// The project root (the folder holding Package.swift).
  public static var root: String {
    var components = #filePath.split(separator: "/", omittingEmptySubsequences: false)
    // .../Tests/KGTestSupport/ProjectPaths.swift
    components.removeLast(3)
    return components.joined(separator: "/")
  }

  /// `../shared` next to the project.
  public static var shared: String { root + "/../shared" }

  /// The official GraphML 1.1 schema.
  public static var officialGraphMLSchema: String { shared + "/graphml-xsd/graphml.xsd" }

  /// A fresh temporary folder for one test.
  public static func temporaryFolder(_ name: String = "test") -> String {
    let path = "/tmp/newsgraph-tests-\(name)-\(UInt64.random(in: 0...UInt64.max))"
    _ = mkdirForTests(path)
    return path
  }
}

#if canImport(Glibc)
  import Glibc
  @discardableResult
  func mkdirForTests(_ path: String) -> Int32 { mkdir(path, 0o755) }
#endif
