import Foundation
import KGGraph
import KGStore

/// An expression compiled against slot-indexed bindings: each pattern variable is a
/// position in a frame of element indices, so evaluating needs no dictionary.
///
/// Compiled forms follow ``Evaluator`` exactly (they call the same value operations);
/// any expression without a compiled form is evaluated by the ``Evaluator`` on a row
/// made from the frame, so every expression compiles.
typealias SlotExpression = (UnsafePointer<Int>) throws(CypherError) -> Value

/// A pattern variable's place in the frame.
struct SlotVariable {
  var name: String
  var slot: Int
  var isNode: Bool
  /// For a relationship: the slot that holds its type code.
  var typeSlot: Int?
}

/// Compiles expressions for one pipeline.
struct SlotCompiler {
  let store: GraphStore
  let evaluator: Evaluator
  let variables: [String: SlotVariable]

  /// The row the ``Evaluator`` sees for a frame (for expressions without a compiled form).
  func row(_ frame: UnsafePointer<Int>) -> [String: Value] {
    var row: [String: Value] = [:]
    for variable in variables.values {
      row[variable.name] = variable.isNode ? .node(frame[variable.slot]) : .relationship(frame[variable.slot])
    }
    return row
  }

  /// The variables `expression` reads, or `nil` when it binds names of its own (list
  /// comprehensions, quantifiers, pattern predicates) or calls `rand()`: then its value
  /// is not a function of the pattern's bindings alone.
  static func freeVariables(_ expression: Expression) -> Set<String>? {
    var names: Set<String> = []
    var pure = true
    ExpressionWalker.visit(expression) { inner in
      switch inner {
      case .variable(let name): names.insert(name)
      case .listComprehension, .quantifier, .patternPredicate: pure = false
      case .function(let name, _, _) where name.lowercased() == "rand": pure = false
      default: break
      }
    }
    return pure ? names : nil
  }

  func compile(_ expression: Expression) -> SlotExpression {
    switch expression {
    case .null: return { _ in .null }
    case .boolean(let value): return { _ in .boolean(value) }
    case .integer(let value): return { _ in .integer(value) }
    case .float(let value): return { _ in .float(value) }
    case .string(let value): return { _ in .string(value) }
    case .parameter(let name):
      guard let value = evaluator.parameters[name] else { return fallback(expression) }
      return { _ in value }
    case .variable(let name):
      guard let variable = variables[name] else { return fallback(expression) }
      let slot = variable.slot
      return variable.isNode ? { frame in .node(frame[slot]) } : { frame in .relationship(frame[slot]) }
    case .property(.variable(let name), let key):
      guard let variable = variables[name] else { return fallback(expression) }
      let slot = variable.slot
      let column = variable.isNode ? store.nodeColumnIndex(named: key) : store.edgeColumnIndex(named: key)
      guard let column else { return { _ in .null } }
      let view = variable.isNode ? store.nodeColumns[column] : store.edgeColumns[column]
      return { frame in
        if let bytes = view.stringBytes(at: frame[slot]) { return .string(String(decoding: bytes, as: UTF8.self)) }
        return view.value(at: frame[slot]).map(Value.init) ?? .null
      }
    case .binary(let op, let leftExpression, let rightExpression):
      if let compared = compiledStringComparison(op, leftExpression, rightExpression) { return compared }
      let left = compile(leftExpression)
      let right = compile(rightExpression)
      return { frame throws(CypherError) in try Evaluator.apply(op, try left(frame), try right(frame)) }
    case .unary(.not, let operandExpression):
      let operand = compile(operandExpression)
      return { frame throws(CypherError) in
        switch try operand(frame) {
        case .null: return .null
        case .boolean(let flag): return .boolean(!flag)
        case let value: throw CypherError(.typeError, "InvalidArgumentType", "NOT needs a boolean, not \(value.typeName)")
        }
      }
    case .isNull(let operandExpression, let negated):
      let operand = compile(operandExpression)
      return { frame throws(CypherError) in
        let isNull = try operand(frame).isNull
        return .boolean(negated ? !isNull : isNull)
      }
    case .hasLabels(.variable(let name), let labels):
      guard let variable = variables[name], variable.isNode else { return fallback(expression) }
      let slot = variable.slot
      let allowed = store.labelSets.map { set in labels.allSatisfy(set.contains) }
      return { [store] frame in .boolean(allowed[store.labelSetCode(at: frame[slot])]) }
    case .function(let name, _, let argumentExpressions) where !Aggregation.isAggregate(expression):
      let lower = name.lowercased()
      if lower == "type", argumentExpressions.count == 1, case .variable(let variableName) = argumentExpressions[0],
        let variable = variables[variableName], let typeSlot = variable.typeSlot
      {
        let names = store.edgeTypes.map(Value.string)
        return { frame in names[frame[typeSlot]] }
      }
      let arguments = argumentExpressions.map(compile)
      let graph = evaluator.graph
      return { frame throws(CypherError) in
        var values: [Value] = []
        values.reserveCapacity(arguments.count)
        for argument in arguments { values.append(try argument(frame)) }
        return try Functions.call(name, values, graph: graph)
      }
    default:
      return fallback(expression)
    }
  }

  /// `a.p < b.q` (and the other orderings) on two string properties, comparing the
  /// stored bytes when both are ASCII (where byte order is Swift's string order).
  private func compiledStringComparison(_ op: BinaryOperator, _ left: Expression, _ right: Expression) -> SlotExpression? {
    guard [.less, .greater, .lessOrEqual, .greaterOrEqual].contains(op),
      case .property(.variable(let leftName), let leftKey) = left, let leftVariable = variables[leftName],
      case .property(.variable(let rightName), let rightKey) = right, let rightVariable = variables[rightName]
    else { return nil }
    func column(_ variable: SlotVariable, _ key: String) -> ColumnView? {
      if variable.isNode { return store.nodeColumnIndex(named: key).map { store.nodeColumns[$0] } }
      return store.edgeColumnIndex(named: key).map { store.edgeColumns[$0] }
    }
    guard let leftColumn = column(leftVariable, leftKey), let rightColumn = column(rightVariable, rightKey) else { return nil }
    let generic = { (frame: UnsafePointer<Int>) throws(CypherError) -> Value in
      let a = leftColumn.value(at: frame[leftVariable.slot]).map(Value.init) ?? .null
      let b = rightColumn.value(at: frame[rightVariable.slot]).map(Value.init) ?? .null
      return try Evaluator.apply(op, a, b)
    }
    let leftSlot = leftVariable.slot
    let rightSlot = rightVariable.slot
    return { frame throws(CypherError) in
      guard let a = leftColumn.stringBytes(at: frame[leftSlot]), let b = rightColumn.stringBytes(at: frame[rightSlot]),
        Self.isASCII(a), Self.isASCII(b)
      else { return try generic(frame) }
      let order = Self.compareBytes(a, b)
      return .boolean(Evaluator.holds(op, order))
    }
  }

  @inline(__always)
  static func isASCII(_ bytes: UnsafeRawBufferPointer) -> Bool {
    for byte in bytes where byte >= 0x80 { return false }
    return true
  }

  @inline(__always)
  static func compareBytes(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Int {
    let shared = min(a.count, b.count)
    if shared > 0, let x = a.baseAddress, let y = b.baseAddress {
      let result = memcmp(x, y, shared)
      if result != 0 { return result < 0 ? -1 : 1 }
    }
    return a.count < b.count ? -1 : (a.count > b.count ? 1 : 0)
  }

  private func fallback(_ expression: Expression) -> SlotExpression {
    let evaluator = self.evaluator
    let compiler = self
    return { frame throws(CypherError) in try evaluator.evaluate(expression, compiler.row(frame)) }
  }
}
