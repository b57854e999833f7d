/// Cypher's equality and ordering.
enum Comparison {
  /// Equality with Cypher's null semantics: `nil` means null (unknown).
  static func equals(_ a: Value, _ b: Value) -> Bool? {
    switch (a, b) {
    case (.null, _), (_, .null): return nil
    case (.integer(let x), .integer(let y)): return x == y
    case (.integer(let x), .float(let y)): return Double(x) == y
    case (.float(let x), .integer(let y)): return x == Double(y)
    case (.float(let x), .float(let y)): return x == y
    case (.boolean(let x), .boolean(let y)): return x == y
    case (.string(let x), .string(let y)): return x == y
    case (.list(let x), .list(let y)):
      guard x.count == y.count else { return false }
      var unknown = false
      for (left, right) in zip(x, y) {
        switch equals(left, right) {
        case false?: return false
        case nil: unknown = true
        default: break
        }
      }
      return unknown ? nil : true
    case (.map(let x), .map(let y)):
      guard Set(x.keys) == Set(y.keys) else { return false }
      var unknown = false
      for (key, left) in x {
        switch equals(left, y[key] ?? .null) {
        case false?: return false
        case nil: unknown = true
        default: break
        }
      }
      return unknown ? nil : true
    case (.node(let x), .node(let y)): return x == y
    case (.relationship(let x), .relationship(let y)): return x == y
    case (.path(let n1, let r1, _), .path(let n2, let r2, _)): return n1 == n2 && r1 == r2
    default: return false
    }
  }

  /// `<` for comparable values (numbers, strings, booleans, lists); `nil` when the
  /// values are not comparable (null, or different kinds).
  static func less(_ a: Value, _ b: Value) -> Bool? {
    guard let order = compare(a, b) else { return nil }
    return order < 0
  }

  /// Three-way comparison of comparable values, `nil` when incomparable.
  static func compare(_ a: Value, _ b: Value) -> Int? {
    switch (a, b) {
    case (.integer(let x), .integer(let y)): return x < y ? -1 : (x > y ? 1 : 0)
    case (.integer(let x), .float(let y)): return compareDoubles(Double(x), y)
    case (.float(let x), .integer(let y)): return compareDoubles(x, Double(y))
    case (.float(let x), .float(let y)): return compareDoubles(x, y)
    case (.string(let x), .string(let y)): return x < y ? -1 : (x > y ? 1 : 0)
    case (.boolean(let x), .boolean(let y)): return x == y ? 0 : (x ? 1 : -1)
    case (.list(let x), .list(let y)):
      for (left, right) in zip(x, y) {
        guard let order = compare(left, right) else { return nil }
        if order != 0 { return order }
      }
      return x.count < y.count ? -1 : (x.count > y.count ? 1 : 0)
    default: return nil
    }
  }

  private static func compareDoubles(_ x: Double, _ y: Double) -> Int? {
    if x.isNaN || y.isNaN { return nil }
    return x < y ? -1 : (x > y ? 1 : 0)
  }

  /// The total order of ORDER BY: maps, nodes, relationships, lists, paths, strings,
  /// booleans, numbers (NaN last among them), then null.
  static func orderKey(_ a: Value, _ b: Value) -> Int {
    let rankA = rank(a)
    let rankB = rank(b)
    if rankA != rankB { return rankA < rankB ? -1 : 1 }
    switch (a, b) {
    case (.integer, _), (.float, _):
      let x = number(a)
      let y = number(b)
      if x.isNaN || y.isNaN { return x.isNaN == y.isNaN ? 0 : (x.isNaN ? 1 : -1) }
      if case .integer(let i) = a, case .integer(let j) = b { return i < j ? -1 : (i > j ? 1 : 0) }
      return x < y ? -1 : (x > y ? 1 : 0)
    case (.string(let x), .string(let y)): return x < y ? -1 : (x > y ? 1 : 0)
    case (.boolean(let x), .boolean(let y)): return x == y ? 0 : (x ? 1 : -1)
    case (.list(let x), .list(let y)):
      for (left, right) in zip(x, y) {
        let order = orderKey(left, right)
        if order != 0 { return order }
      }
      return x.count < y.count ? -1 : (x.count > y.count ? 1 : 0)
    case (.node(let x), .node(let y)), (.relationship(let x), .relationship(let y)): return x < y ? -1 : (x > y ? 1 : 0)
    case (.map(let x), .map(let y)):
      let keysX = x.keys.sorted()
      let keysY = y.keys.sorted()
      for (kx, ky) in zip(keysX, keysY) {
        if kx != ky { return kx < ky ? -1 : 1 }
        let order = orderKey(x[kx] ?? .null, y[ky] ?? .null)
        if order != 0 { return order }
      }
      return keysX.count < keysY.count ? -1 : (keysX.count > keysY.count ? 1 : 0)
    case (.path(let n1, let r1, _), .path(let n2, let r2, _)):
      let left = Value.list(n1.map(Value.node) + r1.map(Value.relationship))
      let right = Value.list(n2.map(Value.node) + r2.map(Value.relationship))
      return orderKey(left, right)
    default: return 0
    }
  }

  private static func rank(_ value: Value) -> Int {
    switch value {
    case .map: 0
    case .node: 1
    case .relationship: 2
    case .list: 3
    case .path: 4
    case .string: 5
    case .boolean: 6
    case .integer, .float: 7
    case .null: 8
    }
  }

  static func number(_ value: Value) -> Double {
    switch value {
    case .integer(let number): Double(number)
    case .float(let number): number
    default: .nan
    }
  }

  /// Grouping key equality (DISTINCT, aggregation keys): null equals null, 1 equals 1.0.
  static func groupingKey(_ value: Value) -> Value {
    switch value {
    case .float(let number) where number == number.rounded() && abs(number) < 1e18: return .integer(Int(number))
    case .list(let elements): return .list(elements.map(groupingKey))
    case .map(let entries): return .map(entries.mapValues(groupingKey))
    default: return value
    }
  }
}
