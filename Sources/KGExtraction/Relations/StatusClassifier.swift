import KGGraph
import KGText

/// The status of an event from the modality cues of `rules/status.tsv` in its clause:
/// negated ("did not meet", "refused to") before hypothetical ("could", "if", "ready
/// to") before planned ("will", "plans to", "next week"), else occurred.
struct StatusClassifier: Sendable {
  private let cues: [(status: RelationStatus, words: [String])]

  init(lexicon: Lexicon) {
    cues = lexicon.statusCues.compactMap { cue in RelationStatus(rawValue: cue.status).map { ($0, cue.words) } }
  }

  /// The status of the event whose trigger covers `trigger`, with its subject at `subjectStart`.
  func status(trigger: Range<Int>, subjectStart: Int, sentence: Range<Int>, tokens: [Token]) -> RelationStatus {
    // The window: from the subject (or 8 words back) to 6 words after the trigger, inside the clause.
    var start = max(sentence.lowerBound, min(subjectStart, trigger.lowerBound - 8))
    for position in stride(from: trigger.lowerBound - 1, through: start, by: -1)
    where [";", ":", "--", "\u{2014}"].contains(tokens[position].text) || tokens[position].kind == .quote {
      start = position + 1
      break
    }
    var end = min(sentence.upperBound, trigger.upperBound + 6)
    for position in trigger.upperBound..<end where [";", ".", "--", "\u{2014}"].contains(tokens[position].text) || tokens[position].kind == .quote {
      end = position
      break
    }
    let words = tokens[start..<end].map { $0.lowercased }
    var found: Set<RelationStatus> = []
    for cue in cues where contains(words, cue.words) { found.insert(cue.status) }
    if found.contains(.negated) { return .negated }
    if found.contains(.hypothetical) { return .hypothetical }
    if found.contains(.planned) { return .planned }
    return .occurred
  }

  private func contains(_ words: [String], _ cue: [String]) -> Bool {
    guard !cue.isEmpty, words.count >= cue.count else { return false }
    for start in 0...(words.count - cue.count) where words[start] == cue[0] {
      if (1..<cue.count).allSatisfy({ words[start + $0] == cue[$0] }) { return true }
    }
    return false
  }
}
