import KGCypher

/// The five queries of `../shared/bench/query_peers/bench_query.py` (Kùzu's `typed`
/// layout: one node table `Entity`, one relationship table per edge type), written for
/// NewsGraph's model of the same GraphML file:
///
/// - Kùzu's single node table `Entity` has no counterpart: every node is an entity, so
///   the label is left out.
/// - The node attribute `type` (`Person`, `Country`, `Organization`) is the node's
///   *label* in NewsGraph: the GraphML reader turns key `type` into the label and drops
///   the property when it equals the label. So `e.type` becomes `head(labels(e))` and
///   `c.type = 'Country'` becomes `(c:Country)`.
/// - Edge key `etype` (`attr.name="type"`) is the relationship type, so Kùzu's
///   `label(r)` is `type(r)`; `status`, `article` and `weight` stay properties.
/// - `$x` is passed as a query parameter, as `bench_query.py` does.
enum BenchQuery: String, CaseIterable {
  /// Not in `bench_query.py`: the fixed cost of any statement (parse, check, and the
  /// adjacency lists `QueryEngine.run` builds for the whole graph on every call).
  case q0 = "Q0"
  case q1 = "Q1", q2 = "Q2", q3 = "Q3", q4a = "Q4a", q4b = "Q4b", q5 = "Q5"

  /// Kùzu's text in `bench_query.py` (`KUZU_Q["typed"]`), for the report.
  var kuzuText: String {
    switch self {
    case .q0: "RETURN 1"
    case .q1: "MATCH (e:Entity {name: $x}) RETURN e.type"
    case .q2:
      "MATCH (a:Entity {name: $x})-[:met|talked_to]-(b:Entity) RETURN b.name, count(*) AS n ORDER BY n DESC LIMIT 10"
    case .q3: "MATCH (a:Entity {name: $x})-[:met]-(b:Entity)-[:talked_to]-(c:Entity) RETURN DISTINCT c.name"
    case .q4a:
      "MATCH (a:Entity)-[:met]-(b:Entity) WHERE a.name < b.name RETURN a.name, b.name, count(*) AS n ORDER BY n DESC LIMIT 10"
    case .q4b: "MATCH ()-[r]->() RETURN label(r), count(*)"
    case .q5:
      "MATCH (c:Entity)<-[:leads]-(p:Entity)-[s:said]->(t:Entity) WHERE c.type = 'Country' AND p.type = 'Person' AND s.status = 'planned' RETURN p.name, t.name, s.article"
    }
  }

  /// The same query for `newsgraph query`.
  var text: String {
    switch self {
    case .q0: "RETURN 1"
    case .q1: "MATCH (e {name: $x}) RETURN head(labels(e))"
    case .q2: "MATCH (a {name: $x})-[:met|talked_to]-(b) RETURN b.name, count(*) AS n ORDER BY n DESC LIMIT 10"
    case .q3: "MATCH (a {name: $x})-[:met]-(b)-[:talked_to]-(c) RETURN DISTINCT c.name"
    case .q4a: "MATCH (a)-[:met]-(b) WHERE a.name < b.name RETURN a.name, b.name, count(*) AS n ORDER BY n DESC LIMIT 10"
    case .q4b: "MATCH ()-[r]->() RETURN type(r), count(*)"
    case .q5:
      "MATCH (c:Country)<-[:leads]-(p:Person)-[s:said]->(t) WHERE s.status = 'planned' RETURN p.name, t.name, s.article"
    }
  }

  var takesName: Bool { self == .q1 || self == .q2 || self == .q3 }

  /// The same text with `$x` written out, for a `newsgraph query` command line.
  func literalText(name: String) -> String {
    let quoted = "'" + name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
    return text.replacingOccurrences(of: "$x", with: quoted)
  }
}

/// One timed item of the plan: a query and, for Q1–Q3, which start node.
struct PlanItem {
  var query: BenchQuery
  /// `hub`, `low` or empty.
  var which: String
  var name: String?

  /// The key `bench_query.py` uses in its results (`Q2 hub`, `Q4a`).
  var key: String { which.isEmpty ? query.rawValue : "\(query.rawValue) \(which)" }

  /// `query_plan` of `bench_query.py`, after `Q0 fixed` (ours only).
  static func plan(hub: String, low: String) -> [PlanItem] {
    [
      PlanItem(query: .q0, which: "fixed", name: nil),
      PlanItem(query: .q1, which: "hub", name: hub), PlanItem(query: .q1, which: "low", name: low),
      PlanItem(query: .q2, which: "hub", name: hub), PlanItem(query: .q2, which: "low", name: low),
      PlanItem(query: .q3, which: "hub", name: hub), PlanItem(query: .q3, which: "low", name: low),
      PlanItem(query: .q4a, which: "", name: nil), PlanItem(query: .q4b, which: "", name: nil),
      PlanItem(query: .q5, which: "", name: nil),
    ]
  }
}

/// A JSON value built by hand (summaries and result lines).
indirect enum JSON {
  case string(String), int(Int), double(Double), bool(Bool), null
  case array([JSON])
  /// Keys in the order given (sorted where `bench_query.py`'s would be compared).
  case object([(String, JSON)])

  var text: String {
    switch self {
    case .string(let value): return JSON.quote(value)
    case .int(let value): return String(value)
    case .double(let value): return value.isFinite ? String(value) : "null"
    case .bool(let value): return value ? "true" : "false"
    case .null: return "null"
    case .array(let elements): return "[" + elements.map(\.text).joined(separator: ", ") + "]"
    case .object(let members):
      return "{" + members.map { JSON.quote($0.0) + ": " + $0.1.text }.joined(separator: ", ") + "}"
    }
  }

  static func quote(_ text: String) -> String {
    var output = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": output += "\\\""
      case "\\": output += "\\\\"
      case "\n": output += "\\n"
      case "\r": output += "\\r"
      case "\t": output += "\\t"
      default:
        if scalar.value < 0x20 {
          let hex = String(scalar.value, radix: 16)
          output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          output.unicodeScalars.append(scalar)
        }
      }
    }
    return output + "\""
  }
}

/// Byte-wise order, as Python compares `str` (code points; the names are ASCII).
private func pythonLess(_ left: String, _ right: String) -> Bool {
  left.utf8.lexicographicallyPrecedes(right.utf8)
}

private func string(_ value: Value) -> String? {
  if case .string(let text) = value { return text }
  return nil
}

private func integer(_ value: Value) -> Int? {
  if case .integer(let number) = value { return number }
  return nil
}

/// The answer reduced the way `bench_query.py` reduces every engine's (`s_q1` … `s_q5`),
/// so that it can be compared with Kùzu's summary in `results/<size>.json`.
func summary(of query: BenchQuery, rows: [[Value]]) -> JSON {
  switch query {
  case .q0:
    return .int(rows.count)
  case .q1:
    guard let first = rows.first?.first, let type = string(first) else { return .null }
    return .string(type)
  case .q2, .q4a:
    let counts = rows.compactMap { $0.last.flatMap(integer) }.sorted(by: >)
    return .array(counts.map(JSON.int))
  case .q3:
    let names = Set(rows.compactMap { $0.first.flatMap(string) }).sorted(by: pythonLess)
    return .object([("distinct", .int(names.count)), ("sha1", .string(pythonDigest(names.map(pythonRepr))))])
  case .q4b:
    var members: [(String, JSON)] = []
    for row in rows {
      guard row.count == 2, let type = string(row[0]), let count = integer(row[1]) else { continue }
      members.append((type, .int(count)))
    }
    members.sort { pythonLess($0.0, $1.0) }
    return .object(members)
  case .q5:
    let tuples: [[String]] = rows.map { row in row.map { string($0) ?? "" } }
    let sorted = tuples.sorted { left, right in
      for (a, b) in zip(left, right) where a != b { return pythonLess(a, b) }
      return left.count < right.count
    }
    let reprs = sorted.map { "(" + $0.map(pythonRepr).joined(separator: ", ") + ")" }
    return .object([("rows", .int(rows.count)), ("sha1", .string(pythonDigest(reprs)))])
  }
}
