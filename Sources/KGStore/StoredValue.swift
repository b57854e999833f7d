import KGGraph

/// How a ``PropertyValue`` is laid out in a snapshot column: a tag byte, then
///
/// - `string`: the UTF-8 bytes (the span's length says how many);
/// - `integer`, `float`: 8 bytes, little-endian (a float as its IEEE bits);
/// - `boolean`: one byte, 0 or 1;
/// - `list`: the elements one after another, each as its LEB128 byte length and its
///   own tagged form.
package enum StoredValue {
  package static let stringTag: UInt8 = 1
  package static let integerTag: UInt8 = 2
  package static let floatTag: UInt8 = 3
  package static let booleanTag: UInt8 = 4
  package static let listTag: UInt8 = 5

  /// Appends the tagged form of `value`.
  package static func append(_ value: PropertyValue, to buffer: ByteBuffer) {
    switch value {
    case .string(let text):
      buffer.appendByte(stringTag)
      var copy = text
      copy.withUTF8 { buffer.append(UnsafeRawBufferPointer($0)) }
    case .integer(let number):
      buffer.appendByte(integerTag)
      buffer.append(Int64(number))
    case .float(let number):
      buffer.appendByte(floatTag)
      buffer.append(number.bitPattern)
    case .boolean(let flag):
      buffer.appendByte(booleanTag)
      buffer.appendByte(flag ? 1 : 0)
    case .list(let elements):
      buffer.appendByte(listTag)
      let scratch = ByteBuffer()
      for element in elements {
        let before = scratch.count
        append(element, to: scratch)
        appendLEB128(scratch.count - before, to: buffer)
        buffer.append(UnsafeRawBufferPointer(rebasing: scratch.bytes[before...]))
      }
    }
  }

  /// Appends a string given as UTF-8 bytes.
  package static func appendString(_ bytes: UnsafeRawBufferPointer, to buffer: ByteBuffer) {
    buffer.appendByte(stringTag)
    buffer.append(bytes)
  }

  static func appendLEB128(_ length: Int, to buffer: ByteBuffer) {
    var rest = UInt64(length)
    while rest >= 0x80 {
      buffer.appendByte(UInt8(truncatingIfNeeded: rest) | 0x80)
      rest >>= 7
    }
    buffer.appendByte(UInt8(rest))
  }

  /// The value stored in `bytes`, or `nil` when they are not a well-formed value.
  package static func decode(_ bytes: UnsafeRawBufferPointer) -> PropertyValue? {
    guard let tag = bytes.first else { return nil }
    let payload = UnsafeRawBufferPointer(rebasing: bytes[1...])
    switch tag {
    case stringTag:
      return .string(String(decoding: payload, as: UTF8.self))
    case integerTag:
      guard payload.count == 8 else { return nil }
      return .integer(Int(Int64(littleEndian: payload.loadUnaligned(as: Int64.self))))
    case floatTag:
      guard payload.count == 8 else { return nil }
      return .float(Double(bitPattern: UInt64(littleEndian: payload.loadUnaligned(as: UInt64.self))))
    case booleanTag:
      guard payload.count == 1 else { return nil }
      return .boolean(payload[0] != 0)
    case listTag:
      var elements: [PropertyValue] = []
      var offset = 0
      while offset < payload.count {
        var length = 0
        var shift = 0
        while true {
          guard offset < payload.count, shift < 63 else { return nil }
          let byte = payload[offset]
          offset += 1
          length |= Int(byte & 0x7F) << shift
          if byte < 0x80 { break }
          shift += 7
        }
        guard length <= payload.count - offset,
          let element = decode(UnsafeRawBufferPointer(rebasing: payload[offset..<(offset + length)]))
        else { return nil }
        elements.append(element)
        offset += length
      }
      return .list(elements)
    default:
      return nil
    }
  }

  /// Whether `bytes` hold a well-formed value (what ``decode(_:)`` accepts).
  package static func isWellFormed(_ bytes: UnsafeRawBufferPointer) -> Bool {
    guard let tag = bytes.first else { return false }
    switch tag {
    case stringTag: return true
    case integerTag, floatTag: return bytes.count == 9
    case booleanTag: return bytes.count == 2
    case listTag: return decode(bytes) != nil
    default: return false
    }
  }
}
