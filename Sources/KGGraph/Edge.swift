/// An edge as a value: its id, ends, type and properties.
///
/// Edges are directed from ``source`` to ``target``; for the ontology's symmetric
/// types (`met`, `talked_to`) the direction carries no meaning.
public struct Edge: Hashable, Sendable {
  /// The stable id, unique in its graph.
  public var id: String
  /// The id of the node the edge starts at.
  public var source: String
  /// The id of the node the edge ends at.
  public var target: String
  /// The relationship type (`met`, `said`, ...).
  public var type: String
  /// The properties by name.
  public var properties: [String: PropertyValue]

  /// Creates an edge.
  public init(
    id: String, source: String, target: String, type: String,
    properties: [String: PropertyValue] = [:]
  ) {
    self.id = id
    self.source = source
    self.target = target
    self.type = type
    self.properties = properties
  }
}
