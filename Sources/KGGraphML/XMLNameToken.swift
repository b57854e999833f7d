import CLibXML2
import KGGraph

/// Reversible spelling of any string as an XML NMTOKEN, which GraphML requires for ids
/// and `attr.name`.
///
/// Characters that cannot appear in a name token are written as `_xHHHH_` (their
/// code point in hex, eight digits above U+FFFF), the convention of .NET's
/// `XmlConvert.EncodeName`; an underscore that starts `_x` is itself written `_x005F_`
/// so that decoding is exact. `shared name` becomes `shared_x0020_name`. Names that are
/// already tokens, such as every entity id, are written unchanged.
enum XMLNameToken {
  /// `text` as a name token.
  static func encode(_ text: String) -> String {
    if isPlainToken(text) { return text }
    if !text.isEmpty, !text.contains("_x"), text.unicodeScalars.allSatisfy(isNameCharacter) { return text }
    var output = ""
    let scalars = Array(text.unicodeScalars)
    for (index, scalar) in scalars.enumerated() {
      let startsEscape = scalar == "_" && index + 1 < scalars.count && scalars[index + 1] == "x"
      if isNameCharacter(scalar) && !startsEscape {
        output.unicodeScalars.append(scalar)
      } else {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        let width = scalar.value > 0xFFFF ? 8 : 4
        output += "_x" + String(repeating: "0", count: width - hex.count) + hex + "_"
      }
    }
    return output
  }

  /// The string that ``encode(_:)`` turned into `token`; other text is returned as it is.
  static func decode(_ token: String) -> String {
    guard token.utf8.count >= 7, token.contains("_x") else { return token }
    let scalars = Array(token.unicodeScalars)
    var output = String.UnicodeScalarView()
    var index = 0
    while index < scalars.count {
      if scalars[index] == "_", index + 1 < scalars.count, scalars[index + 1] == "x",
        let (scalar, length) = escape(in: scalars, at: index)
      {
        output.append(scalar)
        index += length
      } else {
        output.append(scalars[index])
        index += 1
      }
    }
    return String(output)
  }

  /// Whether ``decode(_:)`` could change the token with these UTF-8 bytes (it holds `_x`).
  @inline(__always)
  static func mayNeedDecoding(_ bytes: UnsafeRawBufferPointer) -> Bool {
    guard bytes.count >= 7 else { return false }
    var previousUnderscore = false
    for byte in bytes {
      if previousUnderscore && byte == UInt8(ascii: "x") { return true }
      previousUnderscore = byte == UInt8(ascii: "_")
    }
    return false
  }

  private static func escape(in scalars: [Unicode.Scalar], at start: Int) -> (Unicode.Scalar, Int)? {
    for width in [4, 8] {
      let end = start + 2 + width
      guard end < scalars.count, scalars[end] == "_" else { continue }
      var value: UInt32 = 0
      var valid = true
      for scalar in scalars[(start + 2)..<end] {
        guard let digit = hexDigit(scalar) else {
          valid = false
          break
        }
        value = value * 16 + digit
      }
      if valid, let scalar = Unicode.Scalar(value) { return (scalar, width + 3) }
    }
    return nil
  }

  private static func hexDigit(_ scalar: Unicode.Scalar) -> UInt32? {
    switch scalar {
    case "0"..."9": scalar.value - 48
    case "A"..."F": scalar.value - 55
    case "a"..."f": scalar.value - 87
    default: nil
    }
  }

  private static func isPlainToken(_ text: String) -> Bool {
    text.withUTF8Bytes { isPlainToken($0) }
  }

  /// Whether `bytes` are a name token that ``encode(_:)`` leaves unchanged without
  /// looking further: ASCII letters, digits, `-`, `.`, `:` and `_`, and no `_x`.
  @inline(__always)
  static func isPlainToken(_ bytes: UnsafeRawBufferPointer) -> Bool {
    guard !bytes.isEmpty else { return false }
    var previousUnderscore = false
    for byte in bytes {
      switch byte {
      case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
        UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: ":"):
        if previousUnderscore && byte == UInt8(ascii: "x") { return false }
        previousUnderscore = false
      case UInt8(ascii: "_"):
        previousUnderscore = true
      default:
        return false
      }
    }
    return true
  }

  /// Whether `scalar` may stand in a name token as it is: ASCII letters, digits, `.`,
  /// `-`, `_`, `:`, and the other characters libxml2's schema validator accepts in an
  /// `xs:NMTOKEN` (it follows the XML 1.0 fourth edition: most letters of most
  /// scripts, but no emoji), so the validators we test with agree with the writer.
  static func isNameCharacter(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar {
    case "a"..."z", "A"..."Z", "0"..."9", ".", "-", "_", ":": return true
    default:
      guard !scalar.isASCII else { return false }
      return String(scalar).withCString { text in
        text.withMemoryRebound(to: UInt8.self, capacity: 8) { xmlValidateNMToken($0, 0) == 0 }
      }
    }
  }
}
