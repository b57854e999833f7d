/// The layout of a snapshot file (and of an in-memory ``GraphStore``).
///
/// ```text
/// header (64 bytes)
///   0  magic "NGSNAP01"                 8  format version (u32), byte-order mark (u32)
///   16 GraphML size (u64)               24 GraphML mtime seconds (i64)
///   32 GraphML mtime nanoseconds (i64)  40 section table offset (u64)
///   48 section count (u32), 0 (u32)     56 checksum of bytes 0..<56 and the table (u64)
/// sections, each at a multiple of 8
/// section table: per section a name (24 bytes, NUL-padded), offset, length, checksum
/// ```
///
/// All numbers are little-endian. Sections hold flat arrays (`u32` or `u64`
/// elements) or bytes; ``GraphStore`` checks every checksum and every bound when it
/// opens an image, so a damaged or truncated file is refused rather than trusted.
public enum SnapshotFormat {
  package static let magic: [UInt8] = Array("NGSNAP01".utf8)
  package static let version: UInt32 = 2
  package static let byteOrderMark: UInt32 = 0x0102_0304
  package static let headerSize = 64
  package static let tableEntrySize = 48
  package static let nameSize = 24

  /// What the snapshot was made from: the GraphML file's size and modification time.
  /// A snapshot whose stamp differs from the file's is stale.
  public struct SourceStamp: Equatable, Sendable {
    public var size: UInt64
    public var modifiedSeconds: Int64
    public var modifiedNanoseconds: Int64

    public init(size: UInt64, modifiedSeconds: Int64, modifiedNanoseconds: Int64) {
      self.size = size
      self.modifiedSeconds = modifiedSeconds
      self.modifiedNanoseconds = modifiedNanoseconds
    }

    /// The stamp of an image that was not made from a file.
    public static let none = SourceStamp(size: 0, modifiedSeconds: 0, modifiedNanoseconds: 0)
  }

  /// One entry of the section table.
  package struct Section: Sendable {
    package var name: String
    package var offset: Int
    package var length: Int
    package var checksum: UInt64
  }
}
