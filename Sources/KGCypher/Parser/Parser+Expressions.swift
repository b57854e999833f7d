/// Expressions, lowest precedence first: OR, XOR, AND, NOT, comparison,
/// string/list/null predicates, `+ -`, `* / %`, `^`, unary `+ -`, postfix
/// (`.key`, `[i]`, `[a..b]`, `:Label`), atoms.
///
/// Nesting is bounded: every enclosing expression, unary sign, NOT and chained
/// operator counts one level against ``Parser/nestingLimit``, so the syntax tree
/// stays shallow enough to walk (and free) recursively.
///
/// The binary levels share one precedence-climbing function, ``Parser/parseBinary(_:)``,
/// so that a parenthesis costs a handful of stack frames rather than one per level:
/// 500 nested levels must fit in a small thread stack.
extension Parser {
  /// How tightly a binary operator binds, lowest first.
  enum Precedence: Int, Comparable {
    case or = 1, xor, and, not, comparison, predicate, additive, multiplicative, power

    static func < (lhs: Precedence, rhs: Precedence) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The level of an operator's right operand: one higher, as every level is left-associative.
    var next: Precedence? { Precedence(rawValue: rawValue + 1) }
  }

  /// An operator that follows its left operand.
  enum InfixOperator {
    case binary(BinaryOperator)
    /// `=`, `<>`, `<`, ...: chains, so `a < b < c` is `a < b AND b < c`.
    case comparison(BinaryOperator)
    /// `IS NULL` / `IS NOT NULL`: takes no right operand.
    case isNull
  }

  /// Expression : OrExpression
  mutating func parseExpression() throws(CypherError) -> Expression {
    try enterNesting()
    defer { depth -= 1 }
    return try parseBinary(.or)
  }

  /// The expression levels from OR down to `^`, each parsing operands of the next level:
  ///
  /// OrExpression : XorExpression ( OR XorExpression )*
  ///
  /// XorExpression : AndExpression ( XOR AndExpression )*
  ///
  /// AndExpression : NotExpression ( AND NotExpression )*
  ///
  /// NotExpression : NOT* ComparisonExpression
  ///
  /// ComparisonExpression : PredicateExpression ( ComparisonOperator PredicateExpression )*
  ///
  /// ComparisonOperator : '=' | '<>' | '!=' | '<' | '>' | '<=' | '>='
  ///
  /// PredicateExpression : AdditiveExpression ( ( STARTS WITH | ENDS WITH | CONTAINS | IN | '=~' ) AdditiveExpression
  ///   | IS NULL | IS NOT NULL )*
  ///
  /// AdditiveExpression : MultiplicativeExpression ( ( '+' | '-' ) MultiplicativeExpression )*
  ///
  /// MultiplicativeExpression : PowerExpression ( ( '*' | '/' | '%' ) PowerExpression )*
  ///
  /// PowerExpression : UnaryExpression ( '^' UnaryExpression )*
  ///
  /// `minimum` is the lowest level this call parses: `parseBinary(.or)` is a whole
  /// expression, `parseBinary(.additive)` an AdditiveExpression. Every level is
  /// left-associative (`2 ^ 3 ^ 2` is `(2 ^ 3) ^ 2`, as in openCypher), and a chain of
  /// comparisons `a < b <= c` means `a < b AND b <= c`.
  mutating func parseBinary(_ minimum: Precedence) throws(CypherError) -> Expression {
    let first = minimum <= .not && peek(.not) ? try parseNot() : try parseUnary()
    return try parseOperators(after: first, minimum: minimum)
  }

  /// NOT NotExpression (one NOT of a NotExpression)
  private mutating func parseNot() throws(CypherError) -> Expression {
    try expect(.not)
    try enterNesting()
    defer { depth -= 1 }
    return .unary(.not, try parseBinary(.not))
  }

  /// The operators of level `minimum` and above that follow `first`, with their right operands.
  private mutating func parseOperators(after first: Expression, minimum: Precedence) throws(CypherError) -> Expression {
    var result = first
    var levels = 0
    defer { depth -= levels }
    var lastComparand: Expression?
    while let (precedence, infix) = infixOperator(), precedence >= minimum {
      _ = skip(current.kind.firstArrowPiece ?? current.kind)
      try enterNesting()
      levels += 1
      switch infix {
      case .isNull:
        let negated = skip(.not)
        try expect(.null)
        result = .isNull(result, negated: negated)
      case .comparison(let comparison):
        let right = try parseBinary(.predicate)
        if let left = lastComparand {
          result = .binary(.and, result, .binary(comparison, left, right))
        } else {
          result = .binary(comparison, result, right)
        }
        lastComparand = right
        continue
      case .binary(let binaryOperator):
        if binaryOperator == .startsWith || binaryOperator == .endsWith { try expect(.with) }
        let right: Expression
        if let level = precedence.next {
          right = try parseBinary(level)
        } else {
          right = try parseUnary()
        }
        result = .binary(binaryOperator, result, right)
      }
      lastComparand = nil
    }
    return result
  }

  /// The operator at the current token and its level, without consuming it.
  private func infixOperator() -> (Precedence, InfixOperator)? {
    switch current.keyword {
    case .or: return (.or, .binary(.or))
    case .xor: return (.xor, .binary(.xor))
    case .and: return (.and, .binary(.and))
    case .starts: return (.predicate, .binary(.startsWith))
    case .ends: return (.predicate, .binary(.endsWith))
    case .contains: return (.predicate, .binary(.contains))
    case .in: return (.predicate, .binary(.in))
    case .is: return (.predicate, .isNull)
    default: break
    }
    switch current.kind.firstArrowPiece ?? current.kind {
    case .equal: return (.comparison, .comparison(.equal))
    case .notEqual, .bangEqual: return (.comparison, .comparison(.notEqual))
    case .lessThan: return (.comparison, .comparison(.less))
    case .greaterThan: return (.comparison, .comparison(.greater))
    case .lessOrEqual: return (.comparison, .comparison(.lessOrEqual))
    case .greaterOrEqual: return (.comparison, .comparison(.greaterOrEqual))
    case .regexMatch: return (.predicate, .binary(.regex))
    case .plus: return (.additive, .binary(.add))
    case .minus: return (.additive, .binary(.subtract))
    case .star: return (.multiplicative, .binary(.multiply))
    case .slash: return (.multiplicative, .binary(.divide))
    case .percent: return (.multiplicative, .binary(.modulo))
    case .caret: return (.power, .binary(.power))
    default: return nil
    }
  }

  /// UnaryExpression : ( '+' | '-' ) UnaryExpression | PostfixExpression
  ///
  /// PostfixExpression : Atom PostfixOperator*
  mutating func parseUnary() throws(CypherError) -> Expression {
    if peek(.minus) || peek(.plus) { return try parseSignedExpression() }
    let atom = try parseAtom()
    return try parsePostfixOperators(on: atom)
  }

  /// SignedExpression : ( '+' | '-' ) UnaryExpression
  ///
  /// A minus sign directly before a number literal is folded into the literal,
  /// so that `-9223372036854775808` is a valid integer.
  private mutating func parseSignedExpression() throws(CypherError) -> Expression {
    let isMinus = peek(.minus)
    let signOffset = current.start
    _ = skip(isMinus ? .minus : .plus)
    try enterNesting()
    defer { depth -= 1 }
    if isMinus && current.kind == .integer {
      let literal = Expression.integer(try integerValue(of: advance(), minusAt: signOffset))
      return try parsePostfixOperators(on: literal)
    }
    if isMinus && current.kind == .float {
      let literal = Expression.float(try floatValue(of: advance(), minusAt: signOffset))
      return try parsePostfixOperators(on: literal)
    }
    return .unary(isMinus ? .minus : .plus, try parseUnary())
  }

  /// PostfixOperator : '.' PropertyKeyName | '[' Expression ']' | '[' Expression? '..' Expression? ']' | NodeLabels
  mutating func parsePostfixOperators(on atom: Expression) throws(CypherError) -> Expression {
    var result = atom
    var levels = 0
    defer { depth -= levels }
    while true {
      if skip(.dot) {
        result = .property(result, try parseSchemaName("a property name"))
      } else if skip(.leftBracket) {
        result = try parseSubscript(of: result)
      } else if peek(.colon) {
        result = .hasLabels(result, try parseNodeLabels())
      } else {
        return result
      }
      try enterNesting()
      levels += 1
    }
  }

  /// Subscript : '[' Expression ']' | '[' Expression? '..' Expression? ']' (after the '[')
  private mutating func parseSubscript(of base: Expression) throws(CypherError) -> Expression {
    var from: Expression?
    if !peek(.dotDot) {
      from = try parseExpression()
      if skip(.rightBracket), let from { return .index(base, from) }
    }
    guard skip(.dotDot) else { throw unexpected("'..' or ']'") }
    var to: Expression?
    if !peek(.rightBracket) { to = try parseExpression() }
    try expect(.rightBracket)
    return .slice(base, from: from, to: to)
  }

  // MARK: - Atoms

  /// Atom : Literal | Parameter | CaseExpression | CountAll | ListLiteral | ListComprehension
  ///   | Quantifier | MapLiteral | FunctionCall | ParenthesizedExpression | PatternPredicate | Variable
  ///
  /// Literal : NULL | TRUE | FALSE | IntegerLiteral | FloatLiteral | StringLiteral
  ///
  /// This only dispatches on the current token, and keeps its stack frame small:
  /// every nesting level goes through it.
  mutating func parseAtom() throws(CypherError) -> Expression {
    switch current.kind {
    case .integer, .float, .string, .parameter:
      return try parseLiteral()
    case .leftBracket:
      if isVariable(token(at: 1)) && token(at: 2).keyword == .in { return try parseListComprehension() }
      return try parseListLiteral()
    case .leftBrace:
      return try parseMapLiteral()
    case .leftParen:
      return try parseParenthesizedOrPattern()
    case .identifier, .quotedIdentifier:
      return try parseNameAtom()
    default:
      throw unexpected("an expression")
    }
  }

  /// Literal : IntegerLiteral | FloatLiteral | StringLiteral | Parameter (NULL, TRUE and FALSE are words)
  private mutating func parseLiteral() throws(CypherError) -> Expression {
    let token = advance()
    switch token.kind {
    case .integer: return .integer(try integerValue(of: token))
    case .float: return .float(try floatValue(of: token))
    case .parameter: return .parameter(token.text)
    default: return .string(token.text)
    }
  }

  /// An atom that starts with a word: a keyword literal, CASE, `count(*)`,
  /// a quantifier, a function call or a variable.
  private mutating func parseNameAtom() throws(CypherError) -> Expression {
    let word = current
    if word.kind == .identifier {
      switch word.keyword {
      case .null:
        advance()
        return .null
      case .true:
        advance()
        return .boolean(true)
      case .false:
        advance()
        return .boolean(false)
      case .case:
        return try parseCaseExpression()
      default:
        break
      }
      let name = word.text.lowercased()
      if name == "count" && token(at: 1).kind == .leftParen && token(at: 2).kind == .star
        && token(at: 3).kind == .rightParen
      {
        for _ in 0..<4 { advance() }
        return .countAll
      }
      if let quantifier = Quantifier(rawValue: name), token(at: 1).kind == .leftParen,
        isVariable(token(at: 2)), token(at: 3).keyword == .in
      {
        return try parseQuantifier(quantifier)
      }
    }
    if isFunctionCallAhead {
      return try parseFunctionCall()
    }
    return .variable(try parseVariable("an expression"))
  }

  /// Whether the tokens ahead are `Name ( '.' Name )* '('` with a first name that is not reserved.
  private var isFunctionCallAhead: Bool {
    guard isVariable(current) else { return false }
    var offset = 1
    while token(at: offset).kind == .dot && isName(token(at: offset + 1)) {
      offset += 2
    }
    return token(at: offset).kind == .leftParen
  }

  private func isName(_ token: Token) -> Bool {
    token.kind == .identifier || token.kind == .quotedIdentifier
  }

  /// FunctionCall : FunctionName '(' DISTINCT? ( Expression ( ',' Expression )* )? ')'
  ///
  /// FunctionName : ( Namespace '.' )* Name — kept as written (`toUpper`, `my.ns.fn`).
  mutating func parseFunctionCall() throws(CypherError) -> Expression {
    var name = advance().text
    while skip(.dot) {
      name += "." + (try parseSchemaName("a function name"))
    }
    try expect(.leftParen)
    let distinct = skip(.distinct)
    var arguments: [Expression] = []
    if !peek(.rightParen) {
      repeat {
        arguments.append(try parseExpression())
      } while skip(.comma)
    }
    if !peek(.rightParen) { throw unexpected(arguments.isEmpty ? "an expression or ')'" : "',' or ')'") }
    advance()
    return .function(name: name, distinct: distinct, arguments: arguments)
  }

  /// Quantifier : ( ALL | ANY | NONE | SINGLE ) '(' Variable IN Expression WHERE Expression ')'
  mutating func parseQuantifier(_ quantifier: Quantifier) throws(CypherError) -> Expression {
    advance()
    try expect(.leftParen)
    let variable = try parseVariable()
    try expect(.in)
    let list = try parseExpression()
    try expect(.where)
    let predicate = try parseExpression()
    try expect(.rightParen)
    return .quantifier(quantifier, variable: variable, list: list, predicate: predicate)
  }

  /// CaseExpression : CASE Expression? ( WHEN Expression THEN Expression )+ ( ELSE Expression )? END
  mutating func parseCaseExpression() throws(CypherError) -> Expression {
    try expect(.case)
    var subject: Expression?
    if !peek(.when) { subject = try parseExpression() }
    var alternatives: [CaseAlternative] = []
    while skip(.when) {
      let condition = try parseExpression()
      try expect(.then)
      alternatives.append(CaseAlternative(when: condition, then: try parseExpression()))
    }
    if alternatives.isEmpty { throw unexpected("WHEN") }
    let otherwise = try parseExpression(after: .else)
    if !peek(.end) { throw unexpected("WHEN, ELSE or END") }
    advance()
    return .caseExpression(subject: subject, alternatives: alternatives, otherwise: otherwise)
  }

  /// ListLiteral : '[' ( Expression ( ',' Expression )* )? ']'
  mutating func parseListLiteral() throws(CypherError) -> Expression {
    try expect(.leftBracket)
    var elements: [Expression] = []
    if !peek(.rightBracket) {
      repeat {
        elements.append(try parseExpression())
      } while skip(.comma)
    }
    if !peek(.rightBracket) { throw unexpected(elements.isEmpty ? "an expression or ']'" : "',' or ']'") }
    advance()
    return .list(elements)
  }

  /// ListComprehension : '[' Variable IN Expression ( WHERE Expression )? ( '|' Expression )? ']'
  mutating func parseListComprehension() throws(CypherError) -> Expression {
    try expect(.leftBracket)
    let variable = try parseVariable()
    try expect(.in)
    let list = try parseExpression()
    let predicate = try parseExpression(after: .where)
    var projection: Expression?
    if skip(.pipe) { projection = try parseExpression() }
    if !peek(.rightBracket) {
      throw unexpected(projection != nil ? "']'" : predicate != nil ? "'|' or ']'" : "WHERE, '|' or ']'")
    }
    advance()
    return .listComprehension(variable: variable, list: list, predicate: predicate, projection: projection)
  }

  /// MapLiteral : '{' ( PropertyKeyName ':' Expression ( ',' PropertyKeyName ':' Expression )* )? '}'
  ///
  /// PropertyKeyName : SchemaName (any word, keywords included, or a backticked name)
  mutating func parseMapLiteral() throws(CypherError) -> Expression {
    try expect(.leftBrace)
    var entries: [MapEntry] = []
    if !peek(.rightBrace) {
      repeat {
        let key = try parseSchemaName(entries.isEmpty ? "a property key name or '}'" : "a property key name")
        try expect(.colon)
        entries.append(MapEntry(key: key, value: try parseExpression()))
      } while skip(.comma)
    }
    if !peek(.rightBrace) { throw unexpected("',' or '}'") }
    advance()
    return .map(entries)
  }

  /// ParenthesizedExpression : '(' Expression ')'
  ///
  /// A PatternPredicate starts the same way: `(a)`, `(a:L)`, `({k: 1})` and `($p)` are
  /// expressions unless a relationship follows (`(a)-->(b)`, `(a)-[:T]-(b)`);
  /// `()`, `(:L)`, `(a {k: 1})` and `(a $p)` can only be nodes.
  mutating func parseParenthesizedOrPattern() throws(CypherError) -> Expression {
    let afterParen = token(at: 1).kind
    if afterParen == .rightParen || afterParen == .colon {
      return try parsePatternPredicate(from: try parseNodePattern())
    }
    advance()
    let inner = try parseExpression()
    return try finishParenthesized(inner)
  }

  /// The rest of ParenthesizedExpression or PatternPredicate after the expression
  /// inside the first parentheses.
  private mutating func finishParenthesized(_ inner: Expression) throws(CypherError) -> Expression {
    if peek(.leftBrace) || peek(.parameter), let head = Self.nodePattern(from: inner), head.properties == nil {
      let properties = try parseProperties()
      try expect(.rightParen)
      let node = NodePattern(variable: head.variable, labels: head.labels, properties: properties)
      return try parsePatternPredicate(from: node)
    }
    try expect(.rightParen)
    if relationshipFollows, let node = Self.nodePattern(from: inner) {
      return try parsePatternPredicate(from: node)
    }
    return inner
  }
}
