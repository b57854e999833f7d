/// An article split into tokens and sentences: the input of every later stage.
public struct TextDocument: Sendable {
  /// The article id (file stem or JSON id).
  public var id: String
  /// The text, NFC-normalized.
  public var text: String
  /// All tokens in order.
  public var tokens: [Token]
  /// All sentences in order; together they cover every token.
  public var sentences: [Sentence]

  /// Creates a document from its parts.
  public init(id: String, text: String, tokens: [Token], sentences: [Sentence]) {
    self.id = id
    self.text = text
    self.tokens = tokens
    self.sentences = sentences
  }

  /// The text between two UTF-8 offsets.
  public func slice(_ start: Int, _ end: Int) -> String {
    let utf8 = text.utf8
    let lower = utf8.index(utf8.startIndex, offsetBy: max(0, min(start, utf8.count)))
    let upper = utf8.index(utf8.startIndex, offsetBy: max(0, min(end, utf8.count)))
    return String(text[lower..<upper])
  }

  /// The text of a sentence.
  public func text(of sentence: Sentence) -> String { slice(sentence.start, sentence.end) }

  /// The character offset (in Unicode scalars) of a UTF-8 offset, for output.
  public func characterOffset(ofUTF8 offset: Int) -> Int {
    let utf8 = text.utf8
    let index = utf8.index(utf8.startIndex, offsetBy: max(0, min(offset, utf8.count)))
    return text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: index)
  }
}
