/// Properties of many elements stored one column per property name.
///
/// A column may be shorter than the element count: missing trailing entries are
/// absent values. Storing columns instead of one dictionary per element keeps a
/// graph of a million edges within the size of its GraphML file.
struct PropertyColumns: Sendable {
  private(set) var names: [String] = []
  private var slotByName: [String: Int] = [:]
  private var columns: [[PropertyValue?]] = []

  /// The slot of `name`, creating an empty column when it is new.
  mutating func slot(for name: String) -> Int {
    if let slot = slotByName[name] { return slot }
    let slot = names.count
    names.append(name)
    slotByName[name] = slot
    columns.append([])
    return slot
  }

  func existingSlot(for name: String) -> Int? { slotByName[name] }

  func column(named name: String) -> PropertyColumn? {
    slotByName[name].map { PropertyColumn(values: columns[$0]) }
  }

  func value(slot: Int, at index: Int) -> PropertyValue? {
    let column = columns[slot]
    return index < column.count ? column[index] : nil
  }

  func value(named name: String, at index: Int) -> PropertyValue? {
    guard let slot = slotByName[name] else { return nil }
    return value(slot: slot, at: index)
  }

  mutating func set(slot: Int, at index: Int, to value: PropertyValue?) {
    if index >= columns[slot].count {
      guard let value else { return }
      let padding = index - columns[slot].count
      if padding > 0 { columns[slot].append(contentsOf: repeatElement(nil, count: padding)) }
      columns[slot].append(value)
    } else {
      columns[slot][index] = value
    }
  }

  func properties(at index: Int) -> [String: PropertyValue] {
    var result: [String: PropertyValue] = [:]
    for (slot, name) in names.enumerated() {
      if let value = value(slot: slot, at: index) { result[name] = value }
    }
    return result
  }

  /// Whether any element has a value for the column at `slot`.
  func hasValues(slot: Int) -> Bool { columns[slot].contains { $0 != nil } }

  /// Names of the columns that hold at least one value, sorted.
  var namesInUse: [String] {
    names.enumerated().filter { hasValues(slot: $0.offset) }.map(\.element).sorted()
  }

  /// Removes the element at `index` by moving the last element into its place.
  mutating func swapRemove(at index: Int, lastIndex: Int) {
    for slot in columns.indices {
      let moved = value(slot: slot, at: lastIndex)
      if index != lastIndex { set(slot: slot, at: index, to: moved) }
      if lastIndex < columns[slot].count { columns[slot].removeLast(columns[slot].count - lastIndex) }
    }
  }
}
