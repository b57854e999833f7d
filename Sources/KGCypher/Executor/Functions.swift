import Foundation
import KGGraph
import KGMerge

/// The scalar functions of the supported subset.
enum Functions {
  static func call(_ name: String, _ arguments: [Value], graph: WorkingGraph) throws(CypherError) -> Value {
    let lower = name.lowercased()
    func argument(_ index: Int) -> Value { index < arguments.count ? arguments[index] : .null }
    func require(_ count: ClosedRange<Int>) throws(CypherError) {
      guard count.contains(arguments.count) else {
        throw CypherError(.syntaxError, "InvalidNumberOfArguments", "\(name) takes \(count.lowerBound) argument(s)")
      }
    }
    func typeError(_ value: Value) -> CypherError {
      CypherError(.typeError, "InvalidArgumentValue", "\(name) cannot take \(value.typeName)")
    }
    switch lower {
    case "coalesce":
      return arguments.first { !$0.isNull } ?? .null
    case "size":
      try require(1...1)
      switch argument(0) {
      case .null: return .null
      case .list(let elements): return .integer(elements.count)
      case .string(let text): return .integer(text.count)
      case .map(let entries): return .integer(entries.count)
      case let other: throw typeError(other)
      }
    case "length":
      try require(1...1)
      switch argument(0) {
      case .null: return .null
      case .path(_, let relationships, _): return .integer(relationships.count)
      case .list(let elements): return .integer(elements.count)
      case .string(let text): return .integer(text.count)
      case let other: throw typeError(other)
      }
    case "type":
      try require(1...1)
      switch argument(0) {
      case .null: return .null
      case .relationship(let index): return .string(graph.edgeType(at: index))
      case let other: throw typeError(other)
      }
    case "labels":
      try require(1...1)
      switch argument(0) {
      case .null: return .null
      case .node(let index): return .list(graph.labels(of: index).map(Value.string))
      case let other: throw typeError(other)
      }
    case "keys":
      try require(1...1)
      switch argument(0) {
      case .null: return .null
      case .node(let index): return .list(graph.nodeProperties(at: index).keys.sorted().map(Value.string))
      case .relationship(let index): return .list(graph.edgeProperties(at: index).keys.sorted().map(Value.string))
      case .map(let entries): return .list(entries.keys.sorted().map(Value.string))
      case let other: throw typeError(other)
      }
    case "properties":
      try require(1...1)
      switch argument(0) {
      case .null: return .null
      case .node(let index): return .map(graph.nodeProperties(at: index).mapValues(Value.init))
      case .relationship(let index): return .map(graph.edgeProperties(at: index).mapValues(Value.init))
      case .map: return argument(0)
      case let other: throw typeError(other)
      }
    case "id":
      try require(1...1)
      switch argument(0) {
      case .null: return .null
      case .node(let index), .relationship(let index): return .integer(index)
      case let other: throw typeError(other)
      }
    case "startnode", "endnode":
      try require(1...1)
      switch argument(0) {
      case .null: return .null
      case .relationship(let index):
        return .node(lower == "startnode" ? graph.source(of: index) : graph.target(of: index))
      case let other: throw typeError(other)
      }
    case "nodes":
      try require(1...1)
      switch argument(0) {
      case .null: return .null
      case .path(let nodes, _, _): return .list(nodes.map(Value.node))
      case let other: throw typeError(other)
      }
    case "relationships":
      try require(1...1)
      switch argument(0) {
      case .null: return .null
      case .path(_, let relationships, _): return .list(relationships.map(Value.relationship))
      case let other: throw typeError(other)
      }
    case "head", "last":
      try require(1...1)
      switch argument(0) {
      case .null: return .null
      case .list(let elements): return (lower == "head" ? elements.first : elements.last) ?? .null
      case let other: throw typeError(other)
      }
    case "tail":
      try require(1...1)
      switch argument(0) {
      case .null: return .null
      case .list(let elements): return .list(Array(elements.dropFirst()))
      case let other: throw typeError(other)
      }
    case "reverse":
      try require(1...1)
      switch argument(0) {
      case .null: return .null
      case .list(let elements): return .list(elements.reversed())
      case .string(let text): return .string(String(text.reversed()))
      case let other: throw typeError(other)
      }
    case "range":
      try require(2...3)
      guard case .integer(let start) = argument(0), case .integer(let end) = argument(1) else {
        throw CypherError(.typeError, "InvalidArgumentType", "range needs integers")
      }
      var step = 1
      if arguments.count == 3 {
        guard case .integer(let value) = argument(2) else { throw CypherError(.typeError, "InvalidArgumentType", "range step must be an integer") }
        if value == 0 { throw CypherError(.argumentError, "NumberOutOfRange", "range step must not be 0") }
        step = value
      }
      var values: [Value] = []
      var current = start
      while step > 0 ? current <= end : current >= end {
        values.append(.integer(current))
        if values.count > 10_000_000 { throw CypherError(.argumentError, "NumberOutOfRange", "range too large") }
        current += step
      }
      return .list(values)
    case "tointeger":
      try require(1...1)
      switch argument(0) {
      case .null: return .null
      case .integer: return argument(0)
      case .float(let number):
        guard number.isFinite, abs(number) < 9.2e18 else { return .null }
        return .integer(Int(number.rounded(.towardZero)))
      case .string(let text):
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let number = Int(trimmed) { return .integer(number) }
        if let number = Double(trimmed), number.isFinite, abs(number) < 9.2e18 { return .integer(Int(number.rounded(.towardZero))) }
        return .null
      case .boolean(let flag): return .integer(flag ? 1 : 0)
      case let other: throw typeError(other)
      }
    case "tofloat":
      try require(1...1)
      switch argument(0) {
      case .null: return .null
      case .integer(let number): return .float(Double(number))
      case .float: return argument(0)
      case .string(let text): return Double(text.trimmingCharacters(in: .whitespaces)).map(Value.float) ?? .null
      case let other: throw typeError(other)
      }
    case "tostring":
      try require(1...1)
      switch argument(0) {
      case .null: return .null
      case .string, .integer, .float, .boolean: return .string(text(argument(0)))
      case let other: throw typeError(other)
      }
    case "toboolean":
      try require(1...1)
      switch argument(0) {
      case .null: return .null
      case .boolean: return argument(0)
      case .string(let text):
        switch text.trimmingCharacters(in: .whitespaces).lowercased() {
        case "true": return .boolean(true)
        case "false": return .boolean(false)
        default: return .null
        }
      case .integer(let number): return .boolean(number != 0)
      case let other: throw typeError(other)
      }
    case "toupper", "tolower", "trim", "ltrim", "rtrim":
      try require(1...1)
      guard case .string(let text) = argument(0) else {
        if argument(0).isNull { return .null }
        throw typeError(argument(0))
      }
      switch lower {
      case "toupper": return .string(text.uppercased())
      case "tolower": return .string(text.lowercased())
      case "trim": return .string(text.trimmingCharacters(in: .whitespaces))
      case "ltrim": return .string(String(text.drop { $0 == " " || $0 == "\t" }))
      default:
        var result = text
        while result.last == " " || result.last == "\t" { result.removeLast() }
        return .string(result)
      }
    case "replace":
      try require(3...3)
      guard case .string(let text) = argument(0), case .string(let search) = argument(1), case .string(let replacement) = argument(2) else {
        return .null
      }
      return .string(search.isEmpty ? text : text.replacingOccurrences(of: search, with: replacement))
    case "split":
      try require(2...2)
      guard case .string(let text) = argument(0), case .string(let separator) = argument(1) else { return .null }
      if separator.isEmpty { return .list(text.map { .string(String($0)) }) }
      return .list(text.components(separatedBy: separator).map(Value.string))
    case "substring":
      try require(2...3)
      guard case .string(let text) = argument(0), case .integer(let start) = argument(1) else { return .null }
      let characters = Array(text)
      let lowerBound = min(max(start, 0), characters.count)
      var upperBound = characters.count
      if arguments.count == 3, case .integer(let length) = argument(2) { upperBound = min(characters.count, lowerBound + max(length, 0)) }
      return .string(String(characters[lowerBound..<upperBound]))
    case "left", "right":
      try require(2...2)
      guard case .string(let text) = argument(0), case .integer(let length) = argument(1) else { return .null }
      return .string(lower == "left" ? String(text.prefix(length)) : String(text.suffix(length)))
    case "abs":
      try require(1...1)
      switch argument(0) {
      case .null: return .null
      case .integer(let number): return .integer(abs(number))
      case .float(let number): return .float(abs(number))
      case let other: throw typeError(other)
      }
    case "ceil", "floor", "round", "sqrt", "sign", "exp", "log", "log10", "sin", "cos", "tan":
      try require(1...1)
      guard case .integer = argument(0) else {
        guard case .float = argument(0) else {
          if argument(0).isNull { return .null }
          throw typeError(argument(0))
        }
        return mathematics(lower, Comparison.number(argument(0)))
      }
      return mathematics(lower, Comparison.number(argument(0)))
    case "rand": return .float(Double.random(in: 0..<1))
    case "pi": return .float(Double.pi)
    case "e": return .float(M_E)
    case "name_matches", "namematches":
      // name_matches(n, 'zelensky'): any name or alias of n, case, diacritics and
      // transliteration folded; a surname alone matches the full name.
      try require(2...2)
      guard case .string(let wanted) = argument(1) else { return .null }
      var names: [String] = []
      switch argument(0) {
      case .null: return .null
      case .node(let index):
        if let name = graph.nodeProperty("name", at: index)?.stringValue { names.append(name) }
        names += graph.nodeProperty("aliases", at: index)?.stringList ?? []
        if let label = graph.nodeProperty("label", at: index)?.stringValue { names.append(label) }
      case .string(let text): names.append(text)
      case let other: throw typeError(other)
      }
      let key = NameFolding.transliterationKey(wanted)
      guard !key.isEmpty else { return .boolean(false) }
      for name in names {
        if NameFolding.transliterationKey(name) == key { return .boolean(true) }
        let words = NameFolding.fold(name).split(separator: " ")
        if let last = words.last, NameFolding.transliterationKey(String(last)) == key { return .boolean(true) }
      }
      return .boolean(false)
    case "exists":
      try require(1...1)
      return .boolean(!argument(0).isNull)
    default:
      throw CypherError(.syntaxError, "UnknownFunction", "unknown function '\(name)'")
    }
  }

  private static func mathematics(_ name: String, _ x: Double) -> Value {
    switch name {
    case "ceil": return .float(x.rounded(.up))
    case "floor": return .float(x.rounded(.down))
    case "round": return .float(x.rounded(.toNearestOrAwayFromZero))
    case "sqrt": return .float(x.squareRoot())
    case "sign": return .integer(x > 0 ? 1 : (x < 0 ? -1 : 0))
    case "exp": return .float(exp(x))
    case "log": return .float(log(x))
    case "log10": return .float(log10(x))
    case "sin": return .float(sin(x))
    case "cos": return .float(cos(x))
    default: return .float(tan(x))
    }
  }

  /// The text of a scalar, as toString gives it.
  static func text(_ value: Value) -> String {
    switch value {
    case .string(let text): return text
    case .integer(let number): return String(number)
    case .float(let number):
      if number.isNaN { return "NaN" }
      if number.isInfinite { return number < 0 ? "-Infinity" : "Infinity" }
      let text = "\(number)"
      return text
    case .boolean(let flag): return flag ? "true" : "false"
    default: return ""
    }
  }
}
