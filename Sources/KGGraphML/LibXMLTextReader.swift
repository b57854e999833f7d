import CLibXML2
import KGCore

/// The one owner of a libxml2 `xmlTextReader`: created in `init`, freed in `deinit`.
///
/// This file and ``SchemaValidator`` are the only places that touch libxml2's C types;
/// nothing here leaves the module. Parser errors are collected through a structured
/// error handler instead of being printed by libxml2.
final class LibXMLTextReader {
  /// Node types of `xmlTextReaderNodeType`.
  enum NodeType: Int32 {
    case element = 1, attribute = 2, text = 3, cdata = 4, entityReference = 5, entity = 6
    case processingInstruction = 7, comment = 8, document = 9, documentType = 10
    case documentFragment = 11, notation = 12, whitespace = 13, significantWhitespace = 14
    case endElement = 15, endEntity = 16, xmlDeclaration = 17
  }

  /// The first error libxml2 reported.
  struct ParserError {
    var message: String
    var line: Int
    var column: Int
  }

  private let reader: OpaquePointer
  private let errors: ErrorBox

  /// Options: no network, no DTD loading or entity substitution, big line numbers.
  private static let options: Int32 = Int32(
    XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
      | XML_PARSE_BIG_LINES.rawValue | XML_PARSE_NOCDATA.rawValue)

  final class ErrorBox {
    var first: ParserError?
  }

  /// Opens a file for reading (`nil` when libxml2 cannot open it).
  init?(file path: String) {
    LibXML.initialize()
    guard let reader = xmlReaderForFile(path, nil, Self.options) else { return nil }
    self.reader = reader
    self.errors = ErrorBox()
    installErrorHandler()
  }

  /// Reads from memory that must stay valid for the reader's lifetime.
  init?(buffer: UnsafeBufferPointer<UInt8>, name: String?) {
    LibXML.initialize()
    let base = buffer.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) }
    guard let reader = xmlReaderForMemory(base, Int32(clamping: buffer.count), name, nil, Self.options) else {
      return nil
    }
    self.reader = reader
    self.errors = ErrorBox()
    installErrorHandler()
  }

  deinit {
    xmlFreeTextReader(reader)
  }

  private func installErrorHandler() {
    let handler: xmlStructuredErrorFunc = { context, error in
      guard let context, let error else { return }
      let box = Unmanaged<ErrorBox>.fromOpaque(context).takeUnretainedValue()
      guard box.first == nil else { return }
      let text = error.pointee.message.map { String(cString: $0) } ?? "malformed XML"
      box.first = ParserError(
        message: text.trimmingXMLWhitespace(), line: Int(error.pointee.line), column: Int(error.pointee.int2))
    }
    xmlTextReaderSetStructuredErrorHandler(reader, handler, Unmanaged.passUnretained(errors).toOpaque())
  }

  /// The first parser error, if any.
  var firstError: ParserError? { errors.first }

  /// Moves to the next node: 1 when there is one, 0 at the end, -1 on error.
  @inline(__always) func read() -> Int32 { xmlTextReaderRead(reader) }

  /// Skips the current node's subtree and moves to its next sibling.
  func skipSubtree() -> Int32 { xmlTextReaderNext(reader) }

  @inline(__always) var nodeType: Int32 { xmlTextReaderNodeType(reader) }
  @inline(__always) var depth: Int32 { xmlTextReaderDepth(reader) }
  @inline(__always) var isEmptyElement: Bool { xmlTextReaderIsEmptyElement(reader) == 1 }

  /// The interned local name of the current node (compare with ``intern(_:)`` by pointer).
  @inline(__always) var localName: UnsafePointer<UInt8>? { xmlTextReaderConstLocalName(reader) }

  /// The namespace URI of the current node.
  var namespaceURI: String? { xmlTextReaderConstNamespaceUri(reader).map { String(cString: $0) } }

  /// Interns `name` in the reader's dictionary; names of nodes compare equal by pointer.
  func intern(_ name: String) -> UnsafePointer<UInt8>? { xmlTextReaderConstString(reader, name) }

  /// The value of the current text or attribute node.
  @inline(__always) var value: UnsafePointer<UInt8>? { xmlTextReaderConstValue(reader) }

  /// The line the current element starts on (0 when unknown).
  var elementLine: Int {
    guard let node = xmlTextReaderCurrentNode(reader) else { return 0 }
    return Int(xmlGetLineNo(node))
  }

  /// The parser's current line and column (ahead of the current node).
  var parserPosition: (line: Int, column: Int) {
    (Int(xmlTextReaderGetParserLineNumber(reader)), Int(xmlTextReaderGetParserColumnNumber(reader)))
  }

  /// Calls `body` with each attribute's interned local name, namespace and value,
  /// then moves back to the element.
  @inline(__always)
  func forEachAttribute(_ body: (UnsafePointer<UInt8>?, UnsafePointer<UInt8>) throws(GraphMLError) -> Void)
    throws(GraphMLError)
  {
    defer { xmlTextReaderMoveToElement(reader) }
    while xmlTextReaderMoveToNextAttribute(reader) == 1 {
      if xmlTextReaderIsNamespaceDecl(reader) == 1 { continue }
      guard let value = xmlTextReaderConstValue(reader) else { continue }
      try body(xmlTextReaderConstLocalName(reader), value)
    }
  }
}

/// Process-wide libxml2 set-up, done once.
enum LibXML {
  private static let initialized: Bool = {
    xmlInitParser()
    return true
  }()

  static func initialize() { _ = initialized }
}
