import KGCore

/// Why a node or an edge could not be added to a ``Graph``.
public enum GraphError: NewsGraphError, Equatable {
  case duplicateNodeID(String)
  case duplicateEdgeID(String)
  case unknownEndpoint(edge: String, node: String)
  case invalidProperty(name: String, reason: String)

  public var location: SourceLocation? { nil }

  public var message: String {
    switch self {
    case .duplicateNodeID(let id): "node id '\(id)' is used twice"
    case .duplicateEdgeID(let id): "edge id '\(id)' is used twice"
    case .unknownEndpoint(let edge, let node): "edge '\(edge)' refers to node '\(node)', which does not exist"
    case .invalidProperty(let name, let reason): "property '\(name)': \(reason)"
    }
  }
}
