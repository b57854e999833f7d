/// A node as a value: its id, labels and properties.
///
/// ``Graph`` stores nodes column by column; a `Node` is what you give it and what
/// it gives back.
public struct Node: Hashable, Sendable {
  /// The stable id, unique in its graph (for entities: ``EntityID``).
  public var id: String
  /// The labels (`Person`, `Country`, `Organization` for entities), in order.
  public var labels: [String]
  /// The properties by name.
  public var properties: [String: PropertyValue]

  /// Creates a node.
  public init(id: String, labels: [String] = [], properties: [String: PropertyValue] = [:]) {
    self.id = id
    self.labels = labels
    self.properties = properties
  }
}
