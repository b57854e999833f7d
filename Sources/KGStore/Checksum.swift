/// A fast 64-bit checksum of bytes, for telling a damaged snapshot section from a
/// sound one and for hashing index keys.
///
/// Four independent multiply–rotate lanes over 8-byte words (in the manner of
/// xxHash64), so it runs at several gigabytes a second; it is not cryptographic. The
/// value depends only on the bytes, so snapshots written on one machine check on
/// another of the same byte order.
package enum Checksum {
  private static let prime1: UInt64 = 0x9E37_79B1_85EB_CA87
  private static let prime2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
  private static let prime3: UInt64 = 0x1656_67B1_9E37_79F9
  private static let prime4: UInt64 = 0x85EB_CA77_C2B2_AE63

  @inline(__always)
  private static func round(_ lane: UInt64, _ word: UInt64) -> UInt64 {
    let mixed = lane &+ word &* prime2
    return ((mixed << 31) | (mixed >> 33)) &* prime1
  }

  @inline(__always)
  private static func avalanche(_ value: UInt64) -> UInt64 {
    var hash = value
    hash ^= hash >> 33
    hash = hash &* prime2
    hash ^= hash >> 29
    hash = hash &* prime3
    hash ^= hash >> 32
    return hash
  }

  /// The checksum of `bytes`.
  package static func of(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
    guard let base = bytes.baseAddress else { return avalanche(prime4) }
    let count = bytes.count
    var offset = 0
    var hash: UInt64
    if count >= 32 {
      var lane1 = prime1 &+ prime2
      var lane2 = prime2
      var lane3: UInt64 = 0
      var lane4 = 0 &- prime1
      while offset + 32 <= count {
        lane1 = round(lane1, UInt64(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
        lane2 = round(lane2, UInt64(littleEndian: base.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self)))
        lane3 = round(lane3, UInt64(littleEndian: base.loadUnaligned(fromByteOffset: offset + 16, as: UInt64.self)))
        lane4 = round(lane4, UInt64(littleEndian: base.loadUnaligned(fromByteOffset: offset + 24, as: UInt64.self)))
        offset += 32
      }
      hash = ((lane1 << 1) | (lane1 >> 63)) &+ ((lane2 << 7) | (lane2 >> 57))
      hash = hash &+ ((lane3 << 12) | (lane3 >> 52)) &+ ((lane4 << 18) | (lane4 >> 46))
      for lane in [lane1, lane2, lane3, lane4] { hash = (hash ^ round(0, lane)) &* prime1 &+ prime4 }
    } else {
      hash = prime3
    }
    hash = hash &+ UInt64(count)
    while offset + 8 <= count {
      let word = round(0, UInt64(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
      hash ^= word
      hash = ((hash << 27) | (hash >> 37)) &* prime1 &+ prime4
      offset += 8
    }
    while offset < count {
      hash ^= UInt64(base.load(fromByteOffset: offset, as: UInt8.self)) &* prime3
      hash = ((hash << 11) | (hash >> 53)) &* prime1
      offset += 1
    }
    return avalanche(hash)
  }
}
