import KGText

extension ExtractionResult {
  /// A human-readable account of the extraction: every sentence, its mentions with
  /// their entity and the reason they were taken, and every relation with the rule
  /// that fired.
  public func explanation() -> String {
    var output = "article \(document.id): \(document.sentences.count) sentences, \(entities.count) entities, \(relations.count) relations\n"
    output += "\nentities\n"
    for (index, entity) in entities.enumerated() {
      output += "  [\(index)] \(entity.type.rawValue) \(entity.name)"
      if let code = entity.code { output += " (\(code))" }
      output += "  aliases: \(entity.aliases.joined(separator: " | "))\n"
    }
    for (index, sentence) in document.sentences.enumerated() {
      output += "\nsentence \(index + 1)\(sentence.isHeadline ? " (headline)" : ""): \(document.text(of: sentence))\n"
      for mention in analyses[index].mentions {
        let target = mention.entity.map { "→ [\($0)] \(entities[$0].name)" } ?? "→ (unresolved)"
        output += "  mention '\(mention.surface)' \(target)  (\(mention.reason))\n"
      }
      for title in analyses[index].titles {
        let holder = analyses[index].mention(at: title.holder)?.surface ?? "-"
        let affiliation = analyses[index].mention(at: title.affiliation)?.surface ?? "-"
        output += "  title '\(title.entry.phrase)' holder: \(holder), affiliation: \(affiliation)\(title.isFormer ? " (former)" : "")\n"
      }
      for relation in relations where relation.sentence == index {
        var line = "  relation \(entities[relation.source].name) -\(relation.type.rawValue)-> \(entities[relation.target].name)"
        if let status = relation.status { line += " [\(status.rawValue)]" }
        if let role = relation.role { line += " role: \(role)" }
        output += line + "  (rule: \(relation.rule))\n"
      }
    }
    return output
  }
}
