import KGGraph

/// The names NewsGraph's GraphML uses, in one place for the writer and the reader.
///
/// Some keys are *derived*: the writer fills them in from the graph's structure so that
/// visual tools show something useful, and the reader drops them again when they hold
/// exactly the derived value:
///
/// | element | key (`attr.name`) | written value |
/// |---|---|---|
/// | node | `label` | property `label`, else property `name`, else the node id (Gephi, yEd) |
/// | node | `type` | property `type`, else the first label |
/// | node | `labels` | every label, each preceded by `:` (`:Person`), always written |
/// | edge | `type` | the edge type (`met`), always written |
/// | edge | `interaction` | property `interaction`, else the edge type (Cytoscape) |
/// | edge | `label` | property `label`, else the edge type (Gephi) |
///
/// GraphML has no list type: a list property is one `string` value whose elements are
/// joined by `|`, with `\` escaping a `|` or `\` inside an element and `\e` standing
/// for an element that is the empty string; its key's `<desc>` says `list of string`
/// (or `int`, `double`, `boolean`), which is how the reader knows to split it.
enum GraphMLVocabulary {
  static let namespace = "http://graphml.graphdrawing.org/xmlns"
  static let schemaInstanceNamespace = "http://www.w3.org/2001/XMLSchema-instance"
  static let schemaLocation = "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.1/graphml.xsd"

  static let nodeLabel = "label"
  static let nodeType = "type"
  static let nodeLabels = "labels"
  static let name = "name"
  static let edgeType = "type"
  static let edgeInteraction = "interaction"
  static let edgeLabel = "label"

  /// The prefix of a key `<desc>` that marks a list-valued key.
  static let listDescriptionPrefix = "list of "
  static let listSeparator: UInt8 = UInt8(ascii: "|")
  static let listEscape: UInt8 = UInt8(ascii: "\\")

  /// Kind suffixes of ``variantAttributeName(_:suffix:)``.
  static let variantSuffixes: Set<String> = [
    "string", "integer", "float", "boolean", "list_string", "list_integer", "list_float", "list_boolean",
  ]

  /// `NAME:KIND`: the `attr.name` of a key holding the values of kind `KIND` of
  /// property `NAME` when `NAME` itself names another key (a second kind of values,
  /// or a non-string `label`, `type`, `interaction`, or a property called `labels` on
  /// a node or `type` on an edge, names the writer derives).
  static func variantAttributeName(_ name: String, suffix: String) -> String {
    "\(name):\(suffix)"
  }

  /// The property name and kind suffix of a `NAME:KIND` attr.name, if it is one.
  static func splitVariantAttributeName(_ attributeName: String) -> (name: String, suffix: String)? {
    guard let colon = attributeName.lastIndex(of: ":") else { return nil }
    let suffix = String(attributeName[attributeName.index(after: colon)...])
    guard variantSuffixes.contains(suffix) else { return nil }
    return (String(attributeName[..<colon]), suffix)
  }

  /// `:A:B` for labels `[A, B]`; a `:` or `\` inside a label is preceded by `\`.
  static func encodeLabels(_ labels: [String]) -> String {
    var output = ""
    for label in labels {
      output.append(":")
      for scalar in label.unicodeScalars {
        if scalar == ":" || scalar == "\\" { output.append("\\") }
        output.unicodeScalars.append(scalar)
      }
    }
    return output
  }

  /// `[A, B]` for `:A:B` (also `A:B`; empty parts are skipped).
  static func decodeLabels(_ text: String) -> [String] {
    var labels: [String] = []
    var current = String.UnicodeScalarView()
    var escaped = false
    for scalar in text.unicodeScalars {
      if escaped {
        current.append(scalar)
        escaped = false
      } else if scalar == "\\" {
        escaped = true
      } else if scalar == ":" {
        if !current.isEmpty { labels.append(String(current)) }
        current = String.UnicodeScalarView()
      } else {
        current.append(scalar)
      }
    }
    if !current.isEmpty { labels.append(String(current)) }
    return labels
  }

  /// The text of a list of scalars.
  static func encodeList(_ elements: [PropertyValue]) -> String {
    var output = ""
    for (index, element) in elements.enumerated() {
      if index > 0 { output.append("|") }
      let text = scalarText(element)
      if text.isEmpty {
        output.append("\\e")
        continue
      }
      for character in text.unicodeScalars {
        if character == "|" || character == "\\" { output.append("\\") }
        output.unicodeScalars.append(character)
      }
    }
    return output
  }

  /// The element texts of an encoded list (`nil` for a dangling escape).
  static func decodeList(_ text: String) -> [String]? {
    if text.isEmpty { return [] }
    var elements: [String] = []
    var current = String.UnicodeScalarView()
    var escaped = false
    for scalar in text.unicodeScalars {
      if escaped {
        escaped = false
        // `\e` alone is the empty element; the element text is empty either way.
        if !(scalar == "e" && current.isEmpty) { current.append(scalar) }
      } else if scalar == "\\" {
        escaped = true
      } else if scalar == "|" {
        elements.append(String(current))
        current = String.UnicodeScalarView()
      } else {
        current.append(scalar)
      }
    }
    if escaped { return nil }
    elements.append(String(current))
    return elements
  }

  /// The GraphML text of a scalar value.
  static func scalarText(_ value: PropertyValue) -> String {
    switch value {
    case .string(let text): text
    case .integer(let number): String(number)
    case .float(let number): formatDouble(number)
    case .boolean(let flag): flag ? "true" : "false"
    case .list(let elements): encodeList(elements)
    }
  }

  /// A double as XML Schema writes it: shortest round-trip digits, `INF`, `-INF`, `NaN`.
  static func formatDouble(_ value: Double) -> String {
    if value.isNaN { return "NaN" }
    if value.isInfinite { return value < 0 ? "-INF" : "INF" }
    return "\(value)"
  }

  /// Parses an XML Schema double (`1.5`, `1e-7`, `INF`, `-INF`, `NaN`), surrounding
  /// whitespace allowed.
  static func parseDouble(_ text: some StringProtocol) -> Double? {
    let trimmed = text.trimmingXMLWhitespace()
    switch trimmed {
    case "INF", "+INF", "inf", "Infinity": return .infinity
    case "-INF", "-inf", "-Infinity": return -.infinity
    case "NaN", "nan": return .nan
    default:
      guard let first = trimmed.utf8.first,
        first == UInt8(ascii: "-") || first == UInt8(ascii: "+") || first == UInt8(ascii: ".")
          || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first)
      else { return nil }
      return Double(trimmed)
    }
  }

  /// Parses an XML Schema integer, surrounding whitespace allowed.
  static func parseInteger(_ text: some StringProtocol) -> Int? {
    let trimmed = text.trimmingXMLWhitespace()
    if trimmed.hasPrefix("+") { return Int(trimmed.dropFirst()) }
    return Int(trimmed)
  }

  /// Parses an XML Schema boolean (`true`, `false`, `1`, `0`; any case).
  static func parseBoolean(_ text: some StringProtocol) -> Bool? {
    switch text.trimmingXMLWhitespace().lowercased() {
    case "true", "1": true
    case "false", "0": false
    default: nil
    }
  }
}

extension StringProtocol {
  /// The text without leading and trailing XML whitespace (space, tab, CR, LF).
  func trimmingXMLWhitespace() -> String {
    let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
    guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) }) else {
      return ""
    }
    return String(self[start...end])
  }
}
