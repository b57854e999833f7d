/// An error of a Cypher statement, typed as the openCypher TCK names them.
public struct CypherError: Error, Sendable, Equatable, CustomStringConvertible {
  public enum Kind: String, Sendable, Equatable {
    case syntaxError = "SyntaxError"
    case semanticError = "SemanticError"
    case typeError = "TypeError"
    case argumentError = "ArgumentError"
    case arithmeticError = "ArithmeticError"
    case constraintViolation = "ConstraintVerificationFailed"
    case entityNotFound = "EntityNotFound"
  }

  public var kind: Kind
  /// A stable name for the problem (`UndefinedVariable`, `InvalidArgumentType`, ...).
  public var detail: String
  public var message: String
  /// UTF-8 offset in the query text, when known.
  public var offset: Int?

  public init(_ kind: Kind, _ detail: String, _ message: String, at offset: Int? = nil) {
    self.kind = kind
    self.detail = detail
    self.message = message
    self.offset = offset
  }

  public var description: String { "\(kind.rawValue) (\(detail)): \(message)" }

  /// The message with `line L, column C`, the query line and a caret under the place.
  public func rendered(in query: String) -> String {
    guard let offset else { return description }
    let bytes = Array(query.utf8)
    let end = min(offset, bytes.count)
    var line = 1
    var lineStart = 0
    for index in 0..<end where bytes[index] == UInt8(ascii: "\n") {
      line += 1
      lineStart = index + 1
    }
    var lineEnd = lineStart
    while lineEnd < bytes.count && bytes[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
    let column = String(decoding: bytes[lineStart..<end], as: UTF8.self).count + 1
    let text = String(decoding: bytes[lineStart..<lineEnd], as: UTF8.self)
    return "\(description) (line \(line), column \(column))\n  \(text)\n  \(String(repeating: " ", count: column - 1))^"
  }
}
