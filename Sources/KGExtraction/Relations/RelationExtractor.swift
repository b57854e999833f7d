import KGGraph
import KGText

/// Finds the relations of ONTOLOGY.md between resolved entities, sentence by sentence.
///
/// Rules (each names itself in `--explain`):
/// - **title**: a title with a holder and an affiliation gives `leads` (leader titles)
///   or `member_of` ("Japanese Prime Minister Shigeru Ishiba", "Germany's foreign
///   minister Annalena Baerbock", "Dmitry Peskov, the Kremlin's spokesman").
/// - **quote**: a quotation attributed to a speaker (`"...," X said`, `X said: "..."`,
///   `"...," said X`, a pronoun speaker) gives `said` to every entity named inside it,
///   and makes "I" inside it the speaker.
/// - **reported speech**: `X said (that) ...`, `X told Y ...`, `according to X` give
///   `said` to every entity named in what follows, and to the addressee.
/// - **verb / noun / joint triggers** (`rules/triggers.tsv`): "X met (with) Y", "X's
///   meeting with Y", "talks between X and Y", "X and Y met", "X spoke by phone with Y",
///   "X proposed ... to Y" give `met`, `talked_to` or `proposed` between the parties.
/// - **visit**: "X visited COUNTRY" gives `visited`.
/// - **nationality**: "British journalist Piers Morgan" gives `citizen_of`.
/// Every event gets a status from the cues of `rules/status.tsv` in its clause.
public struct RelationExtractor: Sendable {
  let lexicon: Lexicon
  private var triggersByFirstWord: [String: [TriggerEntry]] = [:]
  private let statusClassifier: StatusClassifier
  private let headTitles: [String: Set<String>]

  static let prepositions: Set<String> = ["to", "of", "for", "with", "by", "from", "at", "in", "on", "about", "against", "than"]
  static let determiners: Set<String> = ["the", "a", "an", "its", "their", "his", "her", "our", "these", "those", "such", "some"]
  /// Words that never make a demonym before them an adjective ("the Russians and ...").
  static let functionWords: Set<String> = [
    "and", "or", "but", "to", "in", "of", "on", "at", "for", "with", "by", "from", "as", "that", "who", "which", "is", "are",
    "was", "were", "will", "would", "have", "has", "had", "said", "says", "say",
  ]
  /// Words after which a trigger word is a noun ("several visits", "the talks").
  static let nounMarkers: Set<String> = [
    "the", "a", "an", "several", "many", "few", "two", "three", "recent", "previous", "his", "her",
    "their", "its", "our", "these", "those",
  ]
  /// Prepositions that introduce a trigger's object ("met with", "talked to").
  static let objectPrepositions: Set<String> = ["with", "to", "by", "for", "against", "from"]
  static let clauseBreaks: Set<String> = [";", ":", "--", "\u{2014}", "\u{2013}", "(", ")"]
  static let objectStops: Set<String> = [
    "who", "which", "that", "after", "before", "when", "while", "as", "because", "but", "since", "although", "where",
    "said", "says", "told", "if", "to",
  ]

  public init(lexicon: Lexicon) {
    self.lexicon = lexicon
    for trigger in lexicon.triggers {
      guard let first = trigger.words.first else { continue }
      triggersByFirstWord[first, default: []].append(trigger)
    }
    for key in triggersByFirstWord.keys { triggersByFirstWord[key]?.sort { $0.words.count > $1.words.count } }
    statusClassifier = StatusClassifier(lexicon: lexicon)
    headTitles = Dictionary(lexicon.countries.map { ($0.code, Set($0.headTitles)) }, uniquingKeysWith: { $0.union($1) })
  }

  /// The relations of a document whose mentions are resolved to `entities`.
  public func extract(_ analyses: inout [SentenceAnalysis], entities: [Entity], document: TextDocument) -> [Relation] {
    var relations: [Relation] = []
    var context = Context(document: document, entities: entities)
    context.sentenceOfToken = [Int](repeating: 0, count: document.tokens.count)
    for (index, sentence) in document.sentences.enumerated() {
      for token in sentence.tokens { context.sentenceOfToken[token] = index }
    }

    // Quotations first: their speakers make "I" inside them a mention.
    var quotes = QuoteSpan.find(in: document)
    for index in quotes.indices {
      attribute(&quotes[index], analyses: analyses, context: context)
      // A quotation that opens the sentence after an attributed one, with no speaker of
      // its own, continues it (news style reopens a quotation in each paragraph).
      if quotes[index].speaker == nil, index > 0, let previous = quotes[index - 1].speaker {
        let sentence = context.sentenceOfToken[quotes[index].open]
        if sentence == context.sentenceOfToken[quotes[index - 1].close] + 1,
          quotes[index].open == document.sentences[sentence].tokens.lowerBound
        {
          quotes[index].speaker = previous
          quotes[index].rule = "continues the quotation before"
        }
      }
    }
    for quote in quotes {
      guard let speaker = quote.speaker else { continue }
      for position in quote.inner where document.tokens[position].kind == .word {
        let word = document.tokens[position].text
        guard word == "I" || word == "me" else { continue }
        let sentence = context.sentenceOfToken[position]
        if analyses[sentence].mentions.contains(where: { $0.tokens.contains(position) }) { continue }
        analyses[sentence].mentions.append(
          Mention(
            kind: .pronoun(gender: "n"), form: .pronoun, sentence: sentence, tokens: position..<(position + 1),
            surface: word, reason: "first person in a quotation by \(entities[speaker].name)", entity: speaker))
        analyses[sentence].mentions.sort { $0.tokens.lowerBound < $1.tokens.lowerBound }
      }
    }
    // Who each sentence names, for "the two leaders" later on.
    context.peopleBySentence = analyses.map { analysis in
      analysis.mentions.compactMap { $0.kind == .person ? $0.entity : nil }
    }
    context.countriesBySentence = analyses.map { analysis in
      analysis.mentions.compactMap { mention -> Int? in
        guard case .country = mention.kind else { return nil }
        return mention.entity
      }
    }
    // "British officials said ..." makes later bare "officials said" British.
    context.groupCountry = [Int?](repeating: nil, count: analyses.count)
    var latestGroup: (country: Int, sentence: Int)?
    for sentence in analyses.indices {
      for mention in analyses[sentence].mentions where mention.form == .demonym {
        guard let country = mention.entity, mention.tokens.upperBound < document.tokens.count,
          lexicon.spokesGroups.contains(document.tokens[mention.tokens.upperBound].lowercased)
        else { continue }
        latestGroup = (country, sentence)
      }
      if let group = latestGroup, sentence - group.sentence <= 12 { context.groupCountry[sentence] = group.country }
    }
    context.quotes = quotes
    context.quoteOfToken = [Int32](repeating: -1, count: document.tokens.count)
    for (index, quote) in quotes.enumerated() {
      for position in quote.inner where context.quoteOfToken[position] < 0 { context.quoteOfToken[position] = Int32(index) }
    }

    for sentence in analyses.indices {
      // "Read also: ..." lists other articles, not this one's news.
      if Self.isCrossReference(document.sentences[sentence].tokens, tokens: document.tokens) { continue }
      relations += titleRelations(analyses[sentence], sentence: sentence, context: context)
      relations += nationalityRelations(analyses[sentence], sentence: sentence, context: context)
      relations += possessiveMembershipRelations(analyses[sentence], sentence: sentence, context: context)
      relations += delegationRelations(analyses[sentence], sentence: sentence, context: context)
      relations += speechRelations(analyses[sentence], sentence: sentence, context: context)
      relations += triggerRelations(analyses[sentence], sentence: sentence, context: context)
    }
    relations += attendanceRelations(analyses, context: context)
    for quote in quotes {
      guard let speaker = quote.speaker else { continue }
      let text = document.slice(document.tokens[quote.inner.lowerBound].start, document.tokens[quote.inner.upperBound - 1].end)
      var seen: Set<Int> = []
      for sentence in Set(quote.inner.map { context.sentenceOfToken[$0] }).sorted() {
        for mention in analyses[sentence].mentions where quote.inner.contains(mention.tokens.lowerBound) {
          guard let target = mention.entity, target != speaker, mention.form != .pronoun, seen.insert(target).inserted
          else { continue }
          relations.append(
            Relation(
              type: .said, source: speaker, target: target, status: .occurred, role: nil,
              sentence: context.sentenceOfToken[quote.close], quote: text, rule: "quote (\(quote.rule))"))
        }
      }
    }
    return relations.filter { $0.source != $0.target }
  }

  struct Context {
    var document: TextDocument
    var entities: [Entity]
    var sentenceOfToken: [Int] = []
    var quotes: [QuoteSpan] = []
    /// For each sentence, the country of the latest "<demonym> officials" up to it.
    var groupCountry: [Int?] = []
    /// The people and the countries each sentence names, in order.
    var peopleBySentence: [[Int]] = []
    var countriesBySentence: [[Int]] = []
    /// For each token, the index of the quotation it is inside, or -1.
    var quoteOfToken: [Int32] = []

    func isInQuote(_ position: Int) -> Bool { quoteOfToken[position] >= 0 }

    func quote(containing position: Int) -> QuoteSpan? {
      let index = quoteOfToken[position]
      return index >= 0 ? quotes[Int(index)] : nil
    }
  }

  // MARK: Titles and nationality

  /// "Read also:", "See also:", "Read more:", "Related:" at the start of a line.
  static func isCrossReference(_ range: Range<Int>, tokens: [Token]) -> Bool {
    let words = tokens[range.lowerBound..<min(range.upperBound, range.lowerBound + 3)].map(\.lowercased)
    return words.starts(with: ["read", "also"]) || words.starts(with: ["see", "also"]) || words.starts(with: ["read", "more"])
      || words.starts(with: ["related", ":"]) || words.starts(with: ["also", "read"])
  }

  /// Roles that say "leads" whatever a country calls its head ("leader", "ruler").
  static let genericLeaderRoles: Set<String> = ["leader", "ruler", "head", "head of state", "head of government"]
  static let indefiniteArticles: Set<String> = ["a", "an", "one"]

  private func titleRelations(_ analysis: SentenceAnalysis, sentence: Int, context: Context) -> [Relation] {
    var relations: [Relation] = []
    let range = context.document.sentences[sentence].tokens
    for title in analysis.titles where !title.isFormer {
      // "the Ukrainian and Russian presidents": several people stand at one title; which
      // office is whose is said by their own titles elsewhere.
      if let holder = title.holder, analysis.mentions.filter({ $0.tokens.lowerBound == holder }).count > 1 { continue }
      guard let person = analysis.entity(at: title.holder), context.entities[person].type == .person,
        let affiliation = analysis.entity(at: title.affiliation) ?? title.inferredAffiliation,
        context.entities[affiliation].type != .person
      else { continue }
      var leads = title.entry.isLeader
      // "UK Chancellor Gordon Brown": a leader title the country's leader does not carry is
      // an office in it; "the Palestinian leader" names the leader whatever the office.
      if leads, !Self.genericLeaderRoles.contains(title.entry.role.lowercased()),
        let code = context.entities[affiliation].code, let heads = headTitles[code], !heads.isEmpty,
        !heads.contains(title.entry.phrase), !heads.contains(title.entry.role.lowercased())
      {
        leads = false
      }
      // "Henrik Vale, an IMF director": one of several holds a post in the body.
      let phraseStart = min(title.tokens.lowerBound, analysis.mention(at: title.affiliation)?.tokens.lowerBound ?? Int.max)
      if leads, phraseStart > range.lowerBound, Self.indefiniteArticles.contains(context.document.tokens[phraseStart - 1].lowercased) {
        leads = false
      }
      // "IMF external relations director": lower-case words between the body and the
      // title make it a post inside the body.
      if leads, let body = analysis.mention(at: title.affiliation), body.tokens.upperBound < title.tokens.lowerBound {
        let gap = context.document.tokens[body.tokens.upperBound..<title.tokens.lowerBound]
        let qualifiers = gap.filter {
          $0.kind == .word && !$0.isCapitalized && !MentionFinder.titleAdjectives.contains($0.lowercased)
            && !Self.determiners.contains($0.lowercased)
        }
        if !qualifiers.isEmpty && gap.allSatisfy({ $0.kind == .word || $0.kind == .possessive }) { leads = false }
      }
      relations.append(
        Relation(
          type: leads ? .leads : .memberOf, source: person, target: affiliation, status: nil,
          role: title.entry.role, sentence: sentence, quote: nil,
          rule: "title '\(title.entry.phrase)' of \(context.entities[affiliation].name)"
            + (title.inferenceReason.map { " (\($0))" } ?? "")))
    }
    return relations
  }

  /// "British journalist Piers Morgan": a demonym, lower-case words, then a person with no title.
  private func nationalityRelations(_ analysis: SentenceAnalysis, sentence: Int, context: Context) -> [Relation] {
    var relations: [Relation] = []
    let tokens = context.document.tokens
    for (index, mention) in analysis.mentions.enumerated() where mention.form == .demonym {
      guard let country = mention.entity, index + 1 < analysis.mentions.count else { continue }
      let next = analysis.mentions[index + 1]
      guard next.kind == .person, let person = next.entity else { continue }
      let between = tokens[mention.tokens.upperBound..<next.tokens.lowerBound]
      guard (1...2).contains(between.count), between.allSatisfy({ $0.kind == .word && !$0.isCapitalized }) else { continue }
      if analysis.titles.contains(where: { $0.holder == next.tokens.lowerBound }) { continue }
      relations.append(
        Relation(
          type: .citizenOf, source: person, target: country, status: nil, role: nil, sentence: sentence, quote: nil,
          rule: "nationality '\(mention.surface)' before a name"))
    }
    return relations
  }

  /// "Oxfam's Rosa Quispe": an organization's possessive before a person with no title
  /// names one of its people.
  private func possessiveMembershipRelations(_ analysis: SentenceAnalysis, sentence: Int, context: Context) -> [Relation] {
    var relations: [Relation] = []
    let tokens = context.document.tokens
    for mention in analysis.mentions {
      guard case .organization = mention.kind else { continue }
      guard let body = mention.entity, mention.tokens.upperBound + 1 < tokens.count,
        tokens[mention.tokens.upperBound].kind == .possessive,
        let next = analysis.mentions.first(where: { $0.tokens.lowerBound == mention.tokens.upperBound + 1 }),
        next.kind == .person, let person = next.entity,
        !analysis.titles.contains(where: { $0.holder == next.tokens.lowerBound })
      else { continue }
      relations.append(
        Relation(
          type: .memberOf, source: person, target: body, status: nil, role: nil, sentence: sentence, quote: nil,
          rule: "'\(mention.surface)'s' before a name"))
    }
    return relations
  }

  static let delegationNouns: Set<String> = ["team", "delegation", "negotiators", "side", "mission", "negotiating"]
  static let headingVerbs: Set<String> = ["heads", "headed", "leads", "led", "heading", "leading", "chairs", "chaired"]

  /// "the Soviet team headed by Lem Orlov" / "Ann Glick, who heads the American team":
  /// the head of a country's delegation is one of its people.
  private func delegationRelations(_ analysis: SentenceAnalysis, sentence: Int, context: Context) -> [Relation] {
    var relations: [Relation] = []
    let tokens = context.document.tokens
    let range = context.document.sentences[sentence].tokens
    for mention in analysis.mentions where mention.form == .demonym {
      guard let country = mention.entity, mention.tokens.upperBound < range.upperBound else { continue }
      // The delegation noun within two words of the demonym.
      guard let noun = (mention.tokens.upperBound..<min(range.upperBound, mention.tokens.upperBound + 3)).first(where: {
        Self.delegationNouns.contains(tokens[$0].lowercased)
      }) else { continue }
      var person: Mention?
      // "... headed by X" within a few words after the noun.
      if let by = (noun + 1..<min(range.upperBound, noun + 8)).first(where: {
        tokens[$0].lowercased == "by" && $0 > range.lowerBound && Self.headingVerbs.contains(tokens[$0 - 1].lowercased)
      }) {
        person = analysis.mentions.first { $0.tokens.lowerBound == by + 1 && $0.kind == .person }
      }
      // "X, who heads the ... team" before the demonym.
      if person == nil, mention.tokens.lowerBound >= range.lowerBound + 4 {
        let start = mention.tokens.lowerBound
        let article = tokens[start - 1].lowercased == "the" ? start - 1 : start
        if article >= range.lowerBound + 3, Self.headingVerbs.contains(tokens[article - 1].lowercased),
          tokens[article - 2].lowercased == "who", tokens[article - 3].text == ","
        {
          person = analysis.mentions.last { $0.tokens.upperBound == article - 3 && $0.kind == .person }
        }
      }
      guard let head = person?.entity else { continue }
      relations.append(
        Relation(
          type: .memberOf, source: head, target: country, status: nil, role: "Head of delegation", sentence: sentence, quote: nil,
          rule: "heads the \(mention.surface) \(tokens[noun].text)"))
    }
    return relations
  }

  // MARK: Speech

  private func attribute(_ quote: inout QuoteSpan, analyses: [SentenceAnalysis], context: Context) {
    let tokens = context.document.tokens
    let closeSentence = context.sentenceOfToken[quote.close]
    let sentenceRange = context.document.sentences[closeSentence].tokens
    // After the closing mark: `," said X` / `," X said` / `, he said`.
    let afterEnd = min(sentenceRange.upperBound, quote.close + 8)
    if quote.close + 1 < afterEnd {
      if let verb = (quote.close + 1..<afterEnd).first(where: { lexicon.speechVerbs[tokens[$0].lowercased] != nil }) {
        let mentions = analyses[closeSentence].mentions
        // Speaker right after the verb, or between the quote and the verb.
        let after = mentions.first { $0.tokens.lowerBound > verb && $0.tokens.lowerBound <= verb + 3 && $0.entity != nil }
        let before = mentions.last { $0.tokens.lowerBound > quote.close && $0.tokens.upperBound <= verb && $0.entity != nil }
        if let speaker = (before ?? after)?.entity {
          quote.speaker = holderIfAffiliation(speaker, in: analyses[closeSentence], context: context)
          quote.rule = "speaker after the quotation"
          return
        }
      }
    }
    // Before the opening mark: `X said: "` / `X told Reuters: "` / `X said, "`.
    let openSentence = context.sentenceOfToken[quote.open]
    let openRange = context.document.sentences[openSentence].tokens
    var position = quote.open - 1
    while position >= openRange.lowerBound && position >= quote.open - 4 {
      if lexicon.speechVerbs[tokens[position].lowercased] != nil {
        if let speaker = subject(before: position, in: analyses[openSentence], context: context) {
          quote.speaker = speaker
          quote.rule = "speaker before the quotation"
        }
        return
      }
      position -= 1
    }
  }

  /// The entity that is the subject of the verb at `position`: the nearest mention
  /// before it in the clause, a title's holder rather than its affiliation.
  private func subject(before position: Int, in analysis: SentenceAnalysis, context: Context) -> Int? {
    let tokens = context.document.tokens
    let sentence = context.document.sentences[analysis.mentions.first?.sentence ?? context.sentenceOfToken[position]].tokens
    // "one of the minister's deputies, Rosa Quispe, told": the name set off by commas is
    // the speaker.
    if position - 1 > sentence.lowerBound, tokens[position - 1].text == ",",
      let named = analysis.mentions.last(where: { $0.tokens.upperBound == position - 1 && $0.kind == .person }),
      named.tokens.lowerBound > sentence.lowerBound, tokens[named.tokens.lowerBound - 1].text == ",",
      let entity = named.entity
    {
      return entity
    }
    // "X, professor of law at Y University, told": the subject is before the apposition.
    if position - 1 > sentence.lowerBound, tokens[position - 1].text == "," {
      var opening = position - 2
      while opening > sentence.lowerBound && opening >= position - 14 && tokens[opening].text != "," { opening -= 1 }
      if opening > sentence.lowerBound, tokens[opening].text == ",",
        let person = analysis.mentions.last(where: { $0.tokens.upperBound == opening && $0.kind == .person }),
        let entity = person.entity
      {
        return entity
      }
    }
    var best: Mention?
    for mention in analysis.mentions.reversed() where mention.tokens.upperBound <= position && mention.entity != nil {
      if isAdjectivalDemonym(mention, analysis: analysis, tokens: tokens) { break }
      // Stop at a clause break between the mention and the verb.
      let between = tokens[mention.tokens.upperBound..<position]
      if between.contains(where: { Self.clauseBreaks.contains($0.text) }) { break }
      if between.count > 8 { break }
      if mention.tokens.lowerBound < sentence.lowerBound { break }
      // "an aide to Chirac told": the mention is the object of a preposition, not the speaker.
      if mention.tokens.lowerBound > sentence.lowerBound,
        Self.prepositions.contains(tokens[mention.tokens.lowerBound - 1].lowercased)
      {
        break
      }
      best = mention
      break
    }
    guard let found = best, let entity = found.entity else { return nil }
    return holderIfAffiliation(entity, in: analysis, context: context, at: found.tokens.lowerBound)
  }

  /// A country or body that is only the affiliation of a titled person stands for that
  /// person. With `position` (where the mention starts), only a title of that very
  /// mention counts: "U.N. Secretary-General Ana Ruiz ..., a U.N. spokesman said" keeps
  /// the second "U.N." for the body.
  private func holderIfAffiliation(_ entity: Int, in analysis: SentenceAnalysis, context: Context, at position: Int? = nil) -> Int {
    for title in analysis.titles {
      if let position {
        guard title.affiliation == position else { continue }
      } else {
        guard analysis.entity(at: title.affiliation) == entity else { continue }
      }
      guard let person = analysis.entity(at: title.holder) else { continue }
      return person
    }
    return entity
  }

  private func speechRelations(_ analysis: SentenceAnalysis, sentence: Int, context: Context) -> [Relation] {
    var relations: [Relation] = []
    let document = context.document
    let tokens = document.tokens
    let range = document.sentences[sentence].tokens
    for position in range {
      let word = tokens[position].lowercased
      // "according to X": X says what the rest of the sentence says.
      // "according to a White House statement": past one article to the source.
      let sourceStart = position + 2 < range.upperBound && ["a", "the", "an"].contains(tokens[position + 2].lowercased)
        ? position + 3 : position + 2
      if word == "according", sourceStart < range.upperBound, tokens[position + 1].lowercased == "to",
        analysis.mentions.contains(where: { $0.tokens.lowerBound == sourceStart && $0.entity != nil })
      {
        // "According to Reuters and NBC, ...": every source says the rest.
        let (sources, sourceEnd) = sourceList(from: sourceStart, analysis: analysis, range: range, tokens: tokens)
        for source in sources {
          for mention in analysis.mentions where mention.tokens.lowerBound < position || mention.tokens.lowerBound >= sourceEnd {
            guard let target = mention.entity, !sources.contains(target), mention.form != .pronoun else { continue }
            relations.append(
              Relation(
                type: .said, source: source, target: target, status: .occurred, role: nil, sentence: sentence,
                quote: document.text(of: document.sentences[sentence]), rule: "according to"))
          }
        }
        continue
      }
      guard let takesAddressee = lexicon.speechVerbs[word], tokens[position].kind == .word else { continue }
      if context.isInQuote(position) { continue }
      // "the United States": a word of a name is no verb.
      if analysis.mentions.contains(where: { $0.tokens.contains(position) }) { continue }
      // "He was accused by the government": the one spoken of is the subject, not the speaker.
      if position > range.lowerBound, ["was", "were", "been", "being", "is", "are", "be"].contains(tokens[position - 1].lowercased) {
        continue
      }
      // "Central American states Mexico and Panama", "the claims": a noun, not a verb.
      if position > range.lowerBound {
        let previous = tokens[position - 1].lowercased
        if Self.determiners.contains(previous) { continue }
        if analysis.mentions.contains(where: { $0.tokens.upperBound == position && $0.form == .demonym }) { continue }
      }
      // Quotations are handled by attribution.
      let contentStart = position + 1
      let nextIsQuote = contentStart < range.upperBound && tokens[contentStart...].prefix(2).contains { $0.kind == .quote }
      // "..., diplomats said." at the end: the speaker is named after the last comma or not
      // at all (not "EC" in "the two former EC allies, diplomats said").
      let closingComma = position + 3 >= range.upperBound
        ? (max(range.lowerBound, position - 4)..<position).last(where: { tokens[$0].text == "," }) : nil
      var named = subject(before: position, in: analysis, context: context)
      // "X met Y and urged him ...": the verb of a second phrase has the first's subject.
      if position > range.lowerBound, tokens[position - 1].lowercased == "and" {
        named = subjectMention(before: position, analysis: analysis, range: range, context: context).flatMap { mention in
          mention.entity.map { holderIfAffiliation($0, in: analysis, context: context, at: mention.tokens.lowerBound) }
        }
      }
      // "Biden praised Lula's record, saying ...": a participle after a comma speaks for
      // the subject of the main clause.
      if word.hasSuffix("ing"), position > range.lowerBound, tokens[position - 1].text == ",",
        let main = mainClauseSubject(analysis: analysis, range: range, before: position, tokens: tokens)
      {
        named = holderIfAffiliation(main, in: analysis, context: context)
      }
      if let closingComma, let found = named,
        !analysis.mentions.contains(where: { $0.entity == found && $0.tokens.lowerBound > closingComma && $0.tokens.upperBound <= position })
        && !analysis.titles.contains(where: { analysis.entity(at: $0.holder) == found && $0.tokens.lowerBound > closingComma })
      {
        named = nil
      }
      guard let speaker = named
        ?? speakerAfter(position, in: analysis, range: range)
        ?? groupSpeaker(before: position, sentence: sentence, range: range, context: context)
      else { continue }
      let negated = position > range.lowerBound && ["not", "n't", "never"].contains(tokens[position - 1].lowercased)
      var content: Range<Int> = contentStart..<range.upperBound
      // "..., Lavrov said." — the content is what comes before.
      if let subjectMention = analysis.mentions.last(where: { $0.tokens.upperBound <= position && $0.entity != nil }),
        subjectMention.tokens.lowerBound > range.lowerBound, tokens[subjectMention.tokens.lowerBound - 1].text == ",",
        position + 3 >= range.upperBound
      {
        content = range.lowerBound..<(subjectMention.tokens.lowerBound - 1)
      } else if position + 3 >= range.upperBound, position > range.lowerBound, tokens[position - 1].text == "," {
        content = range.lowerBound..<(position - 1)
      } else if position + 3 >= range.upperBound,
        let comma = (max(range.lowerBound, position - 10)..<position).last(where: { tokens[$0].text == "," })
      {
        // "..., officials said." / "..., a spokesman for the government said." — the
        // content is what comes before the comma.
        content = range.lowerBound..<comma
      }
      // ... and before a closing reporting clause ("..., a U.N. spokesman said.").
      if let closing = closingReportStart(range, tokens: tokens), closing > position, closing < content.upperBound {
        content = content.lowerBound..<closing
      }
      // What is reported ends where the sentence turns: ", however", ", but", ";".
      if let turn = (content.lowerBound..<content.upperBound).first(where: { index in
        let word = tokens[index].lowercased
        return tokens[index].text == ";"
          || (["however", "but", "while", "whereas", "although"].contains(word) && index > range.lowerBound && tokens[index - 1].text == ",")
      }) {
        content = content.lowerBound..<max(content.lowerBound, tokens[turn].text == ";" ? turn : turn - 1)
      }
      var targets: [(Int, String)] = []
      // "Speaking to NBC News, she said ...": the one spoken to, named before.
      if let addressee = addresseeOfOpeningPhrase(analysis: analysis, range: range, before: position, tokens: tokens) {
        targets.append((addressee, "spoken to at the start of the sentence"))
      }
      if takesAddressee, let addressee = analysis.mentions.first(where: { $0.tokens.lowerBound == contentStart }),
        let entity = addressee.entity
      {
        targets.append((entity, "addressee of '\(tokens[position].text)'"))
      }
      if !nextIsQuote {
        for (index, mention) in analysis.mentions.enumerated()
        where content.contains(mention.tokens.lowerBound) && !context.isInQuote(mention.tokens.lowerBound) {
          guard let entity = mention.entity, mention.form != .pronoun, !isAffiliationOfHolder(index, in: analysis) else { continue }
          // "announced on Twitter", "said on CNN": the medium, not what is spoken of.
          if mention.tokens.lowerBound > range.lowerBound, ["on", "via", "in"].contains(tokens[mention.tokens.lowerBound - 1].lowercased),
            mention.tokens.lowerBound <= position + 3, case .organization(_, let lexiconIndex?) = mention.kind,
            ["company", "media"].contains(lexicon.organizations[lexiconIndex].kind)
          {
            continue
          }
          targets.append((entity, "named in what '\(tokens[position].text)' reports"))
        }
      }
      let quoteText = content.isEmpty ? nil : document.slice(tokens[content.lowerBound].start, tokens[content.upperBound - 1].end)
      // "A, B and C said ...": every one of them says it.
      var speakers = [speaker]
      let joint = jointSubjects(before: position, analysis: analysis, range: range, context: context)
      if joint.count >= 2, joint.contains(where: { $0.0 == speaker }) { speakers = joint.map(\.0) }
      for source in speakers {
        for (target, reason) in targets where target != source && !speakers.contains(target) {
          relations.append(
            Relation(
              type: .said, source: source, target: target, status: negated ? .negated : .occurred, role: nil,
              sentence: sentence, quote: quoteText, rule: "reported speech: \(reason)"))
        }
      }
    }
    return relations
  }

  private func speakerAfter(_ position: Int, in analysis: SentenceAnalysis, range: Range<Int>) -> Int? {
    analysis.mentions.first { $0.tokens.lowerBound == position + 1 && $0.kind == .person }?.entity
  }

  // MARK: Attendance

  static let attendVerbs: Set<String> = ["attended", "attend", "attends", "attending"]
  static let meetingNouns: Set<String> = ["summit", "meeting", "talks", "ceremony", "conference", "session", "gathering"]

  /// "The summit was attended by leaders from A, B and C. Ministers attended for D."
  /// Everyone who attends one meeting met everyone else there (`met`, every pair).
  /// Consecutive sentences about the same meeting add to it; observers do not count.
  private func attendanceRelations(_ analyses: [SentenceAnalysis], context: Context) -> [Relation] {
    let tokens = context.document.tokens
    var relations: [Relation] = []
    var participants: [Int] = []
    var noun: String?
    var lastSentence = -10
    var firstSentence = 0

    func flush() {
      if participants.count >= 2 && participants.count <= 15 {
        for first in participants.indices {
          for second in participants.indices where second > first {
            relations.append(
              Relation(
                type: .met, source: participants[first], target: participants[second], status: .occurred, role: nil,
                sentence: firstSentence, quote: nil, rule: "attendance at the same \(noun ?? "meeting")"))
          }
        }
      }
      participants = []
      noun = nil
    }

    for (sentence, analysis) in analyses.enumerated() {
      let range = context.document.sentences[sentence].tokens
      let words = tokens[range].map { $0.lowercased }
      guard let verbOffset = words.firstIndex(where: Self.attendVerbs.contains) else {
        if sentence > lastSentence + 1 { flush() }
        continue
      }
      if words.contains("observer") || words.contains("observers") { continue }
      if words.contains("not") || words.contains("n't") { continue }
      let verb = range.lowerBound + verbOffset
      let sentenceNoun = words.first(where: Self.meetingNouns.contains)
      if sentence > lastSentence + 1 || (sentenceNoun != nil && noun != nil && sentenceNoun != noun) {
        flush()
        firstSentence = sentence
      }
      if noun == nil { noun = sentenceNoun }
      guard noun != nil else { continue }
      lastSentence = sentence
      // The attendance clause ends at a clause break or a speech verb ("who attended the
      // meeting by video link, said Moscow ..." names no one else who attended); commas
      // only separate the attendees of a list.
      let clauseEnd = (verb + 1..<range.upperBound).first {
        Self.clauseBreaks.contains(tokens[$0].text) || lexicon.speechVerbs[tokens[$0].lowercased] != nil
      } ?? range.upperBound
      for (index, mention) in analysis.mentions.enumerated() {
        guard let entity = mention.entity, mention.form != .pronoun, !isAffiliationOfHolder(index, in: analysis) else { continue }
        // After the verb ("attended by/for ..."), or its subjects right before it.
        let after = mention.tokens.lowerBound > verb && mention.tokens.lowerBound < clauseEnd
        let subjectBefore = mention.tokens.upperBound <= verb && verb - mention.tokens.upperBound <= 4
        guard after || subjectBefore else { continue }
        if !participants.contains(entity) { participants.append(entity) }
      }
      // A list of subjects: "Peru, Chile, Bolivia and Ecuador attended".
      for (entity, _) in jointSubjects(before: verb, analysis: analysis, range: range, context: context)
      where !participants.contains(entity) {
        participants.append(entity)
      }
      // A plural title subject: "the Bolivian and Colombian presidents attended".
      for mention in analysis.mentions where mention.tokens.upperBound <= verb && mention.form == .demonym {
        guard let entity = mention.entity, !participants.contains(entity) else { continue }
        let rest = tokens[mention.tokens.upperBound..<verb]
        if rest.count <= 4 { participants.append(entity) }
      }
    }
    flush()
    return relations
  }

  // MARK: Triggers

  private func triggerRelations(_ analysis: SentenceAnalysis, sentence: Int, context: Context) -> [Relation] {
    var relations: [Relation] = []
    let tokens = context.document.tokens
    let range = context.document.sentences[sentence].tokens
    var position = range.lowerBound
    while position < range.upperBound {
      let word = tokens[position].lowercased
      guard tokens[position].kind == .word, let candidates = triggersByFirstWord[word],
        !analysis.mentions.contains(where: { $0.tokens.contains(position) && $0.entity != nil })
      else {
        position += 1
        continue
      }
      var matchedEnd: Int?
      for trigger in candidates {
        let end = position + trigger.words.count
        guard end <= range.upperBound else { continue }
        guard (0..<trigger.words.count).allSatisfy({ tokens[position + $0].lowercased == trigger.words[$0] }) else { continue }
        let found = apply(trigger, at: position..<end, analysis: analysis, sentence: sentence, context: context)
        relations += found
        if !found.isEmpty { matchedEnd = max(matchedEnd ?? end, end) }
        // "received a call from" is not also "received": a longer phrase that matched wins.
        if !found.isEmpty && trigger.words.count > 1 { break }
      }
      position = matchedEnd ?? (position + 1)
    }
    return relations
  }

  private func apply(
    _ trigger: TriggerEntry, at span: Range<Int>, analysis: SentenceAnalysis, sentence: Int, context: Context
  ) -> [Relation] {
    guard let type = RelationType(rawValue: trigger.type) else { return [] }
    let tokens = context.document.tokens
    let range = context.document.sentences[sentence].tokens
    var pairs: [(Int, Int, Int)] = []  // source, target, subject start
    var objects = objectMentions(after: span.upperBound, analysis: analysis, range: range, context: context)
    // Where the modality of "a meeting between A and B is scheduled" is read: after the list.
    var statusEnd = span.upperBound
    switch trigger.role {
    case .verb:
      // "several visits to Oman", "the first visit by": after a determiner or a number
      // (or one adjective after a determiner) the word is a noun.
      if span.lowerBound > range.lowerBound, Self.nounMarkers.contains(tokens[span.lowerBound - 1].lowercased) { return [] }
      if span.lowerBound - 1 > range.lowerBound, Self.determiners.contains(tokens[span.lowerBound - 2].lowercased),
        tokens[span.lowerBound - 1].kind == .word, !tokens[span.lowerBound - 1].isCapitalized,
        lexicon.speechVerbs[tokens[span.lowerBound - 1].lowercased] == nil
      {
        return []
      }
      // Passive: "the freeze offered by the Paris Club to Indonesia" — the agent after "by"
      // acts on the subject before the verb.
      if span.upperBound + 1 < range.upperBound, tokens[span.upperBound].lowercased == "by",
        let agentMention = analysis.mentions.first(where: {
          $0.tokens.lowerBound >= span.upperBound + 1 && $0.tokens.lowerBound <= span.upperBound + 2 && $0.entity != nil
        }),
        let agent = agentMention.entity
      {
        let source = holderIfAffiliation(agent, in: analysis, context: context)
        if let patient = analysis.mentions.last(where: { $0.tokens.upperBound <= span.lowerBound && $0.entity != nil }),
          let patientEntity = patient.entity, !isAffiliationOfHolder(analysis.mentions.firstIndex(of: patient) ?? 0, in: analysis)
        {
          pairs.append((source, holderIfAffiliation(patientEntity, in: analysis, context: context), patient.tokens.lowerBound))
        }
        break
      }
      guard let subjectMention = subjectMention(before: span.lowerBound, analysis: analysis, range: range, context: context),
        let subject = subjectMention.entity
      else { return [] }
      // "visits to Oman by French officials": someone else does it.
      if agentFollowsObject(after: span.upperBound, within: 2, analysis: analysis, range: range, tokens: tokens) { return [] }
      // "went to", "arrived in": the place is what comes right after, nothing later.
      if let last = trigger.words.last, ["to", "in"].contains(last) {
        objects = objects.prefix(1).filter { object in
          analysis.mentions.contains { $0.entity == object && $0.tokens.lowerBound <= span.upperBound + 1 && $0.tokens.lowerBound >= span.upperBound }
        }
      }
      // "accused the two countries of ...": the two named before.
      if span.upperBound + 3 <= range.upperBound, tokens[span.upperBound].lowercased == "the",
        tokens[span.upperBound + 1].lowercased == "two",
        let pair = pairReference(before: span.upperBound + 3, sentence: sentence, range: range, context: context)
      {
        objects = pair
      }
      // "Prince Karl and Princess Ines went to Chile": every subject of the list.
      var sources = [holderIfAffiliation(subject, in: analysis, context: context, at: subjectMention.tokens.lowerBound)]
      let joint = jointSubjects(before: span.lowerBound, analysis: analysis, range: range, context: context)
      if joint.count >= 2, joint.contains(where: { $0.0 == subject }) { sources = joint.map(\.0) }
      for source in sources {
        for object in objects where !sources.contains(object) { pairs.append((source, object, subjectMention.tokens.lowerBound)) }
      }
    case .noun:
      // A noun trigger that ends in its preposition ("war between", "visit to", "support for").
      if let last = trigger.words.last, ["between", "with", "to", "for", "of", "against", "on", "by"].contains(last) {
        // "talks between A and B"; "the accord negotiated by A and B".
        if last == "between" || last == "by" {
          let parties = partyList(from: span.upperBound, analysis: analysis, range: range, context: context)
          pairs += Self.everyPair(parties, subjectStart: span.lowerBound)
          statusEnd = partyListEnd(from: span.upperBound, parties: parties, analysis: analysis)
          break
        }
        guard let ownerMention = owner(of: span, analysis: analysis, range: range, context: context),
          let subject = ownerMention.entity
        else { break }
        let source = holderIfAffiliation(subject, in: analysis, context: context)
        let hasDirectObject = analysis.mentions.contains {
          $0.tokens.lowerBound >= span.upperBound && $0.tokens.lowerBound <= span.upperBound + 3 && $0.entity != nil
        }
        // "visits to Riyadh by British officials": the agent after "by" makes the visits.
        if agentFollowsObject(after: span.upperBound, within: 3, analysis: analysis, range: range, tokens: tokens) { break }
        let direct = hasDirectObject ? Array(objects.prefix(1)) : []
        for object in direct { pairs.append((source, object, ownerMention.tokens.lowerBound)) }
        break
      }
      // "talks between X and Y", "a meeting of X and Y": every pair.
      if span.upperBound < range.upperBound, ["between", "among", "of"].contains(tokens[span.upperBound].lowercased) {
        let parties = partyList(from: span.upperBound + 1, analysis: analysis, range: range, context: context)
        if parties.count >= 2 {
          pairs += Self.everyPair(parties, subjectStart: span.lowerBound)
          statusEnd = partyListEnd(from: span.upperBound + 1, parties: parties, analysis: analysis)
          break
        }
      }
      // "X's meeting with Y", "X held talks with Y" (not "visits to Y by Z").
      guard span.upperBound < range.upperBound, ["with", "to"].contains(tokens[span.upperBound].lowercased) else { break }
      if agentFollowsObject(after: span.upperBound + 1, within: 2, analysis: analysis, range: range, tokens: tokens) { break }
      guard let ownerMention = owner(of: span, analysis: analysis, range: range, context: context),
        let subject = ownerMention.entity
      else { break }
      let source = holderIfAffiliation(subject, in: analysis, context: context)
      for object in objects { pairs.append((source, object, ownerMention.tokens.lowerBound)) }
    case .joint:
      // "X and Y met": the parties joined by "and" right before the trigger.
      var parties = jointSubjects(before: span.lowerBound, analysis: analysis, range: range, context: context)
      if parties.count < 2, let pair = pairReference(before: span.lowerBound, sentence: sentence, range: range, context: context) {
        parties = pair.map { ($0, span.lowerBound) }
      }
      guard parties.count >= 2 else { break }
      pairs += Self.everyPair(parties.map(\.0), subjectStart: parties[0].1)
    }
    var relations: [Relation] = []
    let triggerText = tokens[span].map(\.text).joined(separator: " ")
    for (source, target, subjectStart) in pairs where source != target {
      var relationType = type
      if relationType == .visited && context.entities[target].type != .country { relationType = .met }
      // Visiting a country is `visited`; visiting a person is meeting them.
      if type == .met, ["visited", "visits", "visit", "visiting"].contains(triggerText.lowercased()),
        trigger.role == .verb
      {
        guard context.entities[source].type != .country else { continue }
        if context.entities[target].type == .country { relationType = .visited }
      }
      let status = statusClassifier.status(
        trigger: span.lowerBound..<max(span.upperBound, statusEnd), subjectStart: subjectStart, sentence: range, tokens: tokens)
      relations.append(
        Relation(
          type: relationType, source: source, target: target, status: status, role: nil, sentence: sentence, quote: nil,
          rule: "\(trigger.role.rawValue) trigger '\(triggerText)'"))
    }
    return relations
  }

  /// Every pair of `parties` (in list order), as (source, target, subject start).
  private static func everyPair(_ parties: [Int], subjectStart: Int) -> [(Int, Int, Int)] {
    var pairs: [(Int, Int, Int)] = []
    for first in parties.indices {
      for second in parties.indices where second > first { pairs.append((parties[first], parties[second], subjectStart)) }
    }
    return pairs
  }

  /// Who a noun trigger belongs to: the possessor right before it ("Ruiz's visit to"),
  /// else the subject of its clause ("Ruiz held talks with").
  private func owner(of span: Range<Int>, analysis: SentenceAnalysis, range: Range<Int>, context: Context) -> Mention? {
    let tokens = context.document.tokens
    if span.lowerBound >= range.lowerBound + 2, tokens[span.lowerBound - 1].kind == .possessive {
      return analysis.mentions.last { $0.tokens.upperBound == span.lowerBound - 1 && $0.entity != nil }
    }
    return subjectMention(before: span.lowerBound, analysis: analysis, range: range, context: context)
  }

  /// "visits to Oman by French officials": the first named party within `within` words
  /// of `position` is followed by "by", so someone else acts.
  private func agentFollowsObject(after position: Int, within: Int, analysis: SentenceAnalysis, range: Range<Int>, tokens: [Token]) -> Bool {
    guard let first = analysis.mentions.first(where: { $0.tokens.lowerBound >= position && $0.entity != nil }),
      first.tokens.lowerBound <= position + within, first.tokens.upperBound < range.upperBound
    else { return false }
    return tokens[first.tokens.upperBound].lowercased == "by"
  }

  /// The subject of a trigger: the nearest entity mention before it in its clause. For a
  /// verb in a second verb phrase ("X will hold talks with Y and meet Z"), mentions that
  /// are objects in the first phrase are passed over: the subject is X.
  private func subjectMention(before position: Int, analysis: SentenceAnalysis, range: Range<Int>, context: Context) -> Mention? {
    let tokens = context.document.tokens
    let coordinated = position > range.lowerBound && tokens[position - 1].lowercased == "and"
    for mention in analysis.mentions.reversed() where mention.tokens.upperBound <= position && mention.entity != nil {
      if coordinated && isObject(mention, analysis: analysis, range: range, tokens: tokens) { continue }
      if isAdjectivalDemonym(mention, analysis: analysis, tokens: tokens) { return nil }
      let between = tokens[mention.tokens.upperBound..<position]
      if between.contains(where: { Self.clauseBreaks.contains($0.text) }) { return nil }
      // A second verb phrase may be far from its subject ("X met Y, the ..., on Tuesday and urged").
      if between.count > (coordinated ? 24 : 10) { return nil }
      // Inside a quotation, only mentions in the same quotation count, unless the
      // quotation opens after the subject in the same clause ("the US is “talking to ...”").
      if context.isInQuote(position) != context.isInQuote(mention.tokens.lowerBound) {
        guard let quote = context.quote(containing: position),
          quote.open > mention.tokens.upperBound, context.sentenceOfToken[quote.open] == context.sentenceOfToken[position]
        else { return nil }
      }
      return mention
    }
    return nil
  }

  /// The subject of a sentence's main clause, taken as its first entity mention when
  /// that mention opens the sentence (after at most a few determiners and title words).
  private func mainClauseSubject(analysis: SentenceAnalysis, range: Range<Int>, before position: Int, tokens: [Token]) -> Int? {
    guard let first = analysis.mentions.first(where: { $0.tokens.lowerBound < position && $0.entity != nil }) else { return nil }
    var start = first.tokens.lowerBound
    if let title = analysis.titles.first(where: { $0.tokens.upperBound == start || $0.affiliation == start }) {
      start = min(start, title.tokens.lowerBound)
    }
    // Only a subject that opens the sentence (an article or a title may come first).
    let opening = tokens[range.lowerBound..<start].filter { $0.kind == .word }
    guard opening.allSatisfy({ Self.determiners.contains($0.lowercased) || $0.isCapitalized }), opening.count <= 4 else { return nil }
    return first.entity
  }

  /// "officials said" / "the officials told" with no country of their own: the country
  /// whose officials the article named last ("British officials said ...").
  private func groupSpeaker(before position: Int, sentence: Int, range: Range<Int>, context: Context) -> Int? {
    let tokens = context.document.tokens
    guard position > range.lowerBound, let country = context.groupCountry[sentence] else { return nil }
    let noun = tokens[position - 1].lowercased
    guard lexicon.spokesGroups.contains(noun), noun.hasSuffix("s") else { return nil }
    // Not "Saudi officials" or "Oxfam officials": those name their own body.
    if position - 2 >= range.lowerBound {
      let before = tokens[position - 2]
      if before.kind == .word, before.isCapitalized, before.lowercased != "the" { return nil }
    }
    return country
  }

  /// Phrases that open a sentence by naming who is spoken to.
  static let openers: [[String]] = [
    ["speaking", "to"], ["talking", "to"], ["in", "an", "interview", "with"], ["in", "interview", "with"], ["speaking", "with"],
    ["in", "a", "letter", "to"], ["in", "letters", "to"], ["writing", "to"], ["in", "a", "message", "to"], ["in", "a", "statement", "to"],
  ]

  /// "Speaking to X," / "Talking to X," / "In an interview with X," opening a sentence:
  /// X, when it comes before `position`.
  private func addresseeOfOpeningPhrase(analysis: SentenceAnalysis, range: Range<Int>, before position: Int, tokens: [Token]) -> Int? {
    let words = tokens[range.lowerBound..<min(position, range.lowerBound + 5)].map(\.lowercased)
    guard let opener = Self.openers.first(where: { words.starts(with: $0) }) else { return nil }
    let start = range.lowerBound + opener.count
    // The phrase runs to its comma: "In an interview with British journalist Ana Ruiz,".
    guard let comma = (start..<position).first(where: { tokens[$0].text == "," }) else { return nil }
    let inside = analysis.mentions.filter { $0.tokens.lowerBound >= start && $0.tokens.upperBound <= comma && $0.entity != nil }
    // The person if one is named ("British journalist Ana Ruiz"), else the first body.
    if let person = inside.last(where: { $0.kind == .person }) { return person.entity }
    return inside.first { !isAdjectivalDemonym($0, analysis: analysis, tokens: tokens) && $0.form != .demonym }?.entity
  }

  /// "EU rules", "NATO membership": an organization's name before a lower-case noun that
  /// is not a group speaking for it ("EU officials") describes the noun.
  private func isModifyingBody(_ mention: Mention, analysis: SentenceAnalysis, tokens: [Token]) -> Bool {
    guard case .organization = mention.kind, mention.tokens.upperBound < tokens.count else { return false }
    let next = tokens[mention.tokens.upperBound]
    guard next.kind == .word, !next.isCapitalized, !Self.functionWords.contains(next.lowercased),
      !lexicon.spokesGroups.contains(next.lowercased), lexicon.speechVerbs[next.lowercased] == nil,
      triggersByFirstWord[next.lowercased] == nil
    else { return false }
    return !analysis.titles.contains { $0.tokens.lowerBound == mention.tokens.upperBound }
  }

  /// "a Saudi journalist": a demonym before a lower-case noun that is neither a title
  /// nor a group speaking for the country ("Saudi officials"), so the country is not who
  /// acts.
  private func isAdjectivalDemonym(_ mention: Mention, analysis: SentenceAnalysis, tokens: [Token]) -> Bool {
    guard mention.form == .demonym, mention.tokens.upperBound < tokens.count else { return false }
    // "the Russians", "Israelis": a plural demonym is the people, a noun.
    if mention.surface.hasSuffix("s") { return false }
    // "a Chilean journalist said": a title nobody holds here is an unnamed person of the
    // country (but "Chilean officials", "Israeli ministers" and "the Chilean spokesman"
    // speak for it).
    if let title = analysis.titles.first(where: { $0.tokens.lowerBound == mention.tokens.upperBound }) {
      let head = tokens[title.tokens.upperBound - 1].lowercased
      let plural = head.hasSuffix("s") && !title.entry.phrase.hasSuffix("s")
      return title.holder == nil && !plural && !lexicon.spokesGroups.contains(head) && !lexicon.spokesGroups.contains(head + "s")
    }
    let next = tokens[mention.tokens.upperBound]
    // "the Chinese met ..." (a verb follows) but "the Soviet proposal" (a noun follows).
    let verbFollows = triggersByFirstWord[next.lowercased]?.contains { $0.role != .noun } == true
    guard next.kind == .word, !next.isCapitalized, lexicon.speechVerbs[next.lowercased] == nil, !verbFollows,
      !lexicon.spokesGroups.contains(next.lowercased), !Self.functionWords.contains(next.lowercased)
    else { return false }
    return true
  }

  /// Where the phrase naming `mention` begins: at the titles it holds that come before
  /// it ("Princess Ines", "AU chairperson President Ada Okafor") and at their countries
  /// ("French President Emile Martin").
  private func phraseStart(of mention: Mention, in analysis: SentenceAnalysis) -> Int {
    var start = mention.tokens.lowerBound
    for title in analysis.titles where title.holder == mention.tokens.lowerBound && title.tokens.upperBound <= mention.tokens.lowerBound {
      start = min(start, title.tokens.lowerBound, analysis.mention(at: title.affiliation)?.tokens.lowerBound ?? Int.max)
    }
    return start
  }

  /// Whether a mention is the object of a verb or preposition: the word before it (or
  /// before its title and the title's country) is a lower-case word other than a
  /// determiner or a conjunction.
  private func isObject(_ mention: Mention, analysis: SentenceAnalysis, range: Range<Int>, tokens: [Token]) -> Bool {
    // The whole phrase naming the person (also a title in apposition before a comma,
    // "Myanmar's military leader, Senior General Min Thura").
    let start = phraseStart(of: mention, in: analysis)
    guard start > range.lowerBound else { return false }
    let before = tokens[start - 1]
    guard before.kind == .word, !before.isCapitalized else { return false }
    return !Self.determiners.contains(before.lowercased) && !["and", "or", "but", "while"].contains(before.lowercased)
  }

  /// The entities a trigger acts on: mentions after it (after "with"/"to"/"by"), up to
  /// the end of the clause; a title's affiliation gives way to the title's holder.
  private func objectMentions(after position: Int, analysis: SentenceAnalysis, range: Range<Int>, context: Context) -> [Int] {
    let tokens = context.document.tokens
    var result: [Int] = []
    var limit = min(range.upperBound, position + 14)
    // "..., a U.N. spokesman said.": a closing reporting clause holds no objects.
    if let closing = closingReportStart(range, tokens: tokens), closing > position { limit = min(limit, closing) }
    var lastEnd = position
    for (index, mention) in analysis.mentions.enumerated() where mention.tokens.lowerBound >= position && mention.tokens.lowerBound < limit {
      // A title's country is part of its holder's entry: measure the gap to the start of
      // the whole phrase ("and French President Emile Martin").
      if isAffiliationOfHolder(index, in: analysis) { continue }
      let start = phraseStart(of: mention, in: analysis)
      guard start >= lastEnd else { continue }
      let between = tokens[lastEnd..<start]
      if between.contains(where: { Self.clauseBreaks.contains($0.text) || Self.objectStops.contains($0.lowercased) && $0.lowercased != "to" }) {
        break
      }
      // Only a few words may separate the trigger from its first object ("met on Monday
      // with"), or more when "with" introduces it ("discussed the plan with").
      if result.isEmpty && between.count > 6 && !(between.count <= 14 && between.contains { $0.lowercased == "with" }) {
        break
      }
      // "King Faisal visited in 1967 and King Khaled in 1981": a name after "and" that no
      // preposition introduces is a new conjunct, not the object.
      if result.isEmpty, let and = between.lastIndex(where: { $0.lowercased == "and" }),
        !between[and...].contains(where: { Self.objectPrepositions.contains($0.lowercased) })
      {
        break
      }
      if !result.isEmpty && !between.contains(where: { $0.text == "and" || $0.text == "," || $0.text == "&" }) && between.count > 0 {
        break
      }
      // "..., the Kremlin said": a name after a comma that a speech verb follows opens a
      // reporting clause, not another object.
      if !result.isEmpty, between.contains(where: { $0.text == "," }), mention.tokens.upperBound < range.upperBound,
        lexicon.speechVerbs[tokens[mention.tokens.upperBound].lowercased] != nil
      {
        break
      }
      lastEnd = mention.tokens.upperBound
      guard let entity = mention.entity else { continue }
      // "his Argentine counterpart": the country only describes the person; "EU rules":
      // the body only describes the thing.
      if isAdjectivalDemonym(mention, analysis: analysis, tokens: tokens) || isModifyingBody(mention, analysis: analysis, tokens: tokens) {
        continue
      }
      if !result.contains(entity) { result.append(entity) }
    }
    return result
  }

  /// Where a sentence-final reporting clause begins ("..., a U.N. spokesman said."): the
  /// comma before it, when the sentence ends in a speech verb a few words after a comma.
  private func closingReportStart(_ range: Range<Int>, tokens: [Token]) -> Int? {
    var last = range.upperBound - 1
    while last > range.lowerBound, tokens[last].kind != .word { last -= 1 }
    guard lexicon.speechVerbs[tokens[last].lowercased] != nil else { return nil }
    return (max(range.lowerBound, last - 8)..<last).last { tokens[$0].text == "," }
  }

  /// Whether the mention only qualifies a title ("Japanese" in "Japanese Prime Minister
  /// Shigeru Ishiba" or in "the Japanese prime minister"): then the party is the person.
  private func isAffiliationOfHolder(_ index: Int, in analysis: SentenceAnalysis) -> Bool {
    let start = analysis.mentions[index].tokens.lowerBound
    return analysis.titles.contains { $0.affiliation == start && ($0.holder != nil || $0.isReference) }
  }

  /// Where the list of `parties` that starts at `position` ends (after its last member).
  private func partyListEnd(from position: Int, parties: [Int], analysis: SentenceAnalysis) -> Int {
    analysis.mentions.last { $0.tokens.lowerBound >= position && $0.entity.map(parties.contains) == true }?.tokens.upperBound ?? position
  }

  /// "Reuters", "Reuters and NBC", "AFP, Reuters and NBC" at `position`: the sources and
  /// where the list ends. A comma ends the list unless the list goes on to an "and".
  private func sourceList(from position: Int, analysis: SentenceAnalysis, range: Range<Int>, tokens: [Token]) -> ([Int], Int) {
    guard let first = analysis.mentions.first(where: { $0.tokens.lowerBound == position }), let entity = first.entity else {
      return ([], position)
    }
    var sources = [entity]
    var end = first.tokens.upperBound
    while end + 1 < range.upperBound {
      let joiner = tokens[end].lowercased
      guard joiner == "and" || joiner == "," else { break }
      var next = end + 1
      if joiner == "," && tokens[next].lowercased == "and" { next += 1 }
      guard let mention = analysis.mentions.first(where: { $0.tokens.lowerBound == next }), let source = mention.entity else { break }
      if joiner == "," {
        // Only a list that ends in "and" goes on after a comma.
        var probe = mention.tokens.upperBound
        while probe < range.upperBound && tokens[probe].text == "," { probe += 1 }
        let continues = tokens[end + 1].lowercased == "and"
          || (probe < range.upperBound && ["and", ","].contains(tokens[mention.tokens.upperBound].lowercased)
            && analysis.mentions.contains { $0.tokens.lowerBound > mention.tokens.upperBound && $0.tokens.lowerBound <= mention.tokens.upperBound + 2 })
        guard continues else { break }
      }
      if !sources.contains(source) { sources.append(source) }
      end = mention.tokens.upperBound
    }
    return (sources, end)
  }

  static let pairPeopleNouns: Set<String> = ["leaders", "presidents", "ministers", "men", "women", "heads", "officials", "envoys", "sides"]
  static let pairCountryNouns: Set<String> = ["countries", "nations", "governments", "neighbours", "neighbors", "states"]

  /// "The two leaders met": the last two people (or, for "the two countries", the last
  /// two countries) named in the two sentences before.
  private func pairReference(before position: Int, sentence: Int, range: Range<Int>, context: Context) -> [Int]? {
    let tokens = context.document.tokens
    // "the two leaders" right before the trigger, an auxiliary or adverb allowed between.
    var end = position
    if end - 1 > range.lowerBound, ["also", "later", "have", "had", "will", "would", "then", "first", "last"].contains(tokens[end - 1].lowercased) {
      end -= 1
    }
    guard end - 3 >= range.lowerBound, tokens[end - 3].lowercased == "the", tokens[end - 2].lowercased == "two" else { return nil }
    let noun = tokens[end - 1].lowercased
    let pool: [[Int]]
    if Self.pairPeopleNouns.contains(noun) {
      pool = context.peopleBySentence
    } else if Self.pairCountryNouns.contains(noun) {
      pool = context.countriesBySentence
    } else {
      return nil
    }
    var found: [Int] = []
    // The previous sentences' names, latest first.
    var earlier = sentence - 1
    while found.count < 2, earlier >= max(0, sentence - 2) {
      for entity in pool[earlier].reversed() where !found.contains(entity) {
        found.append(entity)
        if found.count == 2 { break }
      }
      earlier -= 1
    }
    return found.count == 2 ? found.reversed() : nil
  }

  /// "X and Y", "X, Y and Z" starting at `position`.
  private func partyList(from position: Int, analysis: SentenceAnalysis, range: Range<Int>, context: Context) -> [Int] {
    let tokens = context.document.tokens
    var parties: [Int] = []
    var cursor = position
    for (index, mention) in analysis.mentions.enumerated() where mention.tokens.lowerBound >= position {
      // A title's country belongs to its holder's entry ("and Chilean Minister Isabel Rojas").
      if isAffiliationOfHolder(index, in: analysis) { continue }
      let start = phraseStart(of: mention, in: analysis)
      guard start >= cursor else { continue }
      let between = tokens[cursor..<start]
      if !parties.isEmpty && !between.contains(where: { $0.text == "and" || $0.text == "," }) && !between.isEmpty { break }
      if between.count > 6 { break }
      cursor = mention.tokens.upperBound
      guard let entity = mention.entity else { continue }
      if !parties.contains(entity) { parties.append(entity) }
    }
    return parties
  }

  /// "X and Y met" / "X, Y and Z met": the parties right before the trigger.
  private func jointSubjects(before position: Int, analysis: SentenceAnalysis, range: Range<Int>, context: Context) -> [(Int, Int)] {
    let tokens = context.document.tokens
    var parties: [(Int, Int)] = []
    var cursor = position
    var sawAnd = false
    for (index, mention) in analysis.mentions.enumerated().reversed() where mention.tokens.upperBound <= position {
      // Mentions inside the title phrase of the party just taken are part of it.
      guard mention.tokens.upperBound <= cursor else { continue }
      let between = tokens[mention.tokens.upperBound..<cursor]
      if parties.isEmpty {
        if between.count > 3 || between.contains(where: { Self.clauseBreaks.contains($0.text) || $0.text == "," }) { break }
      } else {
        // "Oxfam, the World Food Programme, and Care": joiners and articles only.
        let joined = between.allSatisfy { ["and", ",", "&", "the"].contains($0.lowercased) }
          && between.contains { $0.text != "the" && $0.text != "The" } && !between.isEmpty
        if !joined { break }
        if between.contains(where: { $0.text == "and" || $0.text == "&" }) { sawAnd = true }
      }
      // A titled name begins at its title ("Princess Ines"), or at the title's country.
      cursor = phraseStart(of: mention, in: analysis)
      guard let entity = mention.entity, !isAffiliationOfHolder(index, in: analysis) else { continue }
      if !parties.contains(where: { $0.0 == entity }) { parties.insert((entity, mention.tokens.lowerBound), at: 0) }
    }
    return sawAnd ? parties : []
  }
}
