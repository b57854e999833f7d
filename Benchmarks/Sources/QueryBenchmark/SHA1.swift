/// SHA-1, only to reproduce the digests `bench_query.py` puts in its answer summaries
/// (`hashlib.sha1` over `repr(item)` lines), so that answers can be compared with
/// Kùzu's exactly. Not for anything that needs a secure hash.
struct SHA1 {
  private var state: (UInt32, UInt32, UInt32, UInt32, UInt32) = (0x6745_2301, 0xEFCD_AB89, 0x98BA_DCFE, 0x1032_5476, 0xC3D2_E1F0)
  private var buffer: [UInt8] = []
  private var length: UInt64 = 0

  mutating func update<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
    for byte in bytes {
      buffer.append(byte)
      length += 1
      if buffer.count == 64 {
        compress(buffer)
        buffer.removeAll(keepingCapacity: true)
      }
    }
  }

  mutating func hexDigest() -> String {
    let bits = length &* 8
    var tail: [UInt8] = [0x80]
    while (buffer.count + tail.count) % 64 != 56 { tail.append(0) }
    for shift in stride(from: 56, through: 0, by: -8) { tail.append(UInt8(truncatingIfNeeded: bits >> UInt64(shift))) }
    let saved = length
    update(tail)
    length = saved
    let words = [state.0, state.1, state.2, state.3, state.4]
    let hexDigits = Array("0123456789abcdef")
    var text = ""
    for word in words {
      for shift in stride(from: 28, through: 0, by: -4) { text.append(hexDigits[Int((word >> UInt32(shift)) & 0xF)]) }
    }
    return text
  }

  private mutating func compress(_ block: [UInt8]) {
    var w = [UInt32](repeating: 0, count: 80)
    for i in 0..<16 {
      w[i] = UInt32(block[4 * i]) << 24 | UInt32(block[4 * i + 1]) << 16 | UInt32(block[4 * i + 2]) << 8 | UInt32(block[4 * i + 3])
    }
    for i in 16..<80 {
      let x = w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16]
      w[i] = (x << 1) | (x >> 31)
    }
    var (a, b, c, d, e) = state
    for i in 0..<80 {
      let (f, k): (UInt32, UInt32)
      switch i {
      case 0..<20: (f, k) = ((b & c) | (~b & d), 0x5A82_7999)
      case 20..<40: (f, k) = (b ^ c ^ d, 0x6ED9_EBA1)
      case 40..<60: (f, k) = ((b & c) | (b & d) | (c & d), 0x8F1B_BCDC)
      default: (f, k) = (b ^ c ^ d, 0xCA62_C1D6)
      }
      let temp = ((a << 5) | (a >> 27)) &+ f &+ e &+ k &+ w[i]
      e = d
      d = c
      c = (b << 30) | (b >> 2)
      b = a
      a = temp
    }
    state = (state.0 &+ a, state.1 &+ b, state.2 &+ c, state.3 &+ d, state.4 &+ e)
  }
}

/// Python's `repr` of a `str` (enough for the generated names: printable text).
func pythonRepr(_ text: String) -> String {
  let quote: Character = text.contains("'") && !text.contains("\"") ? "\"" : "'"
  var output = String(quote)
  for character in text {
    switch character {
    case "\\": output += "\\\\"
    case "\n": output += "\\n"
    case "\r": output += "\\r"
    case "\t": output += "\\t"
    case quote: output += "\\" + String(quote)
    default: output.append(character)
    }
  }
  output.append(quote)
  return output
}

/// `digest(items)` of `bench_query.py`: SHA-1 over `repr(item) + "\n"`, first 12 hex digits.
func pythonDigest(_ reprs: [String]) -> String {
  var hash = SHA1()
  for item in reprs {
    hash.update(item.utf8)
    hash.update([UInt8(ascii: "\n")])
  }
  return String(hash.hexDigest().prefix(12))
}
