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
struct Pipeline {
  private let plan: MatchPlan
  private let store: GraphStore
  private let columns: [String]
  private let keyItems: [(index: Int, value: SlotExpression, identity: [Identity]?)]
  private let aggregates: [(index: Int, aggregate: AggregateSpec)]
  private let distinct: Bool
  private let order: [(column: Int, ascending: Bool)]
  private let skip: Int
  private let limit: Int?

  /// What a value depends on, as an integer per frame: an element, or a type code.
  enum Identity: Hashable {
    case element(slot: Int)
    case typeCode(slot: Int)
  }

  /// An aggregate of the supported kinds.
  struct AggregateSpec {
    enum Kind { case countAll, count, sum, avg, min, max, collect }
    var kind: Kind
    var distinct: Bool
    var argument: SlotExpression?
  }

  /// The pipeline for `statement`, or `nil` when it has another shape.
  static func make(_ statement: Statement, working: WorkingGraph, evaluator: Evaluator) throws(CypherError) -> Pipeline? {
    guard statement.queries.count == 1, let query = statement.queries.first, query.clauses.count == 2,
      case .match(let match) = query.clauses[0], !match.optional, match.pattern.parts.count == 1,
      case .return(let projection) = query.clauses[1], !projection.includesAll
    else { return nil }
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
      plan: plan, store: store, columns: projection.items.map(\.name), keyItems: keys, aggregates: aggregates,
      distinct: projection.distinct, order: order,
      skip: try projection.skip.map { expression throws(CypherError) in try executor.nonNegativeInteger(expression, "SKIP") } ?? 0,
      limit: try projection.limit.map { expression throws(CypherError) in try executor.nonNegativeInteger(expression, "LIMIT") })
  }

  /// The elements (or type codes) a key expression's value depends on; `nil` when
  /// it may differ between frames that bind the same elements.
  private static func identity(of expression: Expression, _ variables: [String: SlotVariable]) -> [Identity]? {
    if case .function(let name, _, let arguments) = expression, name.lowercased() == "type", arguments.count == 1,
      case .variable(let variable) = arguments[0], let slot = variables[variable], !slot.isNode
    {
      return [.typeCode(slot: slot.slot)]
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
    } else {
      rows = try aggregate()
    }
    if !order.isEmpty {
      rows = sorted(rows, keeping: limit.map { skip + $0 })
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

  @inline(__always)
  private func identityKey(_ parts: [Identity], _ frame: UnsafePointer<Int>, into key: inout [Int]) {
    key.removeAll(keepingCapacity: true)
    for part in parts {
      switch part {
      case .element(let slot): key.append(frame[slot])
      case .typeCode(let slot): key.append(store.typeCode(of: frame[slot]))
      }
    }
  }

  /// Non-aggregating RETURN: rows as they come, distinct ones when asked.
  private func project() throws(CypherError) -> [[Value]] {
    var rows: [[Value]] = []
    // Without ORDER BY, LIMIT can stop the walk early.
    let enough = order.isEmpty ? limit.map { skip + $0 } : nil
    let identity = distinct ? identitySlots() : nil
    var seenIdentities: Set<[Int]> = []
    var seenValues: Set<[Value]> = []
    var key: [Int] = []
    let runner = MatchRunner(plan: plan, store: store)
    if enough == 0 { return [] }
    try runner.run { frame throws(CypherError) in
      if let identity {
        identityKey(identity, frame, into: &key)
        guard seenIdentities.insert(key).inserted else { return true }
      }
      var row = [Value](repeating: .null, count: columns.count)
      for item in keyItems { row[item.index] = try item.value(frame) }
      if distinct {
        guard seenValues.insert(row.map(Comparison.groupingKey)).inserted else { return true }
      }
      rows.append(row)
      return enough.map { rows.count < $0 } ?? true
    }
    return rows
  }

  /// Running state of one aggregate in one group.
  private enum Accumulator {
    case count(Int)
    case sum(integer: Int, float: Double, isFloat: Bool)
    case average(total: Double, count: Int)
    case best(Value?)
    case collection([Value])

    init(_ kind: AggregateSpec.Kind) {
      switch kind {
      case .countAll, .count: self = .count(0)
      case .sum: self = .sum(integer: 0, float: 0, isFloat: false)
      case .avg: self = .average(total: 0, count: 0)
      case .min, .max: self = .best(nil)
      case .collect: self = .collection([])
      }
    }
  }

  private struct Group {
    var keys: [Value]
    var accumulators: [Accumulator]
    var seen: [Set<Value>]
  }

  /// Aggregating RETURN: one group per distinct key; accumulators updated per frame.
  /// Frames are grouped by the elements their keys read, and those groups merged by
  /// value at the end (count, sum, avg, min and max combine; DISTINCT and collect
  /// group by value directly, since their order and sets do not combine that way).
  private func aggregate() throws(CypherError) -> [[Value]] {
    let combinable = aggregates.allSatisfy { !$0.aggregate.distinct && $0.aggregate.kind != .collect }
    let identity = combinable ? identitySlots() : nil
    var groups: [Group] = []
    var groupByIdentity: [[Int]: Int] = [:]
    var groupByValue: [[Value]: Int] = [:]
    var key: [Int] = []
    let fresh = Group(
      keys: [], accumulators: aggregates.map { Accumulator($0.aggregate.kind) },
      seen: aggregates.map { _ in [] })
    let runner = MatchRunner(plan: plan, store: store)
    try runner.run { frame throws(CypherError) in
      let group: Int
      if let identity {
        identityKey(identity, frame, into: &key)
        if let existing = groupByIdentity[key] {
          group = existing
        } else {
          var created = fresh
          for item in keyItems { created.keys.append(try item.value(frame)) }
          group = groups.count
          groups.append(created)
          groupByIdentity[key] = group
        }
      } else {
        var values: [Value] = []
        for item in keyItems { values.append(try item.value(frame)) }
        let signature = values.map(Comparison.groupingKey)
        if let existing = groupByValue[signature] {
          group = existing
        } else {
          var created = fresh
          created.keys = values
          group = groups.count
          groups.append(created)
          groupByValue[signature] = group
        }
      }
      for (position, entry) in aggregates.enumerated() {
        try accumulate(&groups[group], position, entry.aggregate, frame)
      }
      return true
    }
    if groups.isEmpty && keyItems.isEmpty { groups.append(fresh) }
    if identity != nil {
      // Merge the element groups that have equal key values, in first-seen order.
      var merged: [Group] = []
      var position: [[Value]: Int] = [:]
      for group in groups {
        let signature = group.keys.map(Comparison.groupingKey)
        if let existing = position[signature] {
          for index in aggregates.indices {
            merged[existing].accumulators[index] = try combine(merged[existing].accumulators[index], group.accumulators[index], aggregates[index].aggregate.kind)
          }
        } else {
          position[signature] = merged.count
          merged.append(group)
        }
      }
      groups = merged
    }
    return groups.map { group in
      var row = [Value](repeating: .null, count: columns.count)
      for (position, item) in keyItems.enumerated() { row[item.index] = group.keys[position] }
      for (position, entry) in aggregates.enumerated() { row[entry.index] = result(group.accumulators[position]) }
      return row
    }
  }

  private func accumulate(_ group: inout Group, _ position: Int, _ aggregate: AggregateSpec, _ frame: UnsafePointer<Int>) throws(CypherError) {
    if aggregate.kind == .countAll {
      if case .count(let number) = group.accumulators[position] { group.accumulators[position] = .count(number + 1) }
      return
    }
    guard let argument = aggregate.argument else { return }
    let value = try argument(frame)
    if value.isNull { return }
    if aggregate.distinct && !group.seen[position].insert(Comparison.groupingKey(value)).inserted { return }
    group.accumulators[position] = try Self.add(value, to: group.accumulators[position], aggregate.kind)
  }

  private static func add(_ value: Value, to accumulator: Accumulator, _ kind: AggregateSpec.Kind) throws(CypherError) -> Accumulator {
    switch accumulator {
    case .count(let number):
      return .count(number + 1)
    case .sum(let integer, let float, let isFloat):
      switch value {
      case .integer(let number):
        let (total, overflow) = integer.addingReportingOverflow(number)
        if overflow { throw CypherError(.arithmeticError, "IntegerOverflow", "sum overflows") }
        return .sum(integer: total, float: float, isFloat: isFloat)
      case .float(let number):
        return .sum(integer: integer, float: float + number, isFloat: true)
      default:
        throw CypherError(.typeError, "InvalidArgumentType", "sum of \(value.typeName)")
      }
    case .average(let total, let count):
      switch value {
      case .integer, .float: return .average(total: total + Comparison.number(value), count: count + 1)
      default: throw CypherError(.typeError, "InvalidArgumentType", "avg of \(value.typeName)")
      }
    case .best(let best):
      guard let best else { return .best(value) }
      let order = Comparison.orderKey(value, best)
      return .best(kind == .min ? (order < 0 ? value : best) : (order > 0 ? value : best))
    case .collection(let values):
      var values = values
      values.append(value)
      return .collection(values)
    }
  }

  private func combine(_ first: Accumulator, _ second: Accumulator, _ kind: AggregateSpec.Kind) throws(CypherError) -> Accumulator {
    switch (first, second) {
    case (.count(let a), .count(let b)): return .count(a + b)
    case (.sum(let i1, let f1, let isFloat1), .sum(let i2, let f2, let isFloat2)):
      let (total, overflow) = i1.addingReportingOverflow(i2)
      if overflow { throw CypherError(.arithmeticError, "IntegerOverflow", "sum overflows") }
      return .sum(integer: total, float: f1 + f2, isFloat: isFloat1 || isFloat2)
    case (.average(let t1, let c1), .average(let t2, let c2)): return .average(total: t1 + t2, count: c1 + c2)
    case (.best(let a), .best(let b)):
      guard let b else { return first }
      return try Self.add(b, to: .best(a), kind)
    default: return first
    }
  }

  private func result(_ accumulator: Accumulator) -> Value {
    switch accumulator {
    case .count(let number): return .integer(number)
    case .sum(let integer, let float, let isFloat): return isFloat ? .float(float + Double(integer)) : .integer(integer)
    case .average(let total, let count): return count == 0 ? .null : .float(total / Double(count))
    case .best(let value): return value ?? .null
    case .collection(let values): return .list(values)
    }
  }

  /// Rows in ORDER BY order, stable; with `keeping`, only that many from the front.
  private func sorted(_ rows: [[Value]], keeping count: Int?) -> [[Value]] {
    func precedes(_ left: (offset: Int, element: [Value]), _ right: (offset: Int, element: [Value])) -> Bool {
      for (column, ascending) in order {
        let comparison = Comparison.orderKey(left.element[column], right.element[column])
        if comparison != 0 { return ascending ? comparison < 0 : comparison > 0 }
      }
      return left.offset < right.offset
    }
    guard let count, count < rows.count / 4 else {
      return rows.enumerated().sorted(by: precedes).map(\.element)
    }
    // The best `count`, kept sorted; a row enters only when it beats the last.
    var best: [(offset: Int, element: [Value])] = []
    if count == 0 { return [] }
    for entry in rows.enumerated() {
      if best.count == count, let last = best.last, !precedes(entry, last) { continue }
      var low = 0
      var high = best.count
      while low < high {
        let middle = (low + high) / 2
        if precedes(best[middle], entry) { low = middle + 1 } else { high = middle }
      }
      best.insert(entry, at: low)
      if best.count > count { best.removeLast() }
    }
    return best.map(\.element)
  }
}
