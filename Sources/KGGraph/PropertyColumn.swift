/// Read-only access to one property of every node (or every edge), by element index.
///
/// Fetch it once with ``Graph/nodePropertyColumn(_:)`` or ``Graph/edgePropertyColumn(_:)``
/// and index it in a loop, instead of looking the property up by name each time.
public struct PropertyColumn: Sendable {
  let values: [PropertyValue?]

  /// The value of the element at `index`, or `nil` when it has none.
  public subscript(index: Int) -> PropertyValue? {
    index < values.count ? values[index] : nil
  }
}
