/// The values of one property across the elements (nodes or edges) of a graph.
///
/// A column stores its values in the cheapest form that holds all of them:
///
/// - ``Kind-swift.enum/text``: strings, as spans of one ``ByteArena``;
/// - ``Kind-swift.enum/textList``: lists of strings, each list one span of the arena
///   holding its elements as LEB128 byte length + UTF-8 bytes;
/// - ``Kind-swift.enum/integer``: integers, with a presence flag per element;
/// - ``Kind-swift.enum/general``: anything else, as `PropertyValue?`.
///
/// The first value decides the kind; a value the kind cannot hold turns the column
/// into a general one. A column may be shorter than the element count: missing
/// trailing entries are absent values.
package struct ColumnData: Sendable {
  package enum Kind: Sendable { case empty, text, textList, integer, general }

  package private(set) var kind = Kind.empty
  /// Text and text-list columns: one span per element (``ByteSpan/absent`` for none).
  package private(set) var spans: [ByteSpan] = []
  package private(set) var arena = ByteArena()
  /// Integer columns.
  package private(set) var integers: [Int] = []
  package private(set) var present: [Bool] = []
  /// General columns.
  package private(set) var values: [PropertyValue?] = []
  /// How many elements have a value.
  package private(set) var valueCount = 0
  private var unusedBytes = 0

  init() {}

  /// A column without values.
  package static let emptyColumn = ColumnData()

  /// The number of element entries (absent ones included).
  package var rowCount: Int {
    switch kind {
    case .empty: 0
    case .text, .textList: spans.count
    case .integer: integers.count
    case .general: values.count
    }
  }

  // MARK: Reading

  /// The value of the element at `index`.
  package func value(at index: Int) -> PropertyValue? {
    switch kind {
    case .empty:
      return nil
    case .text:
      guard index < spans.count, spans[index].isPresent else { return nil }
      return .string(arena.string(spans[index]))
    case .textList:
      guard index < spans.count, spans[index].isPresent else { return nil }
      var elements: [PropertyValue] = []
      forEachListElement(spans[index]) { elements.append(.string(String(decoding: $0, as: UTF8.self))) }
      return .list(elements)
    case .integer:
      guard index < integers.count, present[index] else { return nil }
      return .integer(integers[index])
    case .general:
      return index < values.count ? values[index] : nil
    }
  }

  /// Whether the element at `index` has a value.
  package func hasValue(at index: Int) -> Bool {
    switch kind {
    case .empty: false
    case .text, .textList: index < spans.count && spans[index].isPresent
    case .integer: index < present.count && present[index]
    case .general: index < values.count && values[index] != nil
    }
  }

  /// Calls `body` with the bytes of each element of the text list at `span`.
  @inline(__always)
  package func forEachListElement(_ span: ByteSpan, _ body: (UnsafeRawBufferPointer) throws -> Void) rethrows {
    try arena.withBytes(span) { try Self.forEachListElement(in: $0, body) }
  }

  /// Calls `body` with the bytes of each element of a stored text list: elements are
  /// laid end to end, each after its byte length in LEB128.
  @inlinable @inline(__always)
  package static func forEachListElement(
    in bytes: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) throws -> Void
  ) rethrows {
    var offset = 0
    while offset < bytes.count {
      var length = 0
      var shift = 0
      while true {
        let byte = bytes[offset]
        offset += 1
        length |= Int(byte & 0x7F) << shift
        if byte < 0x80 { break }
        shift += 7
      }
      try body(UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + length)]))
      offset += length
    }
  }

  // MARK: Writing

  /// Sets (or with `nil` removes) the value of the element at `index`.
  mutating func set(_ value: PropertyValue?, at index: Int) {
    guard let value else {
      remove(at: index)
      return
    }
    switch (kind, value) {
    case (.empty, .string), (.text, .string):
      guard case .string(let text) = value else { return }
      text.withUTF8Bytes { setText($0, at: index) }
    case (.empty, .list(let elements)), (.textList, .list(let elements)):
      if elements.allSatisfy({ $0.stringValue != nil }) {
        setTextList(elements.map { $0.stringValue ?? "" }, at: index)
      } else {
        setGeneral(value, at: index)
      }
    case (.empty, .integer(let number)), (.integer, .integer(let number)):
      setInteger(number, at: index)
    default:
      setGeneral(value, at: index)
    }
  }

  /// Sets a string value from its UTF-8 bytes.
  package mutating func setText(_ bytes: UnsafeRawBufferPointer, at index: Int) {
    guard kind == .text || kind == .empty else {
      setGeneral(.string(String(decoding: bytes, as: UTF8.self)), at: index)
      return
    }
    kind = .text
    let span = arena.append(bytes)
    storeSpan(span, at: index)
  }

  /// Sets a list-of-strings value from its elements' UTF-8 bytes, laid end to end in
  /// `bytes` with their lengths in `lengths`.
  package mutating func setTextList(bytes: UnsafeRawBufferPointer, lengths: UnsafeBufferPointer<Int>, at index: Int) {
    guard kind == .textList || kind == .empty else {
      var elements: [PropertyValue] = []
      var offset = 0
      for length in lengths {
        elements.append(.string(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + length)]), as: UTF8.self)))
        offset += length
      }
      setGeneral(.list(elements), at: index)
      return
    }
    kind = .textList
    var total = bytes.count
    for length in lengths { total += Self.lengthPrefixSize(length) }
    let span = arena.append(length: total) { destination in
      var out = destination
      var offset = 0
      for length in lengths {
        var rest = length
        while rest >= 0x80 {
          out.pointee = UInt8(truncatingIfNeeded: rest & 0x7F) | 0x80
          out += 1
          rest >>= 7
        }
        out.pointee = UInt8(truncatingIfNeeded: rest)
        out += 1
        if length > 0, let source = bytes.baseAddress {
          out.update(from: (source + offset).assumingMemoryBound(to: UInt8.self), count: length)
        }
        out += length
        offset += length
      }
    }
    storeSpan(span, at: index)
  }

  private mutating func setTextList(_ elements: [String], at index: Int) {
    var bytes: [UInt8] = []
    var lengths: [Int] = []
    for element in elements {
      let before = bytes.count
      bytes.append(contentsOf: element.utf8)
      lengths.append(bytes.count - before)
    }
    bytes.withUnsafeBytes { raw in
      lengths.withUnsafeBufferPointer { setTextList(bytes: raw, lengths: $0, at: index) }
    }
  }

  private static func lengthPrefixSize(_ length: Int) -> Int {
    var size = 1
    var rest = length >> 7
    while rest > 0 {
      size += 1
      rest >>= 7
    }
    return size
  }

  /// Sets an integer value.
  package mutating func setInteger(_ number: Int, at index: Int) {
    guard kind == .integer || kind == .empty else {
      setGeneral(.integer(number), at: index)
      return
    }
    kind = .integer
    if index >= integers.count {
      let padding = index - integers.count
      if padding > 0 {
        integers.append(contentsOf: repeatElement(0, count: padding))
        present.append(contentsOf: repeatElement(false, count: padding))
      }
      integers.append(number)
      present.append(true)
      valueCount += 1
    } else {
      if !present[index] { valueCount += 1 }
      integers[index] = number
      present[index] = true
    }
  }

  private mutating func storeSpan(_ span: ByteSpan, at index: Int) {
    if index >= spans.count {
      let padding = index - spans.count
      if padding > 0 { spans.append(contentsOf: repeatElement(ByteSpan.absent, count: padding)) }
      spans.append(span)
      valueCount += 1
    } else {
      let old = spans[index]
      if old.isPresent { unusedBytes += old.count } else { valueCount += 1 }
      spans[index] = span
      compactIfWasteful()
    }
  }

  private mutating func setGeneral(_ value: PropertyValue, at index: Int) {
    makeGeneral()
    if index >= values.count {
      let padding = index - values.count
      if padding > 0 { values.append(contentsOf: repeatElement(nil, count: padding)) }
      values.append(value)
      valueCount += 1
    } else {
      if values[index] == nil { valueCount += 1 }
      values[index] = value
    }
  }

  private mutating func remove(at index: Int) {
    guard index < rowCount, hasValue(at: index) else { return }
    valueCount -= 1
    switch kind {
    case .empty: break
    case .text, .textList:
      unusedBytes += spans[index].count
      spans[index] = .absent
      compactIfWasteful()
    case .integer:
      present[index] = false
    case .general:
      values[index] = nil
    }
  }

  /// Turns a typed column into a general one.
  private mutating func makeGeneral() {
    guard kind != .general else { return }
    var general: [PropertyValue?] = []
    general.reserveCapacity(rowCount)
    for index in 0..<rowCount { general.append(value(at: index)) }
    kind = .general
    values = general
    spans = []
    arena = ByteArena()
    integers = []
    present = []
    unusedBytes = 0
  }

  /// Removes the element at `index` by moving the last element (`lastIndex`) into its place.
  mutating func swapRemove(at index: Int, lastIndex: Int) {
    if index != lastIndex { moveValue(from: lastIndex, to: index) }
    remove(at: lastIndex)
    guard lastIndex < rowCount else { return }
    switch kind {
    case .empty: break
    case .text, .textList: spans.removeLast(spans.count - lastIndex)
    case .integer:
      integers.removeLast(integers.count - lastIndex)
      present.removeLast(present.count - lastIndex)
    case .general: values.removeLast(values.count - lastIndex)
    }
  }

  /// Gives the element at `destination` the value of the element at `source`, which
  /// comes after it, and leaves `source` without a value.
  private mutating func moveValue(from source: Int, to destination: Int) {
    guard hasValue(at: source) else {
      remove(at: destination)
      return
    }
    if !hasValue(at: destination) { valueCount += 1 }
    switch kind {
    case .empty: break
    case .text, .textList:
      if spans[destination].isPresent { unusedBytes += spans[destination].count }
      spans[destination] = spans[source]
      spans[source] = .absent
    case .integer:
      integers[destination] = integers[source]
      present[destination] = true
      present[source] = false
    case .general:
      values[destination] = values[source]
      values[source] = nil
    }
    valueCount -= 1
  }

  private mutating func compactIfWasteful() {
    guard unusedBytes > 65536, unusedBytes * 2 > arena.count else { return }
    var fresh = ByteArena()
    for index in spans.indices where spans[index].isPresent {
      spans[index] = arena.withBytes(spans[index]) { fresh.append($0) }
    }
    arena = fresh
    unusedBytes = 0
  }

  mutating func reserveCapacity(_ count: Int) {
    switch kind {
    case .empty: break
    case .text, .textList: spans.reserveCapacity(count)
    case .integer:
      integers.reserveCapacity(count)
      present.reserveCapacity(count)
    case .general: values.reserveCapacity(count)
    }
  }
}

/// Properties of many elements stored one column per property name.
///
/// Storing columns instead of one dictionary per element keeps a graph of a million
/// edges within the size of its GraphML file.
struct PropertyColumns: Sendable {
  private(set) var names: [String] = []
  private var slotByName: [String: Int] = [:]
  private(set) var columns: [ColumnData] = []

  /// The slot of `name`, creating an empty column when it is new.
  mutating func slot(for name: String) -> Int {
    if let slot = slotByName[name] { return slot }
    let slot = names.count
    names.append(name)
    slotByName[name] = slot
    columns.append(ColumnData())
    return slot
  }

  func existingSlot(for name: String) -> Int? { slotByName[name] }

  func column(named name: String) -> ColumnData? {
    slotByName[name].map { columns[$0] }
  }

  func value(slot: Int, at index: Int) -> PropertyValue? {
    columns[slot].value(at: index)
  }

  func value(named name: String, at index: Int) -> PropertyValue? {
    guard let slot = slotByName[name] else { return nil }
    return value(slot: slot, at: index)
  }

  mutating func set(slot: Int, at index: Int, to value: PropertyValue?) {
    columns[slot].set(value, at: index)
  }

  mutating func setText(slot: Int, at index: Int, bytes: UnsafeRawBufferPointer) {
    columns[slot].setText(bytes, at: index)
  }

  mutating func setTextList(slot: Int, at index: Int, bytes: UnsafeRawBufferPointer, lengths: UnsafeBufferPointer<Int>) {
    columns[slot].setTextList(bytes: bytes, lengths: lengths, at: index)
  }

  mutating func setInteger(slot: Int, at index: Int, to number: Int) {
    columns[slot].setInteger(number, at: index)
  }

  func properties(at index: Int) -> [String: PropertyValue] {
    var result: [String: PropertyValue] = [:]
    for (slot, name) in names.enumerated() {
      if let value = columns[slot].value(at: index) { result[name] = value }
    }
    return result
  }

  /// Whether any element has a value for the column at `slot`.
  func hasValues(slot: Int) -> Bool { columns[slot].valueCount > 0 }

  /// Names of the columns that hold at least one value, sorted.
  var namesInUse: [String] {
    names.enumerated().filter { hasValues(slot: $0.offset) }.map(\.element).sorted()
  }

  /// Removes the element at `index` by moving the last element into its place.
  mutating func swapRemove(at index: Int, lastIndex: Int) {
    for slot in columns.indices { columns[slot].swapRemove(at: index, lastIndex: lastIndex) }
  }
}
