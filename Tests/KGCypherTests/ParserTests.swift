import Testing

@testable import KGCypher

// MARK: - Helpers

/// The query with its 1️⃣ marker removed, and the marker's UTF-8 offset.
private func marked(_ text: String) -> (query: String, offset: Int?) {
  guard let range = text.firstRange(of: "1️⃣") else { return (text, nil) }
  let offset = text.utf8.distance(from: text.startIndex, to: range.lowerBound)
  return (String(text[..<range.lowerBound]) + String(text[range.upperBound...]), offset)
}

/// The error that parsing `query` throws, or nil when it parses.
private func parseError(_ query: String) -> CypherError? {
  do {
    _ = try CypherParser.parse(query)
    return nil
  } catch {
    return error
  }
}

/// Checks that `text` (with a 1️⃣ marker where the error must point) fails with `detail`.
private func expectSyntaxError(
  _ text: String, _ detail: String, message: String? = nil, sourceLocation: SourceLocation = #_sourceLocation
) {
  let (query, offset) = marked(text)
  guard let error = parseError(query) else {
    Issue.record("expected \(detail), but the query parsed: \(query)", sourceLocation: sourceLocation)
    return
  }
  #expect(error.kind == .syntaxError, sourceLocation: sourceLocation)
  #expect(error.detail == detail, "\(error)", sourceLocation: sourceLocation)
  if let offset {
    #expect(error.offset == offset, "\(error.rendered(in: query))", sourceLocation: sourceLocation)
  }
  if let message {
    #expect(error.message == message, sourceLocation: sourceLocation)
  }
}

/// The clauses of a single query.
private func clauses(_ query: String) throws -> [Clause] {
  let statement = try CypherParser.parse(query)
  #expect(statement.queries.count == 1)
  return statement.queries.first?.clauses ?? []
}

/// The projection of the last clause, which must be RETURN.
private func returned(_ query: String) throws -> Projection {
  guard case .return(let projection)? = try clauses(query).last else {
    Issue.record("no RETURN in \(query)")
    return Projection(items: [])
  }
  return projection
}

/// The expression `text`, parsed as `RETURN text`.
private func expression(_ text: String) throws -> Expression {
  let projection = try returned("RETURN \(text)")
  #expect(projection.items.count == 1)
  return projection.items.first?.expression ?? .null
}

/// The pattern of `MATCH text RETURN 1`.
private func pattern(_ text: String) throws -> Pattern {
  guard case .match(let match)? = try clauses("MATCH \(text) RETURN 1").first else {
    Issue.record("no MATCH in \(text)")
    return Pattern(parts: [])
  }
  return match.pattern
}

private func v(_ name: String) -> Expression { .variable(name) }
private func int(_ value: Int) -> Expression { .integer(value) }
private func bin(_ op: BinaryOperator, _ lhs: Expression, _ rhs: Expression) -> Expression { .binary(op, lhs, rhs) }

private func tokens(_ text: String) throws -> [Token] { try Lexer.tokenize(text) }

private func kinds(_ text: String) throws -> [Token.Kind] { try tokens(text).map(\.kind).dropLast() }

// MARK: - Lexer

@Suite struct LexerTests {
  @Test func tokensCarryKindTextAndUTF8StartOffset() throws {
    let lexed = try tokens("MATCH (né:Person) RETURN né")
    #expect(
      lexed.map(\.kind) == [
        .identifier, .leftParen, .identifier, .colon, .identifier, .rightParen, .identifier, .identifier, .endOfInput,
      ])
    #expect(lexed.map(\.text) == ["MATCH", "(", "né", ":", "Person", ")", "RETURN", "né", ""])
    // 'é' takes two bytes, so everything after it moves by one more than its character count.
    #expect(lexed.map(\.start) == [0, 6, 7, 10, 11, 17, 19, 26, 29])
    #expect(lexed[2].end == 10)
  }

  @Test func keywordsAreCaseInsensitiveAndBackticksAreNeverKeywords() throws {
    let lexed = try tokens("match MaTcH MATCH `MATCH` matches")
    #expect(lexed.map(\.keyword) == [.match, .match, .match, nil, nil, nil])
    #expect(lexed[3].kind == .quotedIdentifier)
    #expect(lexed[0].text == "match")
  }

  @Test(arguments: [
    ("`a b`", "a b"), ("`a``b`", "a`b"), ("``", ""), ("````", "`"), ("`élan`", "élan"), ("`1x`", "1x"),
  ])
  func quotedIdentifiersUndoDoubledBackticks(source: String, name: String) throws {
    let lexed = try tokens(source)
    #expect(lexed.count == 2)
    #expect(lexed.first?.kind == .quotedIdentifier)
    #expect(lexed.first?.text == name)
  }

  @Test func identifiersMayUseUnicodeLettersAndUnderscores() throws {
    let lexed = try tokens("_x1 Straße 名前 x_y")
    #expect(lexed.map(\.text).dropLast() == ["_x1", "Straße", "名前", "x_y"])
    #expect(lexed.dropLast().allSatisfy { $0.kind == .identifier })
  }

  @Test(arguments: [
    (#"'plain'"#, "plain"), (#""double""#, "double"), (#"'it\'s'"#, "it's"), (#""say \"hi\"""#, "say \"hi\""),
    (#"'a"b'"#, "a\"b"), (#""a'b""#, "a'b"), (#"'back\\slash'"#, "back\\slash"), (#"'\n\t\r'"#, "\n\t\r"),
    (#"'\b\f'"#, "\u{08}\u{0C}"), (#"'\u00e9'"#, "é"), (#"'\u00E9'"#, "é"), (#"'\U0001F600'"#, "😀"),
    (#"'\uD83D\uDE00'"#, "😀"), ("''", ""), ("'multi\nline'", "multi\nline"), ("'ünï'", "ünï"),
  ])
  func stringsDecodeEscapes(source: String, value: String) throws {
    let lexed = try tokens(source)
    #expect(lexed.map(\.kind) == [.string, .endOfInput])
    #expect(lexed.first?.text == value)
    #expect(lexed.first?.end == source.utf8.count)
  }

  @Test(arguments: [
    ("42", Token.Kind.integer), ("0", .integer), ("0x2A", .integer), ("0xff", .integer), ("0o52", .integer),
    ("017", .integer), ("1.5", .float), (".5", .float), ("1e10", .float), ("1.5E-3", .float), ("2e+3", .float),
    ("0.0", .float),
  ])
  func numbersKeepTheirTextAndKind(source: String, kind: Token.Kind) throws {
    let lexed = try tokens(source)
    #expect(lexed.map(\.kind) == [kind, .endOfInput])
    #expect(lexed.first?.text == source)
  }

  @Test func rangesAreNotFloats() throws {
    #expect(try kinds("1..3") == [.integer, .dotDot, .integer])
    #expect(try kinds("*..3") == [.star, .dotDot, .integer])
    #expect(try kinds("x[2..]") == [.identifier, .leftBracket, .integer, .dotDot, .rightBracket])
    #expect(try kinds("n.x") == [.identifier, .dot, .identifier])
  }

  @Test func parametersByNameOrNumber() throws {
    let lexed = try tokens("$name $0 $`a b` $_x")
    #expect(lexed.map(\.kind).dropLast() == [.parameter, .parameter, .parameter, .parameter])
    #expect(lexed.map(\.text).dropLast() == ["name", "0", "a b", "_x"])
    #expect(lexed.map(\.start).dropLast() == [0, 6, 9, 16])
  }

  @Test func commentsAndWhitespaceAreSkipped() throws {
    let lexed = try tokens("// leading comment\nRETURN /* inline\n comment */ 1 // trailing")
    #expect(lexed.map(\.kind) == [.identifier, .integer, .endOfInput])
    #expect(lexed[1].start == 48)
  }

  @Test func unicodeSpacesSeparateTokens() throws {
    let spaces = [
      "\u{00A0}", "\u{1680}", "\u{2000}", "\u{2003}", "\u{200A}", "\u{2028}", "\u{2029}", "\u{202F}",
      "\u{205F}", "\u{3000}", "\u{180E}", "\u{0B}", "\u{0C}", "\u{1C}", "\u{1F}", "\r\n", "\t",
    ]
    for space in spaces {
      #expect(try kinds("RETURN\(space)1\(space)+\(space)2") == [.identifier, .integer, .plus, .integer])
    }
  }

  @Test func everyOperatorHasItsOwnKind() throws {
    let source = "( ) [ ] { } , . .. : | - -> <- --> <-- < > = <> != <= >= + * / % ^ =~ ;"
    #expect(
      try kinds(source) == [
        .leftParen, .rightParen, .leftBracket, .rightBracket, .leftBrace, .rightBrace, .comma, .dot, .dotDot,
        .colon, .pipe, .minus, .rightArrow, .leftArrow, .longRightArrow, .longLeftArrow, .lessThan, .greaterThan,
        .equal, .notEqual, .bangEqual, .lessOrEqual, .greaterOrEqual, .plus, .star, .slash, .percent, .caret,
        .regexMatch, .semicolon,
      ])
  }

  @Test func arrowsAreLexedGreedily() throws {
    #expect(try kinds("--") == [.minus, .minus])
    #expect(try kinds("<-->") == [.longLeftArrow, .greaterThan])
    #expect(try kinds("<->") == [.leftArrow, .greaterThan])
    #expect(try kinds("a<-1") == [.identifier, .leftArrow, .integer])
  }

  @Test(arguments: [
    ("RETURN 1️⃣#", "UnexpectedSyntax"), ("RETURN 1️⃣~1", "UnexpectedSyntax"), ("RETURN 1 1️⃣!", "UnexpectedSyntax"),
    ("RETURN 42 1️⃣— 41", "InvalidUnicodeCharacter"), ("RETURN 1️⃣9223372h54775808", "InvalidNumberLiteral"),
    ("RETURN 1️⃣0x", "InvalidNumberLiteral"), ("RETURN 1️⃣0x1A2b3j4D5E6f7", "InvalidNumberLiteral"),
    ("RETURN 1️⃣0o8", "InvalidNumberLiteral"), ("RETURN 1️⃣019", "InvalidNumberLiteral"),
    ("RETURN 1️⃣1e", "InvalidNumberLiteral"), ("RETURN {1️⃣1B2c3e67: 1}", "InvalidNumberLiteral"),
    ("RETURN 92233721️⃣#54775808", "UnexpectedSyntax"), ("RETURN 1️⃣12abc", "InvalidNumberLiteral"),
    ("RETURN 'abc1️⃣", "UnexpectedSyntax"), ("RETURN \"abc'1️⃣", "UnexpectedSyntax"),
    ("RETURN `abc1️⃣", "UnexpectedSyntax"), ("RETURN 1 /* never closed1️⃣", "UnexpectedSyntax"),
    ("RETURN '\\u1️⃣H'", "InvalidUnicodeLiteral"), ("RETURN '\\u121️⃣'", "InvalidUnicodeLiteral"),
    ("RETURN '1️⃣\\U0011FFFF'", "InvalidUnicodeLiteral"), ("RETURN '1️⃣\\uD83D'", "InvalidUnicodeLiteral"),
    ("RETURN '1️⃣\\uD83Dx'", "InvalidUnicodeLiteral"), ("RETURN '1️⃣\\uDE00'", "InvalidUnicodeLiteral"),
    ("RETURN 'a1️⃣\\q'", "InvalidEscapeSequence"), ("RETURN '1️⃣\\", "UnexpectedSyntax"),
    ("RETURN $1️⃣", "UnexpectedSyntax"), ("RETURN $1️⃣ x", "UnexpectedSyntax"), ("RETURN $1️⃣1a", "UnexpectedSyntax"),
  ])
  func badInputIsASyntaxErrorAtItsOffset(text: String, detail: String) {
    expectSyntaxError(text, detail)
  }

  @Test func lexerErrorsSayWhatWasExpectedAndFound() {
    expectSyntaxError("RETURN #", "UnexpectedSyntax", message: "Expected a valid character, found '#'")
    expectSyntaxError(
      "RETURN 42 — 41", "InvalidUnicodeCharacter", message: "Expected a valid character, found '—' (U+2014)")
    expectSyntaxError("RETURN 0x", "InvalidNumberLiteral", message: "Expected a number literal, found '0x'")
  }
}

// MARK: - Clauses

@Suite struct ClauseTests {
  @Test func matchWithWhere() throws {
    let parsed = try clauses("MATCH (n:Person) WHERE n.age > 30 RETURN n")
    #expect(parsed.count == 2)
    #expect(
      parsed.first
        == .match(
          Match(
            optional: false,
            pattern: Pattern(parts: [
              PatternPart(pathVariable: nil, start: NodePattern(variable: "n", labels: ["Person"]), steps: [])
            ]),
            predicate: bin(.greater, .property(v("n"), "age"), int(30)))))
  }

  @Test func optionalMatch() throws {
    guard case .match(let match)? = try clauses("OPTIONAL MATCH (n) RETURN n").first else {
      Issue.record("no match")
      return
    }
    #expect(match.optional)
    #expect(match.predicate == nil)
  }

  @Test func keywordsMayBeWrittenInAnyCase() throws {
    let parsed = try clauses("match (n) where n.x = 1 with n order by n.x desc limit 2 return distinct n")
    #expect(parsed.count == 3)
  }

  @Test func createWithAndWithoutReturn() throws {
    #expect(
      try clauses("CREATE (a:A {x: 1})-[:T]->(b)") == [
        .create(
          Pattern(parts: [
            PatternPart(
              pathVariable: nil,
              start: NodePattern(variable: "a", labels: ["A"], properties: .map([MapEntry(key: "x", value: int(1))])),
              steps: [(RelationshipPattern(types: ["T"], direction: .outgoing), NodePattern(variable: "b"))])
          ]))
      ])
    #expect(try clauses("MATCH (a) CREATE (a)-[:T]->(b) RETURN b").count == 3)
    #expect(try clauses("CREATE (a), (b)").count == 1)
  }

  @Test func unwind() throws {
    #expect(try clauses("UNWIND [1, 2] AS x RETURN x").first == .unwind(.list([int(1), int(2)]), variable: "x"))
  }

  @Test func withTakesEveryPart() throws {
    let parsed = try clauses("MATCH (n) WITH DISTINCT n, n.x AS x ORDER BY x DESC SKIP 1 LIMIT 2 WHERE x > 0 RETURN x")
    guard case .with(let projection, let predicate)? = parsed.dropFirst().first else {
      Issue.record("no WITH")
      return
    }
    #expect(projection.distinct)
    #expect(!projection.includesAll)
    #expect(
      projection.items == [
        ProjectionItem(expression: v("n"), name: "n", isAliased: false),
        ProjectionItem(expression: .property(v("n"), "x"), name: "x", isAliased: true),
      ])
    #expect(projection.orderBy == [SortItem(expression: v("x"), ascending: false)])
    #expect(projection.skip == int(1))
    #expect(projection.limit == int(2))
    #expect(predicate == bin(.greater, v("x"), int(0)))
  }

  @Test func returnTakesEveryPart() throws {
    let projection = try returned("MATCH (n) RETURN DISTINCT n.x AS x, n ORDER BY x, n.y ASC SKIP $s LIMIT 10")
    #expect(projection.distinct)
    #expect(projection.items.map(\.name) == ["x", "n"])
    #expect(
      projection.orderBy == [
        SortItem(expression: v("x"), ascending: true), SortItem(expression: .property(v("n"), "y"), ascending: true),
      ])
    #expect(projection.skip == .parameter("s"))
    #expect(projection.limit == int(10))
  }

  @Test(arguments: [
    ("ASC", true), ("ASCENDING", true), ("DESC", false), ("DESCENDING", false), ("desc", false), ("", true),
  ])
  func sortDirections(word: String, ascending: Bool) throws {
    let projection = try returned("MATCH (n) RETURN n ORDER BY n.x \(word)")
    #expect(projection.orderBy.first?.ascending == ascending)
  }

  @Test func starIncludesAllAndMayBeFollowedByItems() throws {
    let all = try returned("MATCH (n) RETURN *")
    #expect(all.includesAll)
    #expect(all.items.isEmpty)
    let more = try returned("MATCH (n) RETURN *, n.x AS x")
    #expect(more.includesAll)
    #expect(more.items.map(\.name) == ["x"])
    guard case .with(let projection, _)? = try clauses("MATCH (n) WITH * RETURN n").dropFirst().first else {
      Issue.record("no WITH")
      return
    }
    #expect(projection.includesAll)
  }

  @Test(arguments: [
    ("n.name", "n.name"), ("count(*)", "count(*)"), ("a + b", "a + b"), ("count( * )", "count( * )"),
    ("toUpper(n.name)", "toUpper(n.name)"), ("a+b", "a+b"), ("n", "n"), ("`odd name`", "`odd name`"),
    ("[1, 2][0]", "[1, 2][0]"), ("-1", "-1"), ("(a)-->(b)", "(a)-->(b)"), ("a<-1", "a<-1"),
    ("'x' /* comment */ + 'y'", "'x' /* comment */ + 'y'"), ("size(\n  [1])", "size(\n  [1])"),
    ("CASE WHEN true THEN 1 END", "CASE WHEN true THEN 1 END"), ("n.name // trailing", "n.name"),
  ])
  func unaliasedItemsAreNamedByTheirText(text: String, name: String) throws {
    let item = try #require(try returned("WITH 1 AS a, 2 AS b, 3 AS n RETURN \(text)").items.first)
    #expect(item.name == name)
    #expect(!item.isAliased)
  }

  @Test func aliasesNameItems() throws {
    let item = try #require(try returned("RETURN 1 + 2 AS `the sum`").items.first)
    #expect(item.name == "the sum")
    #expect(item.isAliased)
  }

  @Test func unionAndUnionAll() throws {
    let union = try CypherParser.parse("RETURN 1 AS x UNION RETURN 2 AS x UNION RETURN 3 AS x")
    #expect(union.queries.count == 3)
    #expect(union.unionAll == [false, false])
    let all = try CypherParser.parse("RETURN 1 AS x UNION ALL RETURN 2 AS x")
    #expect(all.unionAll == [true])
  }

  @Test func trailingSemicolonIsAllowed() throws {
    #expect(try CypherParser.parse("RETURN 1;").queries.count == 1)
    #expect(try CypherParser.parse("RETURN 1 ; // done").queries.count == 1)
    expectSyntaxError("RETURN 1; 1️⃣RETURN 2", "UnexpectedSyntax")
    expectSyntaxError("RETURN 1;1️⃣;", "UnexpectedSyntax")
  }

  @Test(arguments: [
    "MATCH (n) 1️⃣SET n.x = 1 RETURN n", "MATCH (n) 1️⃣DELETE n", "MATCH (n) 1️⃣DETACH DELETE n",
    "MATCH (n) 1️⃣REMOVE n.x", "1️⃣MERGE (n:A)", "1️⃣CALL db.labels()", "1️⃣FOREACH (x IN [1] | CREATE ())",
    "1️⃣LOAD CSV FROM 'f' AS line RETURN line", "1️⃣USE graph MATCH (n) RETURN n", "MATCH (n) 1️⃣set n.x = 1",
  ])
  func unsupportedClauses(text: String) {
    expectSyntaxError(text, "UnsupportedClause")
  }

  @Test(arguments: [
    "MATCH (n)1️⃣", "MATCH (n) WITH n1️⃣", "UNWIND [1] AS x1️⃣", "RETURN 1 1️⃣MATCH (n) RETURN n",
    "RETURN 1 1️⃣RETURN 2", "CREATE (a) WITH a1️⃣", "OPTIONAL MATCH (n) 1️⃣UNION RETURN 1",
    "RETURN 1 AS x UNION ALL RETURN 2 AS x 1️⃣UNION RETURN 3 AS x",
    "RETURN 1 AS x UNION RETURN 2 AS x 1️⃣UNION ALL RETURN 3 AS x", "CREATE (a) 1️⃣UNION RETURN 1 AS x",
    "RETURN 1 AS x UNION CREATE (a)1️⃣", "RETURN 1 AS x UNION CREATE (a) 1️⃣UNION RETURN 2 AS x",
  ])
  func clausesMustCompose(text: String) {
    expectSyntaxError(text, "InvalidClauseComposition")
  }

  @Test func onlyUnionOrTheEndMayFollowReturn() {
    expectSyntaxError("RETURN 1 1️⃣2", "UnexpectedSyntax", message: "Expected UNION, ';' or end of input, found '2'")
    expectSyntaxError("RETURN 1 AS x 1️⃣y", "UnexpectedSyntax")
  }

  @Test func compositionMessagesNameTheClause() {
    expectSyntaxError(
      "MATCH (n)", "InvalidClauseComposition",
      message: "Expected RETURN or CREATE after MATCH at the end of the query, found end of input")
    expectSyntaxError(
      "RETURN 1 MATCH (n) RETURN n", "InvalidClauseComposition",
      message: "Expected end of query after RETURN, found 'MATCH'")
  }

  @Test(arguments: [
    "WITH 1️⃣a + 1 RETURN 1", "MATCH (a) WITH a, 1️⃣count(*) RETURN a", "WITH 1️⃣1 RETURN 1",
    "MATCH (n) WITH 1️⃣n.x RETURN 1", "WITH *, 1️⃣[1] RETURN 1",
  ])
  func withItemsNeedAnAliasUnlessTheyAreVariables(text: String) {
    expectSyntaxError(text, "NoExpressionAlias")
  }

  @Test func withVariablesAndReturnExpressionsNeedNoAlias() throws {
    #expect(try clauses("MATCH (a) WITH a, `b` RETURN a + 1, count(*)").count == 3)
  }

  @Test(arguments: ["", "   ", "// only a comment", ";"])
  func emptyQueriesAreSyntaxErrors(text: String) {
    expectSyntaxError(text, "UnexpectedSyntax")
  }

  @Test(arguments: [
    "1️⃣FOO (n) RETURN n", "MATCH (n) 1️⃣foo RETURN n", "RETURN 1 1️⃣2", "UNWIND [1] 1️⃣x RETURN x",
    "UNWIND [1] AS 1️⃣RETURN", "RETURN 1 AS 1️⃣", "MATCH (n) RETURN n ORDER 1️⃣n", "RETURN 1 AS x UNION 1️⃣",
    "MATCH (n) WHERE 1️⃣RETURN n",
  ])
  func malformedClauses(text: String) {
    expectSyntaxError(text, "UnexpectedSyntax")
  }
}

// MARK: - Patterns

@Suite struct PatternTests {
  @Test func nodesTakeVariableLabelsAndProperties() throws {
    let parts = try pattern("(v:L1:L2 {k: 1, `k 2`: 'x'}), (), (:L), (w $props), ({k: true})").parts
    #expect(
      parts.map(\.start) == [
        NodePattern(
          variable: "v", labels: ["L1", "L2"],
          properties: .map([MapEntry(key: "k", value: int(1)), MapEntry(key: "k 2", value: .string("x"))])),
        NodePattern(), NodePattern(labels: ["L"]), NodePattern(variable: "w", properties: .parameter("props")),
        NodePattern(properties: .map([MapEntry(key: "k", value: .boolean(true))])),
      ])
  }

  @Test func labelsMayBeKeywordsOrBackticked() throws {
    let part = try #require(try pattern("(n:Match:`Odd Label`:RETURN)").parts.first)
    #expect(part.start.labels == ["Match", "Odd Label", "RETURN"])
  }

  @Test(arguments: [
    ("(a)-->(b)", RelationshipPattern.Direction.outgoing), ("(a)<--(b)", .incoming), ("(a)--(b)", .both),
    ("(a)<-->(b)", .both), ("(a)-[]->(b)", .outgoing), ("(a)<-[]-(b)", .incoming), ("(a)-[]-(b)", .both),
    ("(a)<-[]->(b)", .both), ("(a) - [] -> (b)", .outgoing), ("(a) < - - (b)", .incoming), ("(a)- ->(b)", .outgoing),
  ])
  func relationshipDirections(text: String, direction: RelationshipPattern.Direction) throws {
    let part = try #require(try pattern(text).parts.first)
    #expect(part.start == NodePattern(variable: "a"))
    #expect(part.steps.count == 1)
    #expect(part.steps.first?.relationship == RelationshipPattern(direction: direction))
    #expect(part.steps.first?.node == NodePattern(variable: "b"))
  }

  @Test func relationshipDetail() throws {
    let part = try #require(try pattern("(a)-[r:T1|T2|:T3 *1..3 {k: $v}]->(b)").parts.first)
    #expect(
      part.steps.first?.relationship
        == RelationshipPattern(
          variable: "r", types: ["T1", "T2", "T3"], properties: .map([MapEntry(key: "k", value: .parameter("v"))]),
          direction: .outgoing, length: VariableLength(minimum: 1, maximum: 3)))
  }

  @Test(
    arguments: [
      ("*", nil, nil), ("*2", 2, 2), ("*1..3", 1, 3), ("*..3", nil, 3), ("*2..", 2, nil), ("* 1 .. 3", 1, 3),
      ("*0..0", 0, 0), ("*..", nil, nil), ("*0x2", 2, 2),
    ] as [(String, Int?, Int?)])
  func variableLengths(range: String, minimum: Int?, maximum: Int?) throws {
    let part = try #require(try pattern("(a)-[:T\(range)]->(b)").parts.first)
    #expect(part.steps.first?.relationship.length == VariableLength(minimum: minimum, maximum: maximum))
    #expect(part.steps.first?.relationship.types == ["T"])
  }

  @Test func relationshipPropertiesMayBeAParameter() throws {
    let part = try #require(try pattern("(a)<-[r $p]-(b)").parts.first)
    #expect(
      part.steps.first?.relationship
        == RelationshipPattern(
          variable: "r", properties: .parameter("p"), direction: .incoming))
  }

  @Test func namedPathsAndLongChains() throws {
    let parts = try pattern("p = (a)-[:T]->(b)<-[:U]-(c)--(d), q=(e)").parts
    #expect(parts.map(\.pathVariable) == ["p", "q"])
    #expect(parts.first?.steps.map(\.relationship.direction) == [.outgoing, .incoming, .both])
    #expect(parts.first?.steps.map(\.node.variable) == ["b", "c", "d"])
    #expect(parts.last?.steps.isEmpty == true)
  }

  @Test(arguments: [
    "MATCH (n:L 1️⃣n)", "MATCH (n 1️⃣RETURN n)", "MATCH (a)-1️⃣(b)", "MATCH (a)-[r1️⃣)->(b)", "MATCH (a)-[:1️⃣]->(b)",
    "MATCH (a)-[:T|1️⃣]->(b)", "MATCH (a)-[:LIKES1️⃣..]->(c)", "MATCH (a)-[:LIKES*1️⃣-2]->(c)",
    "MATCH (a)-[*1️⃣1.5]->(c)", "MATCH (n:1️⃣)", "MATCH (a)--> 1️⃣RETURN a", "MATCH (a)-[r]1️⃣(b)", "MATCH 1️⃣n",
    "MATCH (n) 1️⃣(m)", "MATCH p = 1️⃣RETURN", "MATCH (1️⃣1)", "MATCH (a)-[r {k: 1} 1️⃣:T]->(b)",
    "MATCH (a)<-1️⃣>(b)", "MATCH (1️⃣end) RETURN 1",
  ])
  func malformedPatterns(text: String) {
    expectSyntaxError(text + " RETURN 1", "UnexpectedSyntax")
  }

  @Test func patternErrorsListWhatCouldCome() {
    expectSyntaxError(
      "MATCH (n RETURN n", "UnexpectedSyntax", message: "Expected ':', '{', a parameter or ')', found 'RETURN'")
    expectSyntaxError("MATCH (a)-(b) RETURN a", "UnexpectedSyntax", message: "Expected '[' or '-', found '('")
  }

  @Test func rangeBoundsMustFit() {
    expectSyntaxError("MATCH (a)-[*1️⃣99999999999999999999]->(b) RETURN a", "IntegerOverflow")
  }
}

// MARK: - Expressions

@Suite struct ExpressionTests {
  @Test(arguments: [
    ("null", Expression.null), ("NULL", .null), ("true", .boolean(true)), ("FALSE", .boolean(false)),
    ("42", .integer(42)), ("0x2A", .integer(42)), ("0X2a", .integer(42)), ("0o52", .integer(42)), ("052", .integer(42)),
    ("0", .integer(0)), ("1.5", .float(1.5)), (".5", .float(0.5)), ("1e10", .float(1e10)), ("1.5E-3", .float(0.0015)),
    ("'s'", .string("s")), ("\"d\"", .string("d")), ("$p", .parameter("p")), ("$0", .parameter("0")),
    ("9223372036854775807", .integer(Int.max)), ("-9223372036854775808", .integer(Int.min)),
    ("-0x8000000000000000", .integer(Int.min)), ("-0o1000000000000000000000", .integer(Int.min)),
    ("-1", .integer(-1)), ("- 1", .integer(-1)), ("-1.5", .float(-1.5)), ("-.1e-5", .float(-0.000001)),
    ("+1", .unary(.plus, .integer(1))), ("--1", .unary(.minus, .integer(-1))), ("-x", .unary(.minus, v("x"))),
  ])
  func literals(text: String, expected: Expression) throws {
    #expect(try expression(text) == expected)
  }

  @Test(arguments: [
    ("1️⃣9223372036854775808", "IntegerOverflow"), ("1️⃣-9223372036854775809", "IntegerOverflow"),
    ("1️⃣0x8000000000000000", "IntegerOverflow"), ("1️⃣-0x8000000000000001", "IntegerOverflow"),
    ("1️⃣0o1000000000000000000000", "IntegerOverflow"), ("1️⃣-0o1000000000000000000001", "IntegerOverflow"),
    ("[1, 1️⃣99999999999999999999999]", "IntegerOverflow"), ("1️⃣1.34E999", "FloatingPointOverflow"),
    ("1️⃣-1e309", "FloatingPointOverflow"), ("1 - 1️⃣9223372036854775808", "IntegerOverflow"),
  ])
  func numbersMustFit(text: String, detail: String) {
    expectSyntaxError("RETURN \(text)", detail)
  }

  @Test func integerOverflowMessage() {
    expectSyntaxError(
      "RETURN 9223372036854775808", "IntegerOverflow",
      message: "Expected an integer between -9223372036854775808 and 9223372036854775807, found '9223372036854775808'")
  }

  @Test func booleanPrecedence() throws {
    // OR < XOR < AND < NOT < comparison
    #expect(
      try expression("a OR b XOR c AND NOT d = e")
        == bin(
          .or, v("a"), bin(.xor, v("b"), bin(.and, v("c"), .unary(.not, bin(.equal, v("d"), v("e")))))))
    #expect(try expression("a AND b OR c") == bin(.or, bin(.and, v("a"), v("b")), v("c")))
    #expect(try expression("NOT NOT a") == .unary(.not, .unary(.not, v("a"))))
    #expect(try expression("a or b or c") == bin(.or, bin(.or, v("a"), v("b")), v("c")))
  }

  @Test(arguments: [
    ("a = b", BinaryOperator.equal), ("a <> b", .notEqual), ("a != b", .notEqual), ("a < b", .less),
    ("a > b", .greater), ("a <= b", .lessOrEqual), ("a >= b", .greaterOrEqual),
  ])
  func comparisons(text: String, op: BinaryOperator) throws {
    #expect(try expression(text) == bin(op, v("a"), v("b")))
  }

  @Test func comparisonsChainWithAnd() throws {
    #expect(try expression("a < b < c") == bin(.and, bin(.less, v("a"), v("b")), bin(.less, v("b"), v("c"))))
    #expect(
      try expression("a = b <> c >= d")
        == bin(
          .and, bin(.and, bin(.equal, v("a"), v("b")), bin(.notEqual, v("b"), v("c"))),
          bin(.greaterOrEqual, v("c"), v("d"))))
  }

  @Test func arrowsInsideExpressionsAreComparisonsAndSigns() throws {
    #expect(try expression("a<-1") == bin(.less, v("a"), int(-1)))
    #expect(try expression("a<--1") == bin(.less, v("a"), .unary(.minus, int(-1))))
    #expect(try expression("a--1") == bin(.subtract, v("a"), int(-1)))
  }

  @Test(arguments: [
    ("a STARTS WITH b", BinaryOperator.startsWith), ("a ENDS WITH b", .endsWith), ("a CONTAINS b", .contains),
    ("a IN b", .in), ("a =~ b", .regex), ("a starts with b", .startsWith),
  ])
  func stringAndListPredicates(text: String, op: BinaryOperator) throws {
    #expect(try expression(text) == bin(op, v("a"), v("b")))
  }

  @Test func nullPredicates() throws {
    #expect(try expression("a IS NULL") == .isNull(v("a"), negated: false))
    #expect(try expression("a.b is not null") == .isNull(.property(v("a"), "b"), negated: true))
    #expect(try expression("NOT a IS NULL") == .unary(.not, .isNull(v("a"), negated: false)))
  }

  @Test func predicatesBindTighterThanComparisonAndLooserThanArithmetic() throws {
    #expect(try expression("a + 1 IN b = c") == bin(.equal, bin(.in, bin(.add, v("a"), int(1)), v("b")), v("c")))
    #expect(try expression("a IN b IS NULL") == .isNull(bin(.in, v("a"), v("b")), negated: false))
    #expect(
      try expression("a + b STARTS WITH c + d")
        == bin(
          .startsWith, bin(.add, v("a"), v("b")), bin(.add, v("c"), v("d"))))
  }

  @Test func arithmeticPrecedence() throws {
    #expect(try expression("1 + 2 * 3") == bin(.add, int(1), bin(.multiply, int(2), int(3))))
    #expect(try expression("1 - 2 - 3") == bin(.subtract, bin(.subtract, int(1), int(2)), int(3)))
    #expect(
      try expression("a * b / c % d") == bin(.modulo, bin(.divide, bin(.multiply, v("a"), v("b")), v("c")), v("d")))
    #expect(try expression("2 * 3 ^ 2") == bin(.multiply, int(2), bin(.power, int(3), int(2))))
    #expect(try expression("(1 + 2) * 3") == bin(.multiply, bin(.add, int(1), int(2)), int(3)))
  }

  @Test func powerIsLeftAssociativeAndBindsLooserThanUnaryMinus() throws {
    #expect(try expression("2 ^ 3 ^ 2") == bin(.power, bin(.power, int(2), int(3)), int(2)))
    #expect(try expression("-3 ^ 2") == bin(.power, int(-3), int(2)))
    #expect(try expression("-x ^ 2") == bin(.power, .unary(.minus, v("x")), int(2)))
    #expect(try expression("-(3 ^ 2)") == .unary(.minus, bin(.power, int(3), int(2))))
    #expect(try expression("2 ^ -1") == bin(.power, int(2), int(-1)))
  }

  @Test func postfixOperators() throws {
    #expect(try expression("n.a.b") == .property(.property(v("n"), "a"), "b"))
    #expect(try expression("n.`odd key`") == .property(v("n"), "odd key"))
    #expect(try expression("n.null") == .property(v("n"), "null"))
    #expect(try expression("l[0]") == .index(v("l"), int(0)))
    #expect(try expression("m['k'].x[1]") == .index(.property(.index(v("m"), .string("k")), "x"), int(1)))
    #expect(try expression("l[1..3]") == .slice(v("l"), from: int(1), to: int(3)))
    #expect(try expression("l[..3]") == .slice(v("l"), from: nil, to: int(3)))
    #expect(try expression("l[1..]") == .slice(v("l"), from: int(1), to: nil))
    #expect(try expression("l[..]") == .slice(v("l"), from: nil, to: nil))
    #expect(try expression("l[-2..-1]") == .slice(v("l"), from: int(-2), to: int(-1)))
    #expect(try expression("n:A:B") == .hasLabels(v("n"), ["A", "B"]))
    #expect(try expression("n:A AND m:B") == bin(.and, .hasLabels(v("n"), ["A"]), .hasLabels(v("m"), ["B"])))
    #expect(try expression("-n.x") == .unary(.minus, .property(v("n"), "x")))
  }

  @Test func listsAndMaps() throws {
    #expect(try expression("[]") == .list([]))
    #expect(try expression("[1, 'a', [null]]") == .list([int(1), .string("a"), .list([.null])]))
    #expect(try expression("{}") == .map([]))
    #expect(
      try expression("{a: 1, `b c`: 2, null: 3, MATCH: 4, ``: 5}")
        == .map([
          MapEntry(key: "a", value: int(1)), MapEntry(key: "b c", value: int(2)), MapEntry(key: "null", value: int(3)),
          MapEntry(key: "MATCH", value: int(4)), MapEntry(key: "", value: int(5)),
        ]))
    #expect(
      try expression("{k: {k: [1]}}")
        == .map([MapEntry(key: "k", value: .map([MapEntry(key: "k", value: .list([int(1)]))]))]))
  }

  @Test func caseExpressions() throws {
    #expect(
      try expression("CASE x WHEN 1 THEN 'one' WHEN 2 THEN 'two' ELSE 'many' END")
        == .caseExpression(
          subject: v("x"),
          alternatives: [
            CaseAlternative(when: int(1), then: .string("one")), CaseAlternative(when: int(2), then: .string("two")),
          ],
          otherwise: .string("many")))
    #expect(
      try expression("case when a > 1 then true end")
        == .caseExpression(
          subject: nil, alternatives: [CaseAlternative(when: bin(.greater, v("a"), int(1)), then: .boolean(true))],
          otherwise: nil))
  }

  @Test func functionCalls() throws {
    #expect(try expression("count(*)") == .countAll)
    #expect(try expression("COUNT ( * )") == .countAll)
    #expect(try expression("count(DISTINCT x)") == .function(name: "count", distinct: true, arguments: [v("x")]))
    #expect(try expression("count(x)") == .function(name: "count", distinct: false, arguments: [v("x")]))
    #expect(try expression("toUpper('a')") == .function(name: "toUpper", distinct: false, arguments: [.string("a")]))
    #expect(try expression("rand()") == .function(name: "rand", distinct: false, arguments: []))
    #expect(
      try expression("my.ns.fn(1, 2)") == .function(name: "my.ns.fn", distinct: false, arguments: [int(1), int(2)]))
    #expect(try expression("`odd fn`(1)") == .function(name: "odd fn", distinct: false, arguments: [int(1)]))
    #expect(
      try expression("collect(distinct n.x)")
        == .function(
          name: "collect", distinct: true, arguments: [.property(v("n"), "x")]))
    #expect(
      try expression("exists(n.x)") == .function(name: "exists", distinct: false, arguments: [.property(v("n"), "x")]))
  }

  @Test func listComprehensions() throws {
    #expect(
      try expression("[x IN l]") == .listComprehension(variable: "x", list: v("l"), predicate: nil, projection: nil))
    #expect(
      try expression("[x IN l WHERE x > 1]")
        == .listComprehension(
          variable: "x", list: v("l"), predicate: bin(.greater, v("x"), int(1)), projection: nil))
    #expect(
      try expression("[x IN l | x * 2]")
        == .listComprehension(
          variable: "x", list: v("l"), predicate: nil, projection: bin(.multiply, v("x"), int(2))))
    #expect(
      try expression("[x IN range(1, 3) WHERE x <> 2 | x + 1]")
        == .listComprehension(
          variable: "x", list: .function(name: "range", distinct: false, arguments: [int(1), int(3)]),
          predicate: bin(.notEqual, v("x"), int(2)), projection: bin(.add, v("x"), int(1))))
    #expect(try expression("[(x IN l), 2]") == .list([bin(.in, v("x"), v("l")), int(2)]))
  }

  @Test(arguments: [("all", Quantifier.all), ("ANY", .any), ("none", .none), ("Single", .single)])
  func quantifiers(word: String, quantifier: Quantifier) throws {
    #expect(
      try expression("\(word)(x IN [1, 2] WHERE x > 1)")
        == .quantifier(
          quantifier, variable: "x", list: .list([int(1), int(2)]), predicate: bin(.greater, v("x"), int(1))))
  }

  @Test func variablesAndParentheses() throws {
    #expect(try expression("x") == v("x"))
    #expect(try expression("`a b`") == v("a b"))
    #expect(try expression("((x))") == v("x"))
    #expect(try expression("count") == v("count"))
    #expect(try expression("(a:L)") == .hasLabels(v("a"), ["L"]))
    #expect(try expression("({k: 1}).k") == .property(.map([MapEntry(key: "k", value: int(1))]), "k"))
    #expect(try expression("(a) - (b)") == bin(.subtract, v("a"), v("b")))
    #expect(try expression("(a) - (-b)") == bin(.subtract, v("a"), .unary(.minus, v("b"))))
    #expect(try expression("(a) < -(b)") == bin(.less, v("a"), .unary(.minus, v("b"))))
    #expect(try expression("(a)--1") == bin(.subtract, v("a"), int(-1)))
  }

  @Test func patternPredicates() throws {
    let ab = PatternPart(
      pathVariable: nil, start: NodePattern(variable: "a"),
      steps: [(RelationshipPattern(direction: .outgoing), NodePattern(variable: "b"))])
    #expect(try expression("(a)-->(b)") == .patternPredicate(ab))
    #expect(try expression("NOT (a)-->(b)") == .unary(.not, .patternPredicate(ab)))
    #expect(
      try expression("(a)-[:T]->(:L)")
        == .patternPredicate(
          PatternPart(
            pathVariable: nil, start: NodePattern(variable: "a"),
            steps: [(RelationshipPattern(types: ["T"], direction: .outgoing), NodePattern(labels: ["L"]))])))
    #expect(
      try expression("(a:A {k: 1})<-[r*2]-()--(c)")
        == .patternPredicate(
          PatternPart(
            pathVariable: nil,
            start: NodePattern(variable: "a", labels: ["A"], properties: .map([MapEntry(key: "k", value: int(1))])),
            steps: [
              (
                RelationshipPattern(
                  variable: "r", direction: .incoming, length: VariableLength(minimum: 2, maximum: 2)), NodePattern()
              ),
              (RelationshipPattern(direction: .both), NodePattern(variable: "c")),
            ])))
    #expect(
      try expression("()<--(a)")
        == .patternPredicate(
          PatternPart(
            pathVariable: nil, start: NodePattern(),
            steps: [(RelationshipPattern(direction: .incoming), NodePattern(variable: "a"))])))
    #expect(
      try expression("($p)--(a)")
        == .patternPredicate(
          PatternPart(
            pathVariable: nil, start: NodePattern(properties: .parameter("p")),
            steps: [(RelationshipPattern(direction: .both), NodePattern(variable: "a"))])))
    #expect(try expression("(a)-->(b) AND x") == bin(.and, .patternPredicate(ab), v("x")))
    #expect(try expression("[(a)-->(b)]") == .list([.patternPredicate(ab)]))
  }

  @Test func patternPredicatesInWhere() throws {
    guard case .match(let match)? = try clauses("MATCH (a), (b) WHERE (a)-[:T]->(b) RETURN a").first else {
      Issue.record("no MATCH")
      return
    }
    guard case .patternPredicate(let part)? = match.predicate else {
      Issue.record("not a pattern predicate: \(String(describing: match.predicate))")
      return
    }
    #expect(part.steps.first?.relationship.types == ["T"])
  }

  @Test(arguments: [
    "RETURN 1️⃣", "RETURN [1️⃣, ]", "RETURN [[[]]1️⃣", "RETURN {k1️⃣.k: 1}",
    "RETURN {1️⃣, }", "RETURN {1️⃣1}", "RETURN {1️⃣[]}", "RETURN {1️⃣{}}", "RETURN {k: {k: {}}1️⃣",
    "RETURN (1 + 21️⃣", "RETURN 1 +1️⃣", "RETURN f(1 1️⃣2)", "RETURN CASE 1️⃣END", "RETURN CASE WHEN 1 1️⃣END",
    "RETURN l[1 1️⃣2]", "RETURN n1️⃣.1", "RETURN a IS 1️⃣1", "RETURN a STARTS 1️⃣b", "RETURN all(x IN l1️⃣)",
    "RETURN [x IN l WHERE x 1️⃣2]", "RETURN 1️⃣WHERE", "RETURN (:L)1️⃣", "RETURN ()1️⃣",
    "RETURN (a {k: 1})1️⃣", "RETURN (a)-[1️⃣1]->(b)", "RETURN (a)-->(b1️⃣",
  ])
  func malformedExpressions(text: String) {
    expectSyntaxError(text, "UnexpectedSyntax")
  }

  @Test func expressionErrorsSayWhatWasExpectedAndFound() {
    expectSyntaxError("RETURN [1, 2", "UnexpectedSyntax", message: "Expected ',' or ']', found end of input")
    expectSyntaxError("RETURN (1 + 2 RETURN", "UnexpectedSyntax", message: "Expected ')', found 'RETURN'")
    expectSyntaxError("RETURN {1}", "UnexpectedSyntax", message: "Expected a property key name or '}', found '1'")
    expectSyntaxError("RETURN 1 +", "UnexpectedSyntax", message: "Expected an expression, found end of input")
    expectSyntaxError(
      "RETURN 'a' + 'b", "UnexpectedSyntax", message: "Expected \"'\" to close the string, found end of input")
  }
}

// MARK: - Robustness

@Suite struct RobustnessTests {
  private static func nested(_ depth: Int, open: String, close: String, inner: String = "1") -> String {
    "RETURN " + String(repeating: open, count: depth) + inner + String(repeating: close, count: depth)
  }

  @Test func fiveHundredLevelsOfNestingParse() throws {
    _ = try CypherParser.parse(Self.nested(500, open: "(", close: ")"))
    _ = try CypherParser.parse(Self.nested(500, open: "[", close: "]"))
    _ = try CypherParser.parse(Self.nested(500, open: "{k: ", close: "}"))
    _ = try CypherParser.parse(Self.nested(500, open: "f(", close: ")"))
  }

  @Test func deeperNestingIsASyntaxError() {
    for (open, close) in [("(", ")"), ("[", "]"), ("{k: ", "}"), ("f(", ")"), ("- ", ""), ("NOT ", ""), ("+", "")] {
      let query = Self.nested(501, open: open, close: close)
      #expect(parseError(query)?.detail == "UnexpectedSyntax", "\(open)")
    }
  }

  @Test func veryDeepInputFailsWithoutCrashing() {
    for (open, close) in [
      ("(", ")"), ("[", "]"), ("{k: ", "}"), ("-", ""), ("NOT ", ""), ("CASE WHEN ", " THEN 1 END"),
    ] {
      let query = Self.nested(20_000, open: open, close: close)
      #expect(parseError(query)?.kind == .syntaxError, "\(open)")
    }
    for separator in [" + ", " OR ", " < ", " IS NULL AND ", "."] {
      let query = "RETURN a" + String(repeating: separator + "a", count: 20_000)
      #expect(parseError(query)?.kind == .syntaxError, "\(separator)")
    }
    #expect(parseError("RETURN x" + String(repeating: "[0]", count: 20_000))?.kind == .syntaxError)
  }

  @Test func longFlatInputParses() throws {
    let list = "[" + (0..<20_000).map(String.init).joined(separator: ", ") + "]"
    #expect(try expression(list) == .list((0..<20_000).map { .integer($0) }))
    #expect(
      try expression("x" + String(repeating: ":L", count: 50_000))
        == .hasLabels(v("x"), Array(repeating: "L", count: 50_000)))
    let path = "(a)" + String(repeating: "-->()<--()", count: 25_000)
    #expect(try pattern(path).parts.first?.steps.count == 50_000)
  }

  @Test func everyPrefixOfAQueryParsesOrFailsCleanly() {
    let query = """
      MATCH p = (a:Person {name: 'Ann', `k`: [1, 2.5, -3]})-[r:KNOWS|:LIKES*1..3]->(b)<--(c)
      WHERE a.age >= 30 AND NOT (a)-[:T]->(:L) OR b.name STARTS WITH "B\\u00e9" AND c.x IS NOT NULL
      WITH a, count(DISTINCT b) AS n, [x IN range(1, 10) WHERE x % 2 = 0 | x ^ 2][1..] AS xs
      ORDER BY n DESC SKIP 0 LIMIT $limit WHERE all(y IN xs WHERE y > 0)
      UNWIND xs AS x
      RETURN a.name, CASE n WHEN 1 THEN 'one' ELSE 'many' END AS word, x, {k: x} // done
      UNION ALL MATCH (z) RETURN z.name AS `a.name`, 1 AS word, 2 AS x;
      """
    var prefix = ""
    for character in query {
      prefix.append(character)
      if let error = parseError(prefix) {
        #expect(error.kind == .syntaxError)
        #expect((error.offset ?? -1) <= prefix.utf8.count)
      }
    }
    #expect(parseError(query) == nil)
  }

  @Test func scrambledQueriesFailCleanly() {
    // A fixed linear congruential generator keeps the cases the same on every run.
    var state: UInt64 = 0x5DEE_CE66D
    func next(_ bound: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(bound))
    }
    let pieces = [
      "MATCH", "RETURN", "WITH", "WHERE", "(", ")", "[", "]", "{", "}", "-", "->", "<-", "-->", "<--", "*", "..", ":",
      "|", ",", ".", "a", "`b`", "'s'", "\"", "'", "1", "0x", "1.5", "$p", "=", "<", ">", "NOT", "AND", "IN", "IS",
      "NULL", "CASE", "WHEN", "THEN", "END", "count", "all", "UNION", ";", "/*", "//", "\\", "é", "—", " ", "\n",
    ]
    for _ in 0..<2_000 {
      let length = next(12) + 1
      let query = (0..<length).map { _ in pieces[next(pieces.count)] }.joined(separator: next(2) == 0 ? " " : "")
      if let error = parseError(query) {
        #expect(error.kind == .syntaxError)
        #expect((error.offset ?? -1) >= 0 && (error.offset ?? -1) <= query.utf8.count)
      }
    }
  }

  @Test func renderedErrorsPointAtTheOffendingToken() {
    let query = "MATCH (n)\nRETURN n.name AS"
    let error = parseError(query)
    #expect(error?.offset == query.utf8.count)
    #expect(
      error?.rendered(in: query) == """
        SyntaxError (UnexpectedSyntax): Expected an alias, found end of input (line 2, column 17)
          RETURN n.name AS
                          ^
        """)
  }
}
