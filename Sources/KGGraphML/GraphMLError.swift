import KGCore

/// A problem with a GraphML file: malformed XML, hostile constructs, or GraphML
/// that breaks the format's rules (duplicate ids, dangling edges, unknown keys).
///
/// `kind` names the problem for programs and tests; `message` says it for people.
public struct GraphMLError: NewsGraphError, Equatable {
  /// The kinds of problem, stable across wording changes.
  public enum Kind: String, Sendable, Equatable {
    case cannotOpen, malformedXML, doctypeForbidden, nestingTooDeep, notGraphML
    case duplicateKey, invalidKey, unknownKey, invalidValue
    case missingAttribute, duplicateNodeID, duplicateEdgeID, danglingEdge
    case unsupported, schemaViolation, cannotWrite
  }

  public var kind: Kind
  public var message: String
  public var location: SourceLocation?

  /// Creates an error.
  public init(_ kind: Kind, _ message: String, at location: SourceLocation?) {
    self.kind = kind
    self.message = message
    self.location = location
  }
}
