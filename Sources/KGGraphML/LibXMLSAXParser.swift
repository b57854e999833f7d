import CLibXML2
import KGCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Where a parse reads its bytes: a file descriptor, or memory. libxml2 pulls from it
/// through ``LibXMLSAXParser``'s read callback.
struct ByteSource {
  enum Input {
    case descriptor(Int32)
    case memory(UnsafeRawBufferPointer)
  }

  var input: Input
  /// Bytes handed out so far (memory input).
  var offset = 0
  /// `errno` of a failed read, if any.
  var readError: Int32?
}

/// The one owner of a libxml2 parser context (`xmlParserCtxt`) that reads through a
/// ``ByteSource`` and calls a SAX2 handler: created in `init`, freed in `deinit`.
/// ``parse()`` runs libxml2's pull parser over the whole input, which takes the bytes in
/// chunks as it goes (it is the fastest of libxml2's streaming interfaces).
///
/// This file, ``GraphMLParse`` (the handler's callbacks) and ``SchemaValidator`` are
/// the only places that touch libxml2's C types; nothing here leaves the module.
///
/// Options: no network, no DTD loading and no entity substitution (the handler has no
/// entity callbacks, so only the five predefined entities and character references
/// exist), errors reported through the handler's structured error callback instead of
/// being printed, CDATA delivered as text.
final class LibXMLSAXParser {
  let context: xmlParserCtxtPtr

  private static let options: Int32 = Int32(
    XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
      | XML_PARSE_BIG_LINES.rawValue | XML_PARSE_NOCDATA.rawValue)

  /// Makes a parser that reads from `source` (which must outlive it) and calls
  /// `handler` with `userData`; `nil` when libxml2 cannot.
  init?(handler: inout xmlSAXHandler, userData: UnsafeMutableRawPointer, source: UnsafeMutablePointer<ByteSource>) {
    LibXML.initialize()
    // libxml2 copies the handler; it detects the encoding from the first bytes it reads.
    guard
      let context = xmlCreateIOParserCtxt(
        &handler, userData, Self.read, nil, UnsafeMutableRawPointer(source), XML_CHAR_ENCODING_NONE)
    else { return nil }
    self.context = context
    xmlCtxtUseOptions(context, Self.options)
  }

  deinit {
    xmlFreeParserCtxt(context)
  }

  /// Parses the whole input (or until a callback stops the parser).
  func parse() {
    _ = xmlParseDocument(context)
  }

  /// Whether no well-formedness error has been found.
  var isWellFormed: Bool { context.pointee.wellFormed != 0 }

  /// Stops parsing; no more callbacks are made. Callbacks may call this.
  func stop() { xmlStopParser(context) }

  /// libxml2's read callback: fills `buffer` from the ``ByteSource`` in `context`.
  private static let read: xmlInputReadCallback = { context, buffer, length in
    guard let context, let buffer, length > 0 else { return 0 }
    let source = context.assumingMemoryBound(to: ByteSource.self)
    switch source.pointee.input {
    case .descriptor(let descriptor):
      while true {
        #if canImport(Glibc)
          let count = Glibc.read(descriptor, buffer, Int(length))
        #elseif canImport(Musl)
          let count = Musl.read(descriptor, buffer, Int(length))
        #else
          let count = Darwin.read(descriptor, buffer, Int(length))
        #endif
        if count >= 0 { return Int32(count) }
        if errno == EINTR { continue }
        source.pointee.readError = errno
        return -1
      }
    case .memory(let bytes):
      let count = min(Int(length), bytes.count - source.pointee.offset)
      if count > 0, let base = bytes.baseAddress {
        UnsafeMutableRawPointer(buffer).copyMemory(from: base + source.pointee.offset, byteCount: count)
        source.pointee.offset += count
      }
      return Int32(max(count, 0))
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
