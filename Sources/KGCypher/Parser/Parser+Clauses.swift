extension Parser {
  /// Statement : SingleQuery ( UNION ALL? SingleQuery )* ';'? EOF
  ///
  /// Every query of a union ends in RETURN, and a statement does not mix UNION
  /// with UNION ALL (`InvalidClauseComposition`).
  mutating func parseStatement() throws(CypherError) -> Statement {
    var queries = [try parseSingleQuery()]
    var unionAll: [Bool] = []
    while peek(.union) {
      let union = current
      try requireReturn(at: union, in: queries)
      advance()
      let all = skip(.all)
      if let first = unionAll.first, first != all {
        throw CypherError(
          .syntaxError, "InvalidClauseComposition",
          "Expected \(first ? "UNION ALL" : "UNION") like the earlier union, found \(all ? "'UNION ALL'" : "'UNION'")",
          at: union.start)
      }
      unionAll.append(all)
      queries.append(try parseSingleQuery())
    }
    if !unionAll.isEmpty { try requireReturn(at: current, in: queries) }
    _ = skip(.semicolon)
    guard peek(.endOfInput) else { throw unexpected("end of input") }
    return Statement(queries: queries, unionAll: unionAll)
  }

  /// Throws `InvalidClauseComposition` at `token` unless the last query ends in RETURN.
  private func requireReturn(at token: Token, in queries: [SingleQuery]) throws(CypherError) {
    guard case .return? = queries.last?.clauses.last else {
      throw unexpected("RETURN at the end of each query of a UNION", detail: "InvalidClauseComposition", at: token)
    }
  }

  /// SingleQuery : Clause+
  ///
  /// The clauses must compose: RETURN comes last, and a query that does not end
  /// in RETURN must end in an updating clause (CREATE).
  mutating func parseSingleQuery() throws(CypherError) -> SingleQuery {
    var clauses: [Clause] = []
    var lastClauseName = ""
    while !peek(.union) && !peek(.semicolon) && !peek(.endOfInput) {
      let start = current
      if case .return = clauses.last {
        guard Self.clauseKeywords.contains(start.keyword) else { throw unexpected("UNION, ';' or end of input") }
        throw unexpected("end of query after RETURN", detail: "InvalidClauseComposition")
      }
      let clause = try parseClause()
      clauses.append(clause)
      lastClauseName = start.text.uppercased()
      if case .match(let match) = clause, match.optional { lastClauseName = "OPTIONAL MATCH" }
    }
    switch clauses.last {
    case nil:
      throw unexpected("a clause (MATCH, OPTIONAL MATCH, UNWIND, CREATE, WITH or RETURN)")
    case .return, .create:
      break
    default:
      throw unexpected(
        "RETURN or CREATE after \(lastClauseName) at the end of the query", detail: "InvalidClauseComposition")
    }
    return SingleQuery(clauses: clauses)
  }

  /// The words that start a clause, supported or not.
  static let clauseKeywords: Set<Keyword?> = [
    .match, .optional, .unwind, .create, .with, .return, .set, .delete, .detach, .remove, .merge, .call, .foreach,
    .load, .use,
  ]

  /// Clause : Match | Unwind | Create | With | Return
  mutating func parseClause() throws(CypherError) -> Clause {
    switch current.keyword {
    case .match, .optional:
      return .match(try parseMatch())
    case .unwind:
      return try parseUnwind()
    case .create:
      advance()
      return .create(try parsePattern())
    case .with:
      return try parseWith()
    case .return:
      advance()
      return .return(try parseProjectionBody(requiringAliases: false))
    case .set, .delete, .detach, .remove, .merge, .call, .foreach, .load, .use:
      throw unexpected(
        "a supported clause (MATCH, OPTIONAL MATCH, UNWIND, CREATE, WITH or RETURN)", detail: "UnsupportedClause")
    default:
      throw unexpected("a clause (MATCH, OPTIONAL MATCH, UNWIND, CREATE, WITH or RETURN)")
    }
  }

  /// Match : OPTIONAL? MATCH Pattern ( WHERE Expression )?
  mutating func parseMatch() throws(CypherError) -> Match {
    let optional = skip(.optional)
    try expect(.match)
    let pattern = try parsePattern()
    let predicate = try parseExpression(after: .where)
    return Match(optional: optional, pattern: pattern, predicate: predicate)
  }

  /// Unwind : UNWIND Expression AS Variable
  mutating func parseUnwind() throws(CypherError) -> Clause {
    try expect(.unwind)
    let list = try parseExpression()
    try expect(.as)
    let variable = try parseVariable()
    return .unwind(list, variable: variable)
  }

  /// With : WITH ProjectionBody ( WHERE Expression )?
  ///
  /// Every item that is not a plain variable needs an alias (`NoExpressionAlias`).
  mutating func parseWith() throws(CypherError) -> Clause {
    try expect(.with)
    let projection = try parseProjectionBody(requiringAliases: true)
    let predicate = try parseExpression(after: .where)
    return .with(projection, where: predicate)
  }

  /// ProjectionBody : DISTINCT? ProjectionItems Order? Skip? Limit?
  ///
  /// ProjectionItems : '*' ( ',' ProjectionItem )* | ProjectionItem ( ',' ProjectionItem )*
  ///
  /// Skip : SKIP Expression ; Limit : LIMIT Expression
  ///
  /// With `requiringAliases` (WITH), an item that is not a variable must have an alias.
  mutating func parseProjectionBody(requiringAliases: Bool) throws(CypherError) -> Projection {
    let distinct = skip(.distinct)
    let includesAll = skip(.star)
    var items: [ProjectionItem] = []
    if !includesAll || skip(.comma) {
      repeat {
        items.append(try parseProjectionItem(requiringAlias: requiringAliases))
      } while skip(.comma)
    }
    let orderBy = try parseOrder()
    let skipCount = try parseExpression(after: .skip)
    let limit = try parseExpression(after: .limit)
    return Projection(
      includesAll: includesAll, distinct: distinct, items: items, orderBy: orderBy, skip: skipCount, limit: limit)
  }

  /// ProjectionItem : Expression ( AS Variable )?
  ///
  /// Without an alias the item's name is its text as written, from its first to its last token.
  /// With `requiringAlias`, an item that is not a variable must have one (`NoExpressionAlias`).
  mutating func parseProjectionItem(requiringAlias: Bool) throws(CypherError) -> ProjectionItem {
    let first = current
    let expression = try parseExpression()
    let text = sourceText(from: first.start, to: previousEnd)
    if skip(.as) {
      return ProjectionItem(expression: expression, name: try parseVariable("an alias"), isAliased: true)
    }
    if requiringAlias {
      guard case .variable = expression else {
        throw CypherError(
          .syntaxError, "NoExpressionAlias",
          "Expected a variable or an aliased expression (... AS name) in WITH, found '\(text)'", at: first.start)
      }
    }
    return ProjectionItem(expression: expression, name: text, isAliased: false)
  }

  /// `keyword` Expression, when the current token is `keyword`; nil otherwise.
  mutating func parseExpression(after keyword: Keyword) throws(CypherError) -> Expression? {
    guard skip(keyword) else { return nil }
    return try parseExpression()
  }

  /// Order : ORDER BY SortItem ( ',' SortItem )*
  mutating func parseOrder() throws(CypherError) -> [SortItem] {
    guard skip(.order) else { return [] }
    try expect(.by)
    var items: [SortItem] = []
    repeat {
      items.append(try parseSortItem())
    } while skip(.comma)
    return items
  }

  /// SortItem : Expression ( ASCENDING | ASC | DESCENDING | DESC )?
  mutating func parseSortItem() throws(CypherError) -> SortItem {
    let expression = try parseExpression()
    if skip(.descending) || skip(.desc) { return SortItem(expression: expression, ascending: false) }
    if !skip(.ascending) { _ = skip(.asc) }
    return SortItem(expression: expression, ascending: true)
  }
}
