/// One lexeme of a Cypher query: its kind, its text and where it sits in the query.
///
/// Tokens are plain values kept in an array (see ``Lexer/tokenize(_:)``); the
/// last token of every array is ``Kind/endOfInput``.
struct Token: Sendable, Hashable {
  /// What sort of lexeme this is. The raw value is the text shown in messages.
  enum Kind: String, Sendable, Hashable {
    /// A word: a keyword or a name. ``Token/text`` is the word as written.
    case identifier = "identifier"
    /// A name in backticks. ``Token/text`` is the name with `` ` `` escapes undone.
    case quotedIdentifier = "quoted identifier"
    /// `'...'` or `"..."`. ``Token/text`` is the decoded value.
    case string = "string literal"
    /// `42`, `0x2A`, `0o52`. ``Token/text`` is the literal as written.
    case integer = "integer literal"
    /// `1.5`, `.5`, `1e10`, `1.5E-3`. ``Token/text`` is the literal as written.
    case float = "float literal"
    /// `$name` or `$0`. ``Token/text`` is the name without `$`.
    case parameter = "parameter"

    case leftParen = "("
    case rightParen = ")"
    case leftBracket = "["
    case rightBracket = "]"
    case leftBrace = "{"
    case rightBrace = "}"
    case comma = ","
    case dot = "."
    case dotDot = ".."
    case colon = ":"
    case semicolon = ";"
    case pipe = "|"
    case minus = "-"
    case plus = "+"
    case star = "*"
    case slash = "/"
    case percent = "%"
    case caret = "^"
    case equal = "="
    case notEqual = "<>"
    /// `!=`, the alternative spelling of `<>`.
    case bangEqual = "!="
    case lessThan = "<"
    case greaterThan = ">"
    case lessOrEqual = "<="
    case greaterOrEqual = ">="
    case regexMatch = "=~"
    /// `->`; the parser sees it as `-` followed by `>` wherever that is needed.
    case rightArrow = "->"
    /// `<-`; the parser sees it as `<` followed by `-` wherever that is needed.
    case leftArrow = "<-"
    /// `-->`, an abbreviated outgoing relationship.
    case longRightArrow = "-->"
    /// `<--`, an abbreviated incoming relationship.
    case longLeftArrow = "<--"

    case endOfInput = "end of input"

    /// For the arrow tokens, the one-character kinds they are made of
    /// (`-->` is `-`, `-`, `>`); empty for every other kind.
    var arrowPieces: [Kind] {
      switch self {
      case .rightArrow: [.minus, .greaterThan]
      case .leftArrow: [.lessThan, .minus]
      case .longRightArrow: [.minus, .minus, .greaterThan]
      case .longLeftArrow: [.lessThan, .minus, .minus]
      default: []
      }
    }

    /// The kind of the first character of an arrow token (`<` for `<--`); nil for other kinds.
    var firstArrowPiece: Kind? {
      switch self {
      case .rightArrow, .longRightArrow: .minus
      case .leftArrow, .longLeftArrow: .lessThan
      default: nil
      }
    }

    /// Whether this kind is `<`, `-`, `>` or one of the arrows made of them.
    var isArrowPart: Bool {
      self == .minus || self == .lessThan || self == .greaterThan || firstArrowPiece != nil
    }
  }

  var kind: Kind
  /// The token's value: see each ``Kind`` for what it holds.
  var text: String
  /// UTF-8 offset of the token's first byte in the query.
  var start: Int
  /// UTF-8 offset just past the token's last byte.
  var end: Int
  /// The keyword this word spells, whatever its case (only for ``Kind/identifier``).
  var keyword: Keyword?

  init(kind: Kind, text: String, start: Int, end: Int) {
    self.kind = kind
    self.text = text
    self.start = start
    self.end = end
    self.keyword = kind == .identifier ? Keyword(word: text) : nil
  }

  /// How the token is named in a message: `'MATCH'`, `')'`, `end of input`.
  var displayText: String {
    switch kind {
    case .endOfInput: "end of input"
    case .quotedIdentifier: "'`\(text)`'"
    case .string: "string literal"
    case .parameter: "'$\(text)'"
    default: "'\(text)'"
    }
  }
}

/// The words the parser gives a meaning to. They are matched without regard to case;
/// a backticked name is never a keyword.
enum Keyword: String, Sendable, Hashable, CaseIterable {
  // Clauses and their parts.
  case match = "MATCH", optional = "OPTIONAL", `where` = "WHERE", `return` = "RETURN", with = "WITH"
  case create = "CREATE", unwind = "UNWIND", union = "UNION", all = "ALL"
  case distinct = "DISTINCT", `as` = "AS", order = "ORDER", by = "BY", skip = "SKIP", limit = "LIMIT"
  case asc = "ASC", ascending = "ASCENDING", desc = "DESC", descending = "DESCENDING"
  // Clauses this engine does not run.
  case set = "SET", delete = "DELETE", detach = "DETACH", remove = "REMOVE", merge = "MERGE"
  case call = "CALL", foreach = "FOREACH", load = "LOAD", use = "USE", yield = "YIELD", on = "ON"
  // Operators.
  case or = "OR", xor = "XOR", and = "AND", not = "NOT", `in` = "IN", `is` = "IS"
  case starts = "STARTS", ends = "ENDS", contains = "CONTAINS"
  // Literals and CASE.
  case null = "NULL", `true` = "TRUE", `false` = "FALSE"
  case `case` = "CASE", when = "WHEN", then = "THEN", `else` = "ELSE", end = "END"
  // Reserved by openCypher without a use here.
  case exists = "EXISTS", constraint = "CONSTRAINT", `do` = "DO", `for` = "FOR", require = "REQUIRE"
  case unique = "UNIQUE", mandatory = "MANDATORY", scalar = "SCALAR", of = "OF", add = "ADD", drop = "DROP"

  /// The keyword `word` spells, in any case; nil for other words.
  init?(word: String) {
    guard word.utf8.count <= Self.longestWord, let keyword = Self.byWord[word.uppercased()] else { return nil }
    self = keyword
  }

  private static let byWord = Dictionary(uniqueKeysWithValues: allCases.map { ($0.rawValue, $0) })
  private static let longestWord = allCases.map(\.rawValue.utf8.count).max() ?? 0

  /// Whether the word cannot be used as an unquoted variable name.
  ///
  /// These are openCypher's reserved words, except `ALL` and `EXISTS`, which
  /// name functions, and the clause words of other dialects (`CALL`, `USE`, ...).
  var isReserved: Bool {
    switch self {
    case .call, .foreach, .load, .use, .yield, .exists, .all: false
    default: true
    }
  }
}
