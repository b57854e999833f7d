/// The entry point for turning Cypher text into a ``Statement``.
public enum CypherParser {
  /// Parses one Cypher statement (single queries joined by `UNION [ALL]`, with an optional trailing `;`).
  ///
  /// ```swift
  /// let statement = try CypherParser.parse("MATCH (n:Person) RETURN n.name")
  /// ```
  ///
  /// - Parameter text: The query text.
  /// - Returns: The statement's syntax tree. Names are resolved later: the parser
  ///   checks only the syntax and the clause order.
  /// - Throws: `CypherError` of kind `.syntaxError`, whose `detail` names the problem
  ///   (`UnexpectedSyntax`, `UnsupportedClause`, `InvalidClauseComposition`,
  ///   `NoExpressionAlias`, `IntegerOverflow`, `FloatingPointOverflow`,
  ///   `InvalidNumberLiteral`, `InvalidUnicodeLiteral`, ...), whose message reads
  ///   "Expected X, found Y", and whose `offset` is the UTF-8 offset of the offending text.
  /// - Complexity: O(n) in the length of `text`.
  public static func parse(_ text: String) throws(CypherError) -> Statement {
    var parser = try Parser(text)
    return try parser.parseStatement()
  }
}

/// A recursive-descent parser over the lexer's tokens.
///
/// Each `parseX` method parses one grammar rule, given as its doc comment, and
/// leaves the parser on the first token after it. The grammar is openCypher's,
/// cut down to the clauses this engine runs. The methods are spread over
/// `Parser+Clauses.swift`, `Parser+Patterns.swift` and `Parser+Expressions.swift`;
/// this file holds the primitives they are built on: ``peek(_:)-(Token.Kind)``,
/// ``skip(_:)-(Token.Kind)`` and ``expect(_:)-(Token.Kind)``.
///
/// The arrow tokens (`->`, `<-`, `-->`, `<--`) are transparent: asking for `<`, `-`
/// or `>` when the current token is an arrow that starts with that character
/// splits the arrow into one-character tokens. So `a<-1` still reads as `a < -1`,
/// and `(a)<--(b)` as `<`, `-`, `-`. The pieces wait in a small queue in front of
/// the token array, so splitting costs O(1).
struct Parser {
  /// How deeply expressions may nest inside the outermost one (parentheses, lists,
  /// maps, arguments, unary signs, NOT, chained operators, ...).
  static let nestingLimit = 500

  /// The tokens; the last one is always ``Token/Kind/endOfInput``.
  private let tokens: [Token]
  /// The position in ``tokens`` of the current token (of the token after ``pieces`` when there are some).
  private var index = 0
  /// The one-character tokens of a split arrow not consumed yet; they come before `tokens[index]`.
  private var pieces: [Token] = []
  /// The end offset of the last token consumed, for the text of projection items.
  private(set) var previousEnd = 0
  /// How many levels enclose the expression being parsed (the outermost expression is at 1).
  var depth = 0
  private let source: [UInt8]

  init(_ text: String) throws(CypherError) {
    self.tokens = try Lexer.tokenize(text)
    self.source = Array(text.utf8)
  }

  // MARK: - Looking at tokens

  /// The current token.
  var current: Token { pieces.first ?? tokens[index] }

  /// The token `offset` (zero or more) places after the current one; the end token past the end.
  func token(at offset: Int) -> Token {
    if offset < pieces.count { return pieces[max(0, offset)] }
    let position = index + offset - pieces.count
    return position < tokens.count ? tokens[position] : tokens[tokens.count - 1]
  }

  /// Whether the current token is of `kind`, or is an arrow that starts with `kind`.
  func peek(_ kind: Token.Kind) -> Bool {
    current.kind == kind || current.kind.firstArrowPiece == kind
  }

  /// Whether the current token is the word `keyword` (in any case, not backticked).
  func peek(_ keyword: Keyword) -> Bool {
    current.keyword == keyword
  }

  // MARK: - Consuming tokens

  /// Consumes and returns the current token (the end token is never consumed).
  @discardableResult
  mutating func advance() -> Token {
    let token = current
    if !pieces.isEmpty {
      pieces.removeFirst()
      previousEnd = token.end
    } else if index < tokens.count - 1 {
      index += 1
      previousEnd = token.end
    }
    return token
  }

  /// Consumes the current token if it is of `kind`; an arrow starting with `kind` is split first.
  mutating func skip(_ kind: Token.Kind) -> Bool {
    guard peek(kind) else { return false }
    if current.kind != kind { splitArrow() }
    advance()
    return true
  }

  /// Consumes the current token if it is the word `keyword`.
  mutating func skip(_ keyword: Keyword) -> Bool {
    guard peek(keyword) else { return false }
    advance()
    return true
  }

  /// Consumes a token of `kind` or throws "Expected `kind`, found ...".
  @discardableResult
  mutating func expect(_ kind: Token.Kind) throws(CypherError) -> Token {
    guard peek(kind) else { throw unexpected("'\(kind.rawValue)'") }
    if current.kind != kind { splitArrow() }
    return advance()
  }

  /// Consumes the word `keyword` or throws "Expected KEYWORD, found ...".
  @discardableResult
  mutating func expect(_ keyword: Keyword) throws(CypherError) -> Token {
    guard peek(keyword) else { throw unexpected(keyword.rawValue) }
    return advance()
  }

  /// Replaces the current arrow token by the one-character tokens it is made of.
  private mutating func splitArrow() {
    let arrow = current
    guard pieces.isEmpty, arrow.kind.firstArrowPiece != nil else { return }
    pieces = arrow.kind.arrowPieces.enumerated().map { offset, kind in
      Token(kind: kind, text: kind.rawValue, start: arrow.start + offset, end: arrow.start + offset + 1)
    }
    index += 1
  }

  /// The characters of the run of `<`, `-`, `>` and arrow tokens starting at the
  /// current token (`"<--"` for `<-` `-`), and the kind of the token after the run.
  func arrowLookahead() -> (characters: String, next: Token.Kind) {
    var characters = ""
    var offset = 0
    while token(at: offset).kind.isArrowPart && characters.count < 8 {
      characters += token(at: offset).kind.rawValue
      offset += 1
    }
    return (characters, token(at: offset).kind)
  }

  // MARK: - Errors and guards

  /// A syntax error at `token` (the current token by default): "Expected `expected`, found ...".
  func unexpected(_ expected: String, detail: String = "UnexpectedSyntax", at token: Token? = nil) -> CypherError {
    let found = token ?? current
    return CypherError(.syntaxError, detail, "Expected \(expected), found \(found.displayText)", at: found.start)
  }

  /// "a, b or c" for the expected-part of a message.
  static func oneOf(_ choices: [String]) -> String {
    guard let last = choices.last else { return "" }
    return choices.count == 1 ? last : choices.dropLast().joined(separator: ", ") + " or " + last
  }

  /// Counts one more level of nesting, or throws once there would be more than
  /// ``nestingLimit`` levels below the outermost expression.
  /// Pair every successful call with `depth -= 1` (in a `defer`).
  mutating func enterNesting() throws(CypherError) {
    guard depth <= Self.nestingLimit else {
      throw CypherError(
        .syntaxError, "UnexpectedSyntax",
        "Expected at most \(Self.nestingLimit) levels of nesting, found \(current.displayText) nested deeper",
        at: current.start)
    }
    depth += 1
  }

  /// The query text between two UTF-8 offsets.
  func sourceText(from start: Int, to end: Int) -> String {
    let lower = max(0, min(start, source.count))
    let upper = max(lower, min(end, source.count))
    return String(decoding: source[lower..<upper], as: UTF8.self)
  }

  // MARK: - Names

  /// Variable : SymbolicName | QuotedName (a word that is not a reserved keyword)
  mutating func parseVariable(_ expected: String = "a variable name") throws(CypherError) -> String {
    guard isVariableStart else { throw unexpected(expected) }
    return advance().text
  }

  /// Whether the current token can be a variable name.
  var isVariableStart: Bool { isVariable(current) }

  /// Whether `token` can be a variable name: a backticked name or a word that is not reserved.
  func isVariable(_ token: Token) -> Bool {
    switch token.kind {
    case .quotedIdentifier: true
    case .identifier: !(token.keyword?.isReserved ?? false)
    default: false
    }
  }

  /// SchemaName : SymbolicName | ReservedWord | QuotedName (labels, types, property keys, map keys)
  mutating func parseSchemaName(_ expected: String) throws(CypherError) -> String {
    guard current.kind == .identifier || current.kind == .quotedIdentifier else { throw unexpected(expected) }
    return advance().text
  }

  // MARK: - Numbers

  /// The value of an integer literal token.
  ///
  /// - Parameters:
  ///   - token: An ``Token/Kind/integer`` token.
  ///   - minusOffset: The offset of a minus sign folded into the literal, if any:
  ///     the value is then negated, and errors point at the sign.
  /// - Throws: `IntegerOverflow` when the value does not fit in 64 bits.
  func integerValue(of token: Token, minusAt minusOffset: Int? = nil) throws(CypherError) -> Int {
    let negated = minusOffset != nil
    let text = token.text.lowercased()
    let radix: UInt64
    let digits: Substring
    if text.hasPrefix("0x") {
      (radix, digits) = (16, text.dropFirst(2))
    } else if text.hasPrefix("0o") {
      (radix, digits) = (8, text.dropFirst(2))
    } else if text.count > 1 && text.hasPrefix("0") {
      (radix, digits) = (8, text.dropFirst(1))
    } else {
      (radix, digits) = (10, Substring(text))
    }
    let limit: UInt64 = negated ? UInt64(Int64.max) + 1 : UInt64(Int64.max)
    var magnitude: UInt64 = 0
    var overflow = false
    for character in digits {
      guard let digit = character.hexDigitValue, UInt64(digit) < radix else {
        throw unexpected("an integer literal", detail: "InvalidNumberLiteral", at: token)
      }
      let (shifted, overflowed) = magnitude.multipliedReportingOverflow(by: radix)
      let (sum, carried) = shifted.addingReportingOverflow(UInt64(digit))
      if overflowed || carried || sum > limit {
        overflow = true
        break
      }
      magnitude = sum
    }
    if overflow {
      throw CypherError(
        .syntaxError, "IntegerOverflow",
        "Expected an integer between \(Int.min) and \(Int.max), found '\(negated ? "-" : "")\(token.text)'",
        at: minusOffset ?? token.start)
    }
    if negated {
      return magnitude == UInt64(Int64.max) + 1 ? Int.min : -Int(magnitude)
    }
    return Int(magnitude)
  }

  /// The value of a float literal token.
  ///
  /// - Parameters:
  ///   - token: A ``Token/Kind/float`` token.
  ///   - minusOffset: The offset of a minus sign folded into the literal, if any.
  /// - Throws: `FloatingPointOverflow` when the value is too large for a `Double`.
  func floatValue(of token: Token, minusAt minusOffset: Int? = nil) throws(CypherError) -> Double {
    let negated = minusOffset != nil
    guard let value = Double(token.text) else {
      throw unexpected("a float literal", detail: "InvalidNumberLiteral", at: token)
    }
    guard value.isFinite else {
      throw CypherError(
        .syntaxError, "FloatingPointOverflow",
        "Expected a float literal within the range of a 64-bit float, found '\(negated ? "-" : "")\(token.text)'",
        at: minusOffset ?? token.start)
    }
    return negated ? -value : value
  }
}
