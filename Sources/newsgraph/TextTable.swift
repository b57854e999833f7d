/// Plain-text tables for terminals: columns padded to their widest cell.
enum TextTable {
  /// The table as lines of text, a rule under the header.
  static func render(header: [String], rows: [[String]], rightAligned: Set<Int> = []) -> String {
    var widths = header.map(\.count)
    for row in rows {
      for (index, cell) in row.enumerated() where index < widths.count {
        widths[index] = max(widths[index], cell.count)
      }
    }
    func line(_ cells: [String]) -> String {
      var parts: [String] = []
      for (index, cell) in cells.enumerated() where index < widths.count {
        let padding = String(repeating: " ", count: widths[index] - cell.count)
        let isLast = index == cells.count - 1
        parts.append(rightAligned.contains(index) ? padding + cell : (isLast ? cell : cell + padding))
      }
      return "  " + parts.joined(separator: "  ") + "\n"
    }
    var output = line(header)
    output += line(widths.map { String(repeating: "-", count: $0) })
    for row in rows { output += line(row) }
    return output
  }
}
