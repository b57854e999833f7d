import Foundation
import KGCore
import KGGraph
import KGStore

/// Opening graph files for queries: reading statements use the memory-mapped snapshot
/// beside the file (``SnapshotFile``), which is rebuilt from the file whenever it is
/// missing, older than the file, or damaged; writing statements read the file itself.
enum QueryGraphFiles {
  /// The store to query `path` with. A file that does not exist is an empty graph.
  static func store(_ path: String, useSnapshot: Bool) throws -> GraphStore {
    guard FileManager.default.fileExists(atPath: path) else { return GraphStore(graph: Graph()) }
    guard useSnapshot else { return GraphStore(graph: try GraphFiles.read(path)) }
    switch SnapshotFile.open(for: path) {
    case .success(let store):
      return store
    case .failure(let refusal):
      if case .damaged = refusal {
        CommandOutput.note("\(SnapshotFile.path(for: path)): \(refusal); reading \(path) and writing it again")
      }
      // The stamp is taken before reading: if the file changes meanwhile, the snapshot
      // written here is stale at once and never trusted.
      let stamp = SnapshotFile.stamp(of: path)
      let graph = try GraphFiles.read(path)
      return saveSnapshot(graph, for: path, stamp: stamp) ?? GraphStore(graph: graph)
    }
  }

  /// The graph for a writing statement.
  static func graph(_ path: String) throws -> Graph {
    FileManager.default.fileExists(atPath: path) ? try GraphFiles.read(path) : Graph()
  }

  /// Saves `graph` to `path` after a writing statement, with a fresh snapshot beside
  /// it unless snapshots are off; returns the store for further reading statements.
  @discardableResult
  static func save(_ graph: Graph, to path: String, useSnapshot: Bool) throws -> GraphStore {
    try GraphFiles.write(graph, to: path)
    guard useSnapshot else { return GraphStore(graph: graph) }
    return saveSnapshot(graph, for: path, stamp: SnapshotFile.stamp(of: path)) ?? GraphStore(graph: graph)
  }

  /// Writes the snapshot; a folder that cannot take it only costs speed, so failure is
  /// a note, not an error.
  private static func saveSnapshot(_ graph: Graph, for path: String, stamp: SnapshotFormat.SourceStamp?) -> GraphStore? {
    guard let stamp else { return nil }
    do {
      return try SnapshotFile.write(graph, for: path, stamp: stamp)
    } catch {
      CommandOutput.note("cannot keep a snapshot beside \(path) (\(error)); queries will read the file each time")
      return nil
    }
  }
}
