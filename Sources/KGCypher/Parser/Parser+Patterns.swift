extension Parser {
  /// Pattern : PatternPart ( ',' PatternPart )*
  mutating func parsePattern() throws(CypherError) -> Pattern {
    var parts = [try parsePatternPart()]
    while skip(.comma) {
      parts.append(try parsePatternPart())
    }
    return Pattern(parts: parts)
  }

  /// PatternPart : ( Variable '=' )? NodePattern ( RelationshipPattern NodePattern )*
  mutating func parsePatternPart() throws(CypherError) -> PatternPart {
    var pathVariable: String?
    if isVariableStart && token(at: 1).kind == .equal {
      pathVariable = advance().text
      advance()
    }
    let start = try parseNodePattern()
    var steps: [(relationship: RelationshipPattern, node: NodePattern)] = []
    while peek(.minus) || peek(.lessThan) {
      let relationship = try parseRelationshipPattern()
      steps.append((relationship, try parseNodePattern()))
    }
    return PatternPart(pathVariable: pathVariable, start: start, steps: steps)
  }

  /// NodePattern : '(' Variable? NodeLabels? Properties? ')'
  mutating func parseNodePattern() throws(CypherError) -> NodePattern {
    try expect(.leftParen)
    let variable = isVariableStart ? advance().text : nil
    let labels = try parseNodeLabels()
    let properties = try parseProperties()
    if !peek(.rightParen) {
      var expected: [String] = []
      if variable == nil && labels.isEmpty && properties == nil { expected.append("a variable") }
      if properties == nil { expected += ["':'", "'{'", "a parameter"] }
      throw unexpected(Self.oneOf(expected + ["')'"]))
    }
    advance()
    return NodePattern(variable: variable, labels: labels, properties: properties)
  }

  /// NodeLabels : ( ':' LabelName )*
  mutating func parseNodeLabels() throws(CypherError) -> [String] {
    var labels: [String] = []
    while skip(.colon) {
      labels.append(try parseSchemaName("a label name"))
    }
    return labels
  }

  /// Properties : MapLiteral | Parameter
  mutating func parseProperties() throws(CypherError) -> Expression? {
    if peek(.leftBrace) { return try parseMapLiteral() }
    if peek(.parameter) { return .parameter(advance().text) }
    return nil
  }

  /// RelationshipPattern : '<'? '-' RelationshipDetail? '-' '>'?
  ///
  /// The abbreviated forms `-->`, `<--`, `--` and `<-->` have no detail.
  /// `<-...->` (both heads) is undirected, like `-...-`.
  mutating func parseRelationshipPattern() throws(CypherError) -> RelationshipPattern {
    let pointsLeft = skip(.lessThan)
    try expect(.minus)
    var relationship = RelationshipPattern(direction: .both)
    if peek(.leftBracket) {
      relationship = try parseRelationshipDetail()
    } else if !peek(.minus) {
      throw unexpected("'[' or '-'")
    }
    try expect(.minus)
    let pointsRight = skip(.greaterThan)
    switch (pointsLeft, pointsRight) {
    case (true, false): relationship.direction = .incoming
    case (false, true): relationship.direction = .outgoing
    default: relationship.direction = .both
    }
    return relationship
  }

  /// RelationshipDetail : '[' Variable? RelationshipTypes? RangeLiteral? Properties? ']'
  ///
  /// RelationshipTypes : ':' RelTypeName ( '|' ':'? RelTypeName )*
  mutating func parseRelationshipDetail() throws(CypherError) -> RelationshipPattern {
    try expect(.leftBracket)
    let variable = isVariableStart ? advance().text : nil
    var types: [String] = []
    if skip(.colon) {
      types.append(try parseSchemaName("a relationship type"))
      while skip(.pipe) {
        _ = skip(.colon)
        types.append(try parseSchemaName("a relationship type"))
      }
    }
    var length: VariableLength?
    if peek(.star) { length = try parseRangeLiteral() }
    let properties = try parseProperties()
    if !peek(.rightBracket) {
      var expected: [String] = []
      if variable == nil && types.isEmpty && length == nil && properties == nil { expected.append("a variable") }
      if types.isEmpty && length == nil && properties == nil { expected.append("':'") }
      if length == nil && properties == nil { expected.append("'*'") }
      if properties == nil { expected += ["'{'", "a parameter"] }
      throw unexpected(Self.oneOf(expected + ["']'"]))
    }
    advance()
    return RelationshipPattern(
      variable: variable, types: types, properties: properties, direction: .both, length: length)
  }

  /// RangeLiteral : '*' IntegerLiteral? ( '..' IntegerLiteral? )?
  ///
  /// `*` is unbounded, `*2` is exactly two hops, `*1..3`, `*..3` and `*2..` give bounds.
  mutating func parseRangeLiteral() throws(CypherError) -> VariableLength {
    try expect(.star)
    var minimum: Int?
    if peek(.integer) { minimum = try integerValue(of: advance()) }
    guard skip(.dotDot) else { return VariableLength(minimum: minimum, maximum: minimum) }
    var maximum: Int?
    if peek(.integer) { maximum = try integerValue(of: advance()) }
    return VariableLength(minimum: minimum, maximum: maximum)
  }

  // MARK: - Patterns inside expressions

  /// Whether the tokens ahead start a relationship pattern that a pattern predicate
  /// can continue with: `-[`, `<-[`, or an abbreviated `--`, `-->`, `<--`, `<-->`
  /// directly followed by `(`. Anything else (`(a) - 1`, `(a) < -(b)`) is arithmetic.
  var relationshipFollows: Bool {
    let (characters, next) = arrowLookahead()
    switch characters {
    case "-", "<-": return next == .leftBracket
    case "--", "-->", "<--", "<-->": return next == .leftParen
    default: return false
    }
  }

  /// PatternPredicate : NodePattern ( RelationshipPattern NodePattern )+
  ///
  /// Continues a pattern used as an expression (`WHERE (a)-[:T]->(:L)`) from its
  /// first node, which the caller has parsed.
  mutating func parsePatternPredicate(from start: NodePattern) throws(CypherError) -> Expression {
    guard relationshipFollows else { throw unexpected("a relationship pattern such as '-->' or '-[...]-'") }
    var steps: [(relationship: RelationshipPattern, node: NodePattern)] = []
    repeat {
      let relationship = try parseRelationshipPattern()
      steps.append((relationship, try parseNodePattern()))
    } while relationshipFollows
    return .patternPredicate(PatternPart(pathVariable: nil, start: start, steps: steps))
  }

  /// The node pattern that a parenthesized expression spells, when it spells one:
  /// `(a)`, `(a:L)`, `({k: 1})`, `($p)`.
  static func nodePattern(from expression: Expression) -> NodePattern? {
    switch expression {
    case .variable(let name): NodePattern(variable: name)
    case .hasLabels(.variable(let name), let labels): NodePattern(variable: name, labels: labels)
    case .map, .parameter: NodePattern(properties: expression)
    default: nil
    }
  }
}
