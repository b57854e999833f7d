extension JSONValue {
  /// The JSON text of this value.
  ///
  /// Floats always show a fraction or an exponent (`1.0`, `1e-07`), so a reader can
  /// tell them from integers; non-finite floats, which JSON cannot hold, are written
  /// as `null`. Strings are escaped as RFC 8259 requires, non-ASCII text is kept.
  ///
  /// - Parameters:
  ///   - pretty: Indent nested values by two spaces per level.
  ///   - specialFloats: Write NaN and the infinities as `NaN`, `Infinity`,
  ///     `-Infinity` (as JavaScript and Python's `json` module read them) instead of
  ///     `null`: for results where a NaN must stay a number.
  public func serialized(pretty: Bool = false, specialFloats: Bool = false) -> String {
    var output = ""
    write(to: &output, pretty: pretty, indent: 0, specialFloats: specialFloats)
    return output
  }

  /// Formats a float the way the JSON writer does.
  public static func formatFloat(_ value: Double) -> String {
    guard value.isFinite else { return "null" }
    let text = "\(value)"
    if text.contains(".") || text.contains("e") { return text }
    return text + ".0"
  }

  /// Appends `string` to `output` as a quoted JSON string.
  public static func writeString(_ string: String, to output: inout String) {
    output.append("\"")
    var pending = Substring.UnicodeScalarView()
    for scalar in string.unicodeScalars {
      let escaped: String?
      switch scalar {
      case "\"": escaped = "\\\""
      case "\\": escaped = "\\\\"
      case "\n": escaped = "\\n"
      case "\r": escaped = "\\r"
      case "\t": escaped = "\\t"
      case "\u{08}": escaped = "\\b"
      case "\u{0C}": escaped = "\\f"
      default:
        if scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029 {
          let hex = String(scalar.value, radix: 16)
          escaped = "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          escaped = nil
        }
      }
      if let escaped {
        output.append(String(pending))
        pending = Substring.UnicodeScalarView()
        output.append(escaped)
      } else {
        pending.append(scalar)
      }
    }
    output.append(String(pending))
    output.append("\"")
  }

  private func write(to output: inout String, pretty: Bool, indent: Int, specialFloats: Bool) {
    switch self {
    case .null: output.append("null")
    case .bool(let value): output.append(value ? "true" : "false")
    case .integer(let value): output.append(String(value))
    case .float(let value) where specialFloats && !value.isFinite:
      output.append(value.isNaN ? "NaN" : (value > 0 ? "Infinity" : "-Infinity"))
    case .float(let value): output.append(Self.formatFloat(value))
    case .string(let value): Self.writeString(value, to: &output)
    case .array(let elements):
      if elements.isEmpty {
        output.append("[]")
        return
      }
      output.append("[")
      for (index, element) in elements.enumerated() {
        if index > 0 { output.append(",") }
        if pretty { Self.newline(&output, indent + 1) }
        element.write(to: &output, pretty: pretty, indent: indent + 1, specialFloats: specialFloats)
      }
      if pretty { Self.newline(&output, indent) }
      output.append("]")
    case .object(let members):
      if members.isEmpty {
        output.append("{}")
        return
      }
      output.append("{")
      for (index, member) in members.enumerated() {
        if index > 0 { output.append(",") }
        if pretty { Self.newline(&output, indent + 1) }
        Self.writeString(member.key, to: &output)
        output.append(pretty ? ": " : ":")
        member.value.write(to: &output, pretty: pretty, indent: indent + 1, specialFloats: specialFloats)
      }
      if pretty { Self.newline(&output, indent) }
      output.append("}")
    }
  }

  private static func newline(_ output: inout String, _ indent: Int) {
    output.append("\n")
    output.append(String(repeating: "  ", count: indent))
  }
}
