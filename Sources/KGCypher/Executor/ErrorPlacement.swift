/// Places errors of the binder, which works on the AST without positions, in the
/// query text: at the name the message quotes, found among the query's tokens (string
/// literals and comments are not tokens of that kind, so a name inside them is never
/// taken).
enum ErrorPlacement {
  /// `error` with an offset when it had none and its place can be told.
  static func place(_ error: CypherError, in text: String) -> CypherError {
    guard error.offset == nil, let tokens = try? Lexer.tokenize(text) else { return error }
    var placed = error
    let names = tokens.filter { $0.kind == .identifier || $0.kind == .quotedIdentifier }
    if let name = quotedName(in: error.message) {
      let uses = names.filter { $0.text == name }
      // A variable bound twice is wrong where it is bound again; one never bound is
      // wrong where it is first used.
      let rebinding = [
        "VariableAlreadyBound", "VariableTypeConflict", "RelationshipUniquenessViolation", "ColumnNameConflict",
        "InvalidArgumentType",
      ]
      let chosen = rebinding.contains(error.detail) && uses.count > 1 ? uses[1] : uses.first
      placed.offset = chosen?.start
    } else if error.detail == "InvalidAggregation" || error.detail == "NestedAggregation" {
      let aggregates: Set<String> = ["count", "collect", "sum", "avg", "min", "max"]
      let calls = names.enumerated().filter { aggregates.contains($0.element.text.lowercased()) }
      placed.offset = (error.detail == "NestedAggregation" ? calls.dropFirst().first : calls.first)?.element.start
    }
    return placed
  }

  /// The first name in single quotes in `message`.
  private static func quotedName(in message: String) -> String? {
    guard let open = message.firstIndex(of: "'") else { return nil }
    let rest = message[message.index(after: open)...]
    guard let close = rest.firstIndex(of: "'") else { return nil }
    let name = String(rest[..<close])
    return name.isEmpty ? nil : name
  }
}
