import CLibXML2
import KGCore

/// The one owner of a libxml2 push parser context (`xmlParserCtxt`): created in
/// `init`, freed in `deinit`. Bytes are fed in chunks with ``push(_:last:)``, and the
/// parser calls the SAX2 handler it was made with as it goes.
///
/// This file, ``GraphMLParse`` (the handler's callbacks) and ``SchemaValidator`` are
/// the only places that touch libxml2's C types; nothing here leaves the module.
///
/// Options: no network, no DTD loading and no entity substitution (the handler has no
/// entity callbacks, so only the five predefined entities and character references
/// exist), errors reported through the handler's structured error callback instead of
/// being printed, CDATA delivered as text.
final class LibXMLPushParser {
  let context: xmlParserCtxtPtr

  private static let options: Int32 = Int32(
    XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
      | XML_PARSE_BIG_LINES.rawValue | XML_PARSE_NOCDATA.rawValue)

  /// Makes a parser that calls `handler` with `userData` (`nil` when libxml2 cannot).
  /// `name` appears in libxml2's own messages.
  init?(handler: inout xmlSAXHandler, userData: UnsafeMutableRawPointer, name: String?) {
    LibXML.initialize()
    // libxml2 copies the handler; the first chunk (and so encoding detection) comes with `push`.
    guard let context = xmlCreatePushParserCtxt(&handler, userData, nil, 0, name) else { return nil }
    self.context = context
    xmlCtxtUseOptions(context, Self.options)
  }

  deinit {
    xmlFreeParserCtxt(context)
  }

  /// Parses `bytes`; `last` ends the document. Returns whether the parser still takes
  /// input (it stops at a fatal error or when a callback stopped it).
  func push(_ bytes: UnsafeRawBufferPointer, last: Bool) -> Bool {
    guard isRunning else { return false }
    let start = bytes.baseAddress?.assumingMemoryBound(to: CChar.self)
    _ = xmlParseChunk(context, start, Int32(clamping: bytes.count), last ? 1 : 0)
    return isRunning
  }

  /// Whether the parser still calls the handler.
  var isRunning: Bool { context.pointee.disableSAX == 0 }

  /// Whether no well-formedness error has been found.
  var isWellFormed: Bool { context.pointee.wellFormed != 0 }

  /// Stops parsing; no more callbacks are made. Callbacks may call this.
  func stop() { xmlStopParser(context) }
}

/// Process-wide libxml2 set-up, done once.
enum LibXML {
  private static let initialized: Bool = {
    xmlInitParser()
    return true
  }()

  static func initialize() { _ = initialized }
}
