/// A place in an input file: the file name, a 1-based line and a 1-based column.
///
/// Every error that input can cause carries one, so a user can jump to the spot
/// (`graph.graphml:12:7`). A location without a line names only the file.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
  /// The file name as the user gave it, or `nil` for standard input and in-memory text.
  public var file: String?
  /// The 1-based line, or 0 when unknown.
  public var line: Int
  /// The 1-based column, or 0 when unknown.
  public var column: Int

  /// Creates a location.
  public init(file: String?, line: Int = 0, column: Int = 0) {
    self.file = file
    self.line = line
    self.column = column
  }

  /// `FILE:LINE:COL`, leaving out the parts that are unknown.
  public var description: String {
    var text = file ?? "<input>"
    if line > 0 {
      text += ":\(line)"
      if column > 0 { text += ":\(column)" }
    }
    return text
  }
}
