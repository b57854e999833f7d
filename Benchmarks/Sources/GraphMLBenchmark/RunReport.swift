/// The Markdown report of a `run`: the results table, the ratios and how to read them.
struct RunReport {
  let size: BenchmarkSize
  let figures: RunFigures
  let machineNote: String

  /// The whole report.
  func markdown() -> String {
    let rows = self.rows()
    return """
      ## GraphML benchmark, \(size.rawValue): \(size.nodes) nodes, \(Format.grouped(Double(size.edges))) edges

      \(Report.resultsTable(rows.all))

      \(Report.ratiosTable(ratios(rows)))

      Machine: \(machineNote)
      Files: "ours" is written by NewsGraph from the generated graph (our attributes); "canonical" is \
      the peers' file (graphml_peers.py generate), which all the reads compare on; igraph and networkx \
      write their own files of the peers' graph. Times are medians; peak RSS is the highest of the runs \
      (the whole process; for writes it includes the graph in memory).\(peerVersions())
      """
  }

  /// The rows, with the ones the ratios need named.
  struct Rows {
    var all: [ResultRow] = []
    var ourWrite, ourRead, ourValidate, ourReadCanonical: ResultRow?
    var xmllintCanonical, xmllintSchema, copyFloor: ResultRow?
    var igraphWrite, igraphRead, networkxWrite, networkxRead: ResultRow?
  }

  private func rows() -> Rows {
    var rows = Rows()
    let edges = size.edges
    let canonical = figures.canonicalBytes
    rows.ourWrite = ResultRow(figures.write, operation: "write", file: "ours")
    rows.copyFloor = ResultRow(
      figures.copyFloor, system: "coreutils", operation: "dd bs=1M conv=fsync (copy, write floor)", file: "ours",
      bytes: figures.ourBytes, edges: edges)
    rows.igraphWrite = figures.peers?.row("igraph.write", system: "igraph", operation: "write", file: "own")
    rows.networkxWrite = figures.peers?.row(
      "networkx.write_lxml", system: "networkx", operation: "write (lxml)", file: "own")
    let networkxWriteXML = figures.peers?.row(
      "networkx.write_xml", system: "networkx", operation: "write (xml)", file: "own")
    rows.ourRead = ResultRow(figures.read, operation: "read", file: "ours")
    rows.ourReadCanonical = ResultRow(figures.readCanonical, operation: "read", file: "canonical")
    rows.igraphRead = figures.peers?.row("igraph.read", system: "igraph", operation: "read", file: "canonical")
    rows.networkxRead = figures.peers?.row("networkx.read", system: "networkx", operation: "read", file: "canonical")
    rows.xmllintCanonical = ResultRow(
      figures.xmllintCanonical, system: "libxml2", operation: "xmllint --stream --noout", file: "canonical",
      bytes: canonical, edges: edges)
    let xmllintOurs = ResultRow(
      figures.xmllintOurs, system: "libxml2", operation: "xmllint --stream --noout", file: "ours",
      bytes: figures.ourBytes, edges: edges)
    rows.ourValidate = ResultRow(figures.validate, operation: "validate (newsgraph xsd)", file: "ours")
    rows.xmllintSchema = ResultRow(
      figures.xmllintSchemaOurs, system: "libxml2", operation: "xmllint --stream --schema (newsgraph xsd)",
      file: "ours", bytes: figures.ourBytes, edges: edges)
    rows.all = [
      rows.ourWrite, rows.copyFloor, rows.igraphWrite, rows.networkxWrite, networkxWriteXML,
      rows.ourRead, rows.ourReadCanonical, rows.igraphRead, rows.networkxRead,
      rows.xmllintCanonical, xmllintOurs, rows.ourValidate, rows.xmllintSchema,
    ].compactMap { $0 }
    return rows
  }

  private func ratios(_ rows: Rows) -> [Ratio] {
    let rss = { (row: ResultRow?) in row?.peakRSSBytes.map(Double.init) }
    return [
      Ratio(
        name: "write MB/s: NewsGraph / igraph", value: Ratio.divide(
          rows.ourWrite?.megabytesPerSecond, rows.igraphWrite?.megabytesPerSecond), goal: .atLeast(3)),
      Ratio(
        name: "write MB/s: dd copy floor / igraph (the most this machine allows)", value: Ratio.divide(
          rows.copyFloor?.megabytesPerSecond, rows.igraphWrite?.megabytesPerSecond)),
      Ratio(
        name: "write edges/s: NewsGraph / igraph", value: Ratio.divide(
          rows.ourWrite?.edgesPerSecond, rows.igraphWrite?.edgesPerSecond)),
      Ratio(
        name: "read MB/s, canonical file: NewsGraph / xmllint --stream", value: Ratio.divide(
          rows.ourReadCanonical?.megabytesPerSecond, rows.xmllintCanonical?.megabytesPerSecond),
        goal: .atLeast(0.8)),
      Ratio(
        name: "read MB/s, canonical file: NewsGraph / igraph (issue: about 2)", value: Ratio.divide(
          rows.ourReadCanonical?.megabytesPerSecond, rows.igraphRead?.megabytesPerSecond)),
      Ratio(
        name: "read peak RSS / file size, canonical file (NewsGraph)",
        value: rows.ourReadCanonical?.peakRSSPerFileByte, goal: .atMost(1)),
      Ratio(
        name: "read peak RSS / file size, our file (NewsGraph)", value: rows.ourRead?.peakRSSPerFileByte,
        goal: .atMost(1)),
      Ratio(name: "read peak RSS: NewsGraph / igraph", value: Ratio.divide(rss(rows.ourReadCanonical), rss(rows.igraphRead))),
      Ratio(
        name: "write MB/s: NewsGraph / networkx (lxml)", value: Ratio.divide(
          rows.ourWrite?.megabytesPerSecond, rows.networkxWrite?.megabytesPerSecond)),
      Ratio(
        name: "read MB/s, canonical file: NewsGraph / networkx", value: Ratio.divide(
          rows.ourReadCanonical?.megabytesPerSecond, rows.networkxRead?.megabytesPerSecond)),
      Ratio(
        name: "read peak RSS: NewsGraph / networkx",
        value: Ratio.divide(rss(rows.ourReadCanonical), rss(rows.networkxRead))),
      Ratio(
        name: "validate MB/s: NewsGraph / xmllint --stream --schema", value: Ratio.divide(
          rows.ourValidate?.megabytesPerSecond, rows.xmllintSchema?.megabytesPerSecond)),
    ]
  }

  private func peerVersions() -> String {
    guard let peers = figures.peers else { return "\nThe networkx and igraph runs were skipped." }
    let names = ["python", "networkx", "igraph", "xmllint"]
    let versions = names.compactMap { name in
      peers.versions[name].map { $0.hasPrefix(name) ? $0 : "\(name) \($0)" }
    }
    let failed = ["igraph.write", "igraph.read", "networkx.write_lxml", "networkx.read"].compactMap { name in
      peers.problem(name).map { "\(name): \($0)" }
    }
    var text = "\nPeers: " + versions.joined(separator: ", ") + "; one run each (graphml_peers.py --repeats 1)."
    if !failed.isEmpty { text += " Missing: " + failed.joined(separator: "; ") + "." }
    return text
  }
}
