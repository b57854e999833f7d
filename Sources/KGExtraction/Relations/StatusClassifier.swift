import KGGraph
import KGText

/// The status of an event from the modality cues of `rules/status.tsv` in its clause:
/// negated ("did not meet", "refused to") before hypothetical ("could", "if", "ready
/// to") before planned ("will", "plans to", "next week"), else occurred.
struct StatusClassifier: Sendable {
  /// Cues by their first word, so a window is scanned once.
  private let cuesByFirstWord: [String: [(status: RelationStatus, words: [String])]]
  private static let openingBreaks: Set<String> = [";", ":", "--", "\u{2014}"]
  private static let closingBreaks: Set<String> = [";", ".", "--", "\u{2014}"]

  init(lexicon: Lexicon) {
    var byFirst: [String: [(status: RelationStatus, words: [String])]] = [:]
    for cue in lexicon.statusCues {
      guard let status = RelationStatus(rawValue: cue.status), let first = cue.words.first else { continue }
      byFirst[first, default: []].append((status, cue.words))
    }
    cuesByFirstWord = byFirst
  }

  /// The status of the event whose trigger covers `trigger`, with its subject at `subjectStart`.
  func status(trigger: Range<Int>, subjectStart: Int, sentence: Range<Int>, tokens: [Token]) -> RelationStatus {
    // The window: from the subject (or 8 words back) to 6 words after the trigger, inside the clause.
    var start = max(sentence.lowerBound, min(subjectStart, trigger.lowerBound - 8))
    for position in stride(from: trigger.lowerBound - 1, through: start, by: -1)
    where Self.openingBreaks.contains(tokens[position].text) || tokens[position].kind == .quote {
      start = position + 1
      break
    }
    var end = min(sentence.upperBound, trigger.upperBound + 6)
    for position in trigger.upperBound..<end where Self.closingBreaks.contains(tokens[position].text) || tokens[position].kind == .quote {
      end = position
      break
    }
    var negated = false
    var hypothetical = false
    var planned = false
    for position in start..<end {
      guard let candidates = cuesByFirstWord[tokens[position].lowercased] else { continue }
      for cue in candidates where position + cue.words.count <= end {
        var matches = true
        for offset in 1..<max(cue.words.count, 1) where tokens[position + offset].lowercased != cue.words[offset] {
          matches = false
          break
        }
        guard matches else { continue }
        switch cue.status {
        case .negated: negated = true
        case .hypothetical: hypothetical = true
        case .planned: planned = true
        case .occurred: break
        }
      }
    }
    if negated { return .negated }
    if hypothetical { return .hypothetical }
    if planned { return .planned }
    return .occurred
  }
}
