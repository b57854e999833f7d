import KGGraph
import KGStore

/// The streaming executor for the most common shape of reading query:
///
/// ```cypher
/// MATCH <one chain of nodes and relationships> [WHERE ...]
/// RETURN [DISTINCT] items [ORDER BY ...] [SKIP n] [LIMIT n]
/// ```
///
/// Matches are never held as rows: each binding is a frame of element indices that
/// flows into the projection, the DISTINCT set or the aggregation table at once.
/// Grouping and DISTINCT go by element first (a node's `name` is the same on every
/// row that binds that node), so values are made once per element, not once per
/// row; `ORDER BY ... LIMIT k` keeps only the best k. Other queries run on the
/// clause-by-clause ``Executor``; both give the same rows in the same order.
final class Pipeline {
  private let plan: MatchPlan
  private let store: GraphStore
  private let columns: [String]
  private let keyItems: [(index: Int, value: SlotExpression, identity: [Identity]?)]
  /// The key items' expressions, in the order of `keyItems`.
  private let keyExpressionsInOrder: [Expression]
  private let aggregates: [(index: Int, aggregate: AggregateSpec)]
  private let distinct: Bool
  private let order: [(column: Int, ascending: Bool)]
  private let skip: Int
  private let limit: Int?

  /// What a value depends on, as an integer per frame: an element, or a type code
  /// (both read from a frame slot).
  enum Identity: Hashable {
    case element(slot: Int)
    case typeCode(slot: Int)

    var slot: Int {
      switch self {
      case .element(let slot), .typeCode(let slot): slot
      }
    }
  }

  /// An aggregate of the supported kinds.
  struct AggregateSpec {
    enum Kind { case countAll, count, sum, avg, min, max, collect }
    var kind: Kind
    var distinct: Bool
    var argument: SlotExpression?
  }

  private init(
    plan: MatchPlan, store: GraphStore, columns: [String], keyItems: [(index: Int, value: SlotExpression, identity: [Identity]?)],
    keyExpressionsInOrder: [Expression], aggregates: [(index: Int, aggregate: AggregateSpec)], distinct: Bool,
    order: [(column: Int, ascending: Bool)], skip: Int, limit: Int?
  ) {
    self.plan = plan
    self.store = store
    self.columns = columns
    self.keyItems = keyItems
    self.keyExpressionsInOrder = keyExpressionsInOrder
    self.aggregates = aggregates
    self.distinct = distinct
    self.order = order
    self.skip = skip
    self.limit = limit
  }

  /// The pipeline for `statement`, or `nil` when it has another shape.
  static func make(_ statement: Statement, working: WorkingGraph, evaluator: Evaluator) throws(CypherError) -> Pipeline? {
    guard statement.queries.count == 1, let query = statement.queries.first, query.clauses.count == 2,
      case .match(let match) = query.clauses[0], case .return(let projection) = query.clauses[1]
    else { return nil }
    return try make(match: match, projection: projection, working: working, evaluator: evaluator)
  }

  /// A pipeline for a query that opens with `MATCH … WITH …` and goes on with other
  /// reading clauses: the pipeline makes the rows the `WITH` passes on (its `WHERE`, when
  /// it reads only the projected names, is applied by the caller); the clause-by-clause
  /// executor runs the rest on them.
  static func makeHead(_ statement: Statement, working: WorkingGraph, evaluator: Evaluator) throws(CypherError)
    -> (pipeline: Pipeline, projection: Projection, predicate: Expression?, rest: ArraySlice<Clause>)?
  {
    guard statement.queries.count == 1, let query = statement.queries.first, query.clauses.count >= 3,
      case .match(let match) = query.clauses[0], case .with(let projection, let predicate) = query.clauses[1],
      !query.clauses.dropFirst(2).contains(where: { if case .create = $0 { return true } else { return false } })
    else { return nil }
    if let predicate {
      let names = Set(projection.items.map(\.name))
      guard let free = SlotCompiler.freeVariables(predicate), free.isSubset(of: names) else { return nil }
    }
    guard let pipeline = try make(match: match, projection: projection, working: working, evaluator: evaluator) else { return nil }
    return (pipeline, projection, predicate, query.clauses.dropFirst(2))
  }

  private static func make(match: Match, projection: Projection, working: WorkingGraph, evaluator: Evaluator) throws(CypherError)
    -> Pipeline?
  {
    guard !match.optional, match.pattern.parts.count == 1, !projection.includesAll else { return nil }
    let store = working.store

    // The aggregates and what the output needs.
    var aggregateItems: [(Int, Expression)] = []
    var keyExpressions: [(Int, Expression)] = []
    var outputVariables: Set<String> = []
    for (index, item) in projection.items.enumerated() {
      if Aggregation.contains(item.expression) {
        guard Aggregation.isAggregate(item.expression) else { return nil }
        aggregateItems.append((index, item.expression))
      } else {
        keyExpressions.append((index, item.expression))
      }
      guard let free = SlotCompiler.freeVariables(item.expression) else { return nil }
      outputVariables.formUnion(free)
    }
    let aggregating = !aggregateItems.isEmpty
    // ORDER BY may name a column or repeat an item's expression; anything else runs
    // on the general executor (it may read variables that are not projected).
    var order: [(column: Int, ascending: Bool)] = []
    for item in projection.orderBy {
      if case .variable(let name) = item.expression, let column = projection.items.firstIndex(where: { $0.name == name }) {
        order.append((column, item.ascending))
      } else if let column = projection.items.firstIndex(where: { $0.expression == item.expression }) {
        order.append((column, item.ascending))
      } else {
        return nil
      }
    }
    // Deduplicating a walk is sound only when repeated rows collapse anyway.
    let multiplicityMatters = aggregating || !projection.distinct
    var compiler = SlotCompiler(store: store, evaluator: evaluator, variables: [:])
    guard
      let plan = try MatchPlan.make(
        match.pattern.parts[0], predicate: match.predicate, compiler: &compiler, store: store, evaluator: evaluator,
        multiplicityMatters: multiplicityMatters, outputVariables: outputVariables)
    else { return nil }

    var keys: [(index: Int, value: SlotExpression, identity: [Identity]?)] = []
    for (index, expression) in keyExpressions {
      keys.append((index, compiler.compile(expression), Self.identity(of: expression, compiler.variables)))
    }
    var aggregates: [(index: Int, aggregate: AggregateSpec)] = []
    for (index, expression) in aggregateItems {
      switch expression {
      case .countAll:
        aggregates.append((index, AggregateSpec(kind: .countAll, distinct: false, argument: nil)))
      case .function(let name, let isDistinct, let arguments):
        let kinds: [String: AggregateSpec.Kind] = [
          "count": .count, "sum": .sum, "avg": .avg, "min": .min, "max": .max, "collect": .collect,
        ]
        guard let kind = kinds[name.lowercased()], arguments.count == 1 else { return nil }
        aggregates.append((index, AggregateSpec(kind: kind, distinct: isDistinct, argument: compiler.compile(arguments[0]))))
      default:
        return nil
      }
    }
    let executor = Executor(evaluator: evaluator)
    return Pipeline(
      plan: plan, store: store, columns: projection.items.map(\.name), keyItems: keys,
      keyExpressionsInOrder: keyExpressions.map(\.1), aggregates: aggregates,
      distinct: projection.distinct, order: order,
      skip: try projection.skip.map { expression throws(CypherError) in try executor.nonNegativeInteger(expression, "SKIP") } ?? 0,
      limit: try projection.limit.map { expression throws(CypherError) in try executor.nonNegativeInteger(expression, "LIMIT") })
  }

  /// The elements (or type codes) a key expression's value depends on; `nil` when
  /// it may differ between frames that bind the same elements.
  private static func identity(of expression: Expression, _ variables: [String: SlotVariable]) -> [Identity]? {
    if case .function(let name, _, let arguments) = expression, name.lowercased() == "type", arguments.count == 1,
      case .variable(let variable) = arguments[0], let typeSlot = variables[variable]?.typeSlot
    {
      return [.typeCode(slot: typeSlot)]
    }
    guard let free = SlotCompiler.freeVariables(expression) else { return nil }
    var result: [Identity] = []
    for name in free.sorted() {
      guard let variable = variables[name] else { return nil }
      result.append(.element(slot: variable.slot))
    }
    return result
  }

  // MARK: Running

  func run() throws(CypherError) -> ([String], [[Value]]) {
    var rows: [[Value]]
    if aggregates.isEmpty {
      rows = try project()
      if !order.isEmpty { rows = sortedIndices(rows, keeping: limit.map { skip + $0 }).map { rows[$0] } }
    } else {
      rows = try aggregate()
    }
    if skip > 0 { rows = Array(rows.dropFirst(skip)) }
    if let limit, rows.count > limit { rows = Array(rows.prefix(limit)) }
    return (columns, rows)
  }

  /// Identity components of a frame for `keys`, deduplicated, in a fixed order.
  private func identitySlots() -> [Identity]? {
    var all: [Identity] = []
    for key in keyItems {
      guard let identity = key.identity else { return nil }
      for part in identity where !all.contains(part) { all.append(part) }
    }
    return all
  }

  /// Whether equal identities are exactly equal key values: every identity component
  /// is the whole identity of a key item that tells its elements apart (the element
  /// itself, `type(r)`, or a node property no two nodes share).
  private func identityIsExact(_ parts: [Identity], _ expressions: [Expression]) -> Bool {
    var exact: Set<Identity> = []
    for (item, expression) in zip(keyItems, expressions) {
      guard let identity = item.identity, identity.count == 1 else { continue }
      switch expression {
      case .variable:
        exact.insert(identity[0])
      case .function:
        if case .typeCode = identity[0] { exact.insert(identity[0]) }
      case .property(.variable, let key):
        if case .element(let slot) = identity[0], plan.nodeSlots.contains(slot),
          let column = store.nodeColumnIndex(named: key), store.uniqueNodeColumns.contains(column)
        {
          exact.insert(identity[0])
        }
      default:
        break
      }
    }
    return parts.allSatisfy(exact.contains)
  }

  /// Groups of frames by identity: one integer key for up to two components (element
  /// indices and type codes are below 2^32), an array for more.
  fileprivate struct IdentityTable {
    let parts: [Identity]
    let store: GraphStore
    var small = IntTable()
    var large: [[Int]: Int] = [:]
    var scratch: [Int] = []
    /// One component below a known bound: group numbers + 1 by component (0: none yet).
    var dense: [Int32] = []
    let isDense: Bool
    /// Two components, the first being the walk's start node: frames come grouped by
    /// it, so groups are looked up by the second component in a small table that is
    /// emptied when the start node changes (it stays in cache, unlike one table of
    /// every pair).
    let isByStart: Bool
    var currentStart = -1

    /// `bound`: one more than the largest value the only component can take, when
    /// known (type codes, node or edge indices). `startSlot`: the slot of the node the
    /// walk starts from.
    init(parts: [Identity], store: GraphStore, bound: Int?, startSlot: Int) {
      self.parts = parts
      self.store = store
      isDense = parts.count == 1 && bound != nil
      if isDense, let bound { dense = [Int32](repeating: 0, count: bound) }
      isByStart = parts.count == 2 && parts[0] == .element(slot: startSlot)
    }

    @inline(__always)
    private func component(_ part: Identity, _ frame: UnsafePointer<Int>) -> Int { frame[part.slot] }

    /// The group of `frame`, or a new one numbered `next`.
    @inline(__always)
    mutating func group(_ frame: UnsafePointer<Int>, next: Int) -> (group: Int, isNew: Bool) {
      if isDense {
        let value = frame[parts[0].slot]
        let existing = dense[value]
        if existing != 0 { return (Int(existing) - 1, false) }
        dense[value] = Int32(truncatingIfNeeded: next + 1)
        return (next, true)
      }
      if isByStart {
        let start = frame[parts[0].slot]
        if start != currentStart {
          small.removeAll()
          currentStart = start
        }
        return small.findOrInsert(frame[parts[1].slot], next)
      }
      if parts.count <= 2 {
        var key = 0
        for (position, part) in parts.enumerated() { key |= component(part, frame) << (32 * position) }
        return small.findOrInsert(key, next)
      }
      scratch.removeAll(keepingCapacity: true)
      for part in parts { scratch.append(component(part, frame)) }
      if let existing = large[scratch] { return (existing, false) }
      large[scratch] = next
      return (next, true)
    }
  }

  private func identityTable(_ parts: [Identity]) -> IdentityTable {
    var bound: Int?
    if parts.count == 1 {
      switch parts[0] {
      case .typeCode: bound = store.edgeTypes.count
      case .element(let slot): bound = plan.nodeSlots.contains(slot) ? store.nodeCount : store.edgeCount
      }
    }
    // The start node first, so that a pair keyed by it can use the per-start table.
    let startSlot = plan.nodeSlots[plan.startPosition]
    var ordered = parts
    if let position = ordered.firstIndex(of: .element(slot: startSlot)), position > 0 {
      ordered.swapAt(0, position)
    }
    return IdentityTable(parts: ordered, store: store, bound: bound, startSlot: startSlot)
  }

  /// Non-aggregating RETURN: rows as they come, distinct ones when asked.
  private func project() throws(CypherError) -> [[Value]] {
    // Without ORDER BY, LIMIT can stop the walk early.
    let enough = order.isEmpty ? limit.map { skip + $0 } : nil
    if enough == 0 { return [] }
    let sink = ProjectionSink(
      keyItems: keyItems, columnCount: columns.count, distinct: distinct,
      identities: distinct ? identitySlots().map(identityTable) : nil, enough: enough)
    try MatchRunner(plan: plan, store: store, sink: sink).run()
    return sink.rows
  }

  /// Running state of one aggregate in one group.
  fileprivate struct Accumulator {
    var count = 0
    var integer = 0
    var float = 0.0
    var isFloat = false
    var best: Value?
  }

  /// Aggregating RETURN: one group per distinct key; accumulators updated per frame,
  /// kept flat (group × aggregate). Frames are grouped by the elements their keys
  /// read; those groups are merged by value at the end (count, sum, avg, min and max
  /// combine; DISTINCT and collect group by value directly) unless the elements are
  /// the values (``identityIsExact(_:_:)``), and then keys are made only for the rows
  /// that are returned.
  private func aggregate() throws(CypherError) -> [[Value]] {
    let aggregateCount = aggregates.count
    let keyCount = keyItems.count
    let combinable = aggregates.allSatisfy { !$0.aggregate.distinct && $0.aggregate.kind != .collect }
    let parts = combinable ? identitySlots() : nil
    let sink = AggregationSink(
      keyItems: keyItems, aggregates: aggregates.map(\.aggregate), identities: parts.map(identityTable),
      slotCount: plan.slotCount)
    try MatchRunner(plan: plan, store: store, sink: sink).run()
    let identities = sink.identities
    let groupCount = sink.groupCount
    let frames = sink.frames
    let keyValues = sink.keyValues
    var accumulators = sink.accumulators
    let collections = sink.collections
    let slotCount = plan.slotCount
    if groupCount == 0 && keyCount == 0 {
      sink.addGroup()
      return [aggregateRowOf(sink, 0)]
    }


    func keysOf(_ group: Int) throws(CypherError) -> [Value] {
      if identities == nil { return Array(keyValues[(group * keyCount)..<((group + 1) * keyCount)]) }
      return try frames.withUnsafeBufferPointer { buffer throws(CypherError) -> [Value] in
        guard let base = buffer.baseAddress else { return [] }
        var values: [Value] = []
        for item in keyItems { values.append(try item.value(base + group * slotCount)) }
        return values
      }
    }
    func aggregateRow(_ group: Int) -> [Value] {
      var row = [Value](repeating: .null, count: columns.count)
      for (position, entry) in aggregates.enumerated() {
        let slot = group * aggregateCount + position
        row[entry.index] = entry.aggregate.kind == .collect ? .list(collections[slot]) : Self.result(accumulators[slot], entry.aggregate.kind)
      }
      return row
    }
    func fullRow(_ group: Int, keys: [Value]) -> [Value] {
      var row = aggregateRow(group)
      for (position, item) in keyItems.enumerated() { row[item.index] = keys[position] }
      return row
    }

    if let parts, identityIsExact(parts, keyExpressionsInOrder) {
      // Groups are final. When ORDER BY reads only aggregates, rank first and make keys
      // only for the rows kept.
      let aggregateColumns = Set(aggregates.map(\.index))
      if !order.isEmpty, let limit, order.allSatisfy({ aggregateColumns.contains($0.column) }) {
        // Ranked by the ORDER BY columns only, one array of values per column.
        let ranking = order.map { entry in
          let position = aggregates.firstIndex { $0.index == entry.column } ?? 0
          let kind = aggregates[position].aggregate.kind
          return (0..<groupCount).map { group in
            kind == .collect ? .list(collections[group * aggregateCount + position]) : Self.result(accumulators[group * aggregateCount + position], kind)
          }
        }
        var rows: [[Value]] = []
        for group in sortedIndices(columns: ranking, count: groupCount, keeping: skip + limit) { rows.append(fullRow(group, keys: try keysOf(group))) }
        return rows
      }
      var rows: [[Value]] = []
      for group in 0..<groupCount { rows.append(fullRow(group, keys: try keysOf(group))) }
      return order.isEmpty ? rows : sortedIndices(rows, keeping: limit.map { skip + $0 }).map { rows[$0] }
    }
    var rows: [[Value]] = []
    if identities != nil {
      // Merge element groups with equal key values, in first-seen order.
      var position: [[Value]: Int] = [:]
      var mergedKeys: [[Value]] = []
      var mergedFirst: [Int] = []
      for group in 0..<groupCount {
        let keys = try keysOf(group)
        let signature = keys.map(Comparison.groupingKey)
        if let existing = position[signature] {
          let into = mergedFirst[existing] * aggregateCount
          for index in 0..<aggregateCount {
            try Self.combine(&accumulators[into + index], accumulators[group * aggregateCount + index], aggregates[index].aggregate.kind)
          }
        } else {
          position[signature] = mergedKeys.count
          mergedKeys.append(keys)
          mergedFirst.append(group)
        }
      }
      for (keys, group) in zip(mergedKeys, mergedFirst) { rows.append(fullRow(group, keys: keys)) }
    } else {
      for group in 0..<groupCount { rows.append(fullRow(group, keys: try keysOf(group))) }
    }
    return order.isEmpty ? rows : sortedIndices(rows, keeping: limit.map { skip + $0 }).map { rows[$0] }
  }

  /// The row of a group without keys (aggregates only), from the sink's state.
  private func aggregateRowOf(_ sink: AggregationSink, _ group: Int) -> [Value] {
    var row = [Value](repeating: .null, count: columns.count)
    for (position, entry) in aggregates.enumerated() {
      let slot = group * aggregates.count + position
      row[entry.index] = entry.aggregate.kind == .collect ? .list(sink.collections[slot]) : Self.result(sink.accumulators[slot], entry.aggregate.kind)
    }
    return row
  }

  fileprivate static func add(_ value: Value, to accumulator: inout Accumulator, _ kind: AggregateSpec.Kind) throws(CypherError) {
    switch kind {
    case .countAll, .count:
      accumulator.count += 1
    case .sum, .avg:
      switch value {
      case .integer(let number) where kind == .sum:
        let (total, overflow) = accumulator.integer.addingReportingOverflow(number)
        if overflow { throw CypherError(.arithmeticError, "IntegerOverflow", "sum overflows") }
        accumulator.integer = total
      case .float(let number) where kind == .sum:
        accumulator.float += number
        accumulator.isFloat = true
      case .integer, .float where kind == .avg:
        accumulator.float += Comparison.number(value)
        accumulator.count += 1
      default:
        throw CypherError(.typeError, "InvalidArgumentType", "\(kind == .sum ? "sum" : "avg") of \(value.typeName)")
      }
    case .min, .max:
      guard let best = accumulator.best else {
        accumulator.best = value
        return
      }
      let order = Comparison.orderKey(value, best)
      if kind == .min ? order < 0 : order > 0 { accumulator.best = value }
    case .collect:
      break
    }
  }

  private static func combine(_ into: inout Accumulator, _ other: Accumulator, _ kind: AggregateSpec.Kind) throws(CypherError) {
    into.count += other.count
    let (total, overflow) = into.integer.addingReportingOverflow(other.integer)
    if overflow { throw CypherError(.arithmeticError, "IntegerOverflow", "sum overflows") }
    into.integer = total
    into.float += other.float
    into.isFloat = into.isFloat || other.isFloat
    if let best = other.best { try add(best, to: &into, kind == .min ? .min : .max) }
  }

  private static func result(_ accumulator: Accumulator, _ kind: AggregateSpec.Kind) -> Value {
    switch kind {
    case .countAll, .count: return .integer(accumulator.count)
    case .sum: return accumulator.isFloat ? .float(accumulator.float + Double(accumulator.integer)) : .integer(accumulator.integer)
    case .avg: return accumulator.count == 0 ? .null : .float(accumulator.float / Double(accumulator.count))
    case .min, .max: return accumulator.best ?? .null
    case .collect: return .list([])
    }
  }

  /// Positions of `rows` in ORDER BY order, stable; with `keeping`, only that many
  /// from the front (a bounded insertion instead of a full sort).
  private func sortedIndices(_ rows: [[Value]], keeping count: Int?) -> [Int] {
    sortedIndices(columns: order.map { entry in rows.map { $0[entry.column] } }, count: rows.count, keeping: count)
  }

  /// The same, with the ORDER BY values given by column (`columns[k][row]` is the
  /// value of the k-th ORDER BY item).
  private func sortedIndices(columns: [[Value]], count rowCount: Int, keeping count: Int?) -> [Int] {
    let directions = order.map(\.ascending)
    func precedes(_ left: Int, _ right: Int) -> Bool {
      for (position, ascending) in directions.enumerated() {
        let comparison = Comparison.orderKey(columns[position][left], columns[position][right])
        if comparison != 0 { return ascending ? comparison < 0 : comparison > 0 }
      }
      return left < right
    }
    guard let count, count < rowCount / 4 else { return (0..<rowCount).sorted(by: precedes) }
    var best: [Int] = []
    if count == 0 { return [] }
    for index in 0..<rowCount {
      if best.count == count, let last = best.last, !precedes(index, last) { continue }
      var low = 0
      var high = best.count
      while low < high {
        let middle = (low + high) / 2
        if precedes(best[middle], index) { low = middle + 1 } else { high = middle }
      }
      best.insert(index, at: low)
      if best.count > count { best.removeLast() }
    }
    return best
  }
}

/// Collects the rows of a non-aggregating RETURN as frames arrive.
private final class ProjectionSink: FrameSink {
  let keyItems: [(index: Int, value: SlotExpression, identity: [Pipeline.Identity]?)]
  let columnCount: Int
  let distinct: Bool
  let enough: Int?
  @exclusivity(unchecked) var identities: Pipeline.IdentityTable?
  @exclusivity(unchecked) var seenValues: Set<[Value]> = []
  @exclusivity(unchecked) var rows: [[Value]] = []

  init(
    keyItems: [(index: Int, value: SlotExpression, identity: [Pipeline.Identity]?)], columnCount: Int, distinct: Bool,
    identities: Pipeline.IdentityTable?, enough: Int?
  ) {
    self.keyItems = keyItems
    self.columnCount = columnCount
    self.distinct = distinct
    self.identities = identities
    self.enough = enough
  }

  func accept(_ frame: UnsafePointer<Int>) throws(CypherError) -> Bool {
    if identities != nil {
      guard identities?.group(frame, next: 0).isNew == true else { return true }
    }
    var row = [Value](repeating: .null, count: columnCount)
    for item in keyItems { row[item.index] = try item.value(frame) }
    if distinct {
      guard seenValues.insert(row.map(Comparison.groupingKey)).inserted else { return true }
    }
    rows.append(row)
    return enough.map { rows.count < $0 } ?? true
  }
}

/// The aggregation table of an aggregating RETURN: a group per identity (or per key
/// value), accumulators flat by group × aggregate.
private final class AggregationSink: FrameSink {
  let keyItems: [(index: Int, value: SlotExpression, identity: [Pipeline.Identity]?)]
  let kinds: [Pipeline.AggregateSpec.Kind]
  let arguments: [SlotExpression?]
  let distincts: [Bool]
  let onlyCounts: Bool
  let hasDistinct: Bool
  let hasCollect: Bool
  let slotCount: Int
  @exclusivity(unchecked) var identities: Pipeline.IdentityTable?
  @exclusivity(unchecked) var groupByValue: [[Value]: Int] = [:]
  @exclusivity(unchecked) var groupCount = 0
  /// Identity mode: the first frame of each group (its keys are made from it later).
  @exclusivity(unchecked) var frames: [Int] = []
  /// Value mode: each group's key values.
  @exclusivity(unchecked) var keyValues: [Value] = []
  @exclusivity(unchecked) var accumulators: [Pipeline.Accumulator] = []
  @exclusivity(unchecked) var seen: [Set<Value>] = []
  @exclusivity(unchecked) var collections: [[Value]] = []

  init(
    keyItems: [(index: Int, value: SlotExpression, identity: [Pipeline.Identity]?)],
    aggregates: [Pipeline.AggregateSpec], identities: Pipeline.IdentityTable?, slotCount: Int
  ) {
    self.keyItems = keyItems
    kinds = aggregates.map(\.kind)
    arguments = aggregates.map(\.argument)
    distincts = aggregates.map(\.distinct)
    onlyCounts = kinds.allSatisfy { $0 == .countAll }
    hasDistinct = distincts.contains(true)
    hasCollect = kinds.contains(.collect)
    self.identities = identities
    self.slotCount = slotCount
  }

  func addGroup() {
    groupCount += 1
    for _ in 0..<kinds.count {
      accumulators.append(Pipeline.Accumulator())
      if hasDistinct { seen.append([]) }
      if hasCollect { collections.append([]) }
    }
  }

  func accept(_ frame: UnsafePointer<Int>) throws(CypherError) -> Bool {
    let group: Int
    if identities != nil {
      let found = identities?.group(frame, next: groupCount) ?? (group: 0, isNew: false)
      group = found.group
      if found.isNew {
        addGroup()
        for slot in 0..<slotCount { frames.append(frame[slot]) }
      }
    } else {
      var values: [Value] = []
      values.reserveCapacity(keyItems.count)
      for item in keyItems { values.append(try item.value(frame)) }
      let signature = values.map(Comparison.groupingKey)
      if let existing = groupByValue[signature] {
        group = existing
      } else {
        group = groupCount
        groupByValue[signature] = group
        addGroup()
        keyValues.append(contentsOf: values)
      }
    }
    let aggregateCount = kinds.count
    let base = group * aggregateCount
    if onlyCounts {
      for position in 0..<aggregateCount { accumulators[base + position].count += 1 }
      return true
    }
    for position in 0..<aggregateCount {
      let kind = kinds[position]
      if kind == .countAll {
        accumulators[base + position].count += 1
        continue
      }
      guard let argument = arguments[position] else { continue }
      let value = try argument(frame)
      if value.isNull { continue }
      if distincts[position] && !seen[base + position].insert(Comparison.groupingKey(value)).inserted { continue }
      if kind == .collect {
        collections[base + position].append(value)
      } else {
        try Pipeline.add(value, to: &accumulators[base + position], kind)
      }
    }
    return true
  }
}

/// A hash table from integer keys to group numbers: open addressing with linear
/// probing and a multiplicative hash, at most half full. Group keys are element
/// indices and type codes, not chosen by an adversary, so no seeded hashing is needed.
struct IntTable {
  /// Key and group number + 1 side by side (0: empty), so a probe touches one line.
  private var entries: [(key: Int, value: Int)] = []
  private var count = 0
  private var shift = 64
  /// Slots in use, for emptying the table in time proportional to its contents.
  private var used: [Int] = []

  /// Empties the table, keeping its capacity.
  mutating func removeAll() {
    for index in used { entries[index] = (0, 0) }
    used.removeAll(keepingCapacity: true)
    count = 0
  }

  @inline(__always)
  private func slot(_ key: Int) -> Int {
    Int(truncatingIfNeeded: (UInt64(bitPattern: Int64(key)) &* 0x9E37_79B9_7F4A_7C15) >> UInt64(shift))
  }

  /// The value of `key`, or (after storing `value` for it) `value` itself.
  @inline(__always)
  mutating func findOrInsert(_ key: Int, _ value: Int) -> (group: Int, isNew: Bool) {
    if count * 2 >= entries.count { grow() }
    let mask = entries.count - 1
    var index = slot(key)
    while true {
      let entry = entries[index]
      if entry.value == 0 {
        entries[index] = (key, value + 1)
        used.append(index)
        count += 1
        return (value, true)
      }
      if entry.key == key { return (entry.value - 1, false) }
      index = (index + 1) & mask
    }
  }

  private mutating func grow() {
    let capacity = max(entries.count * 2, 1024)
    let old = entries
    entries = [(key: Int, value: Int)](repeating: (0, 0), count: capacity)
    shift = 64 - capacity.trailingZeroBitCount
    let mask = capacity - 1
    used.removeAll(keepingCapacity: true)
    for entry in old where entry.value != 0 {
      var index = slot(entry.key)
      while entries[index].value != 0 { index = (index + 1) & mask }
      entries[index] = entry
      used.append(index)
    }
  }
}
