/// Read-only access to one property of every node (or every edge), by element index.
///
/// Fetch it once with ``Graph/nodePropertyColumn(_:)`` or ``Graph/edgePropertyColumn(_:)``
/// and index it in a loop, instead of looking the property up by name each time.
public struct PropertyColumn: Sendable {
  /// The column's storage, for code in this package that reads values without
  /// making `PropertyValue`s (the GraphML writer).
  package let data: ColumnData

  init(data: ColumnData) { self.data = data }

  /// The value of the element at `index`, or `nil` when it has none.
  public subscript(index: Int) -> PropertyValue? {
    data.value(at: index)
  }
}
