import KGText

/// Finds mentions of people, countries and organizations, and office titles, in each
/// sentence of a document. A pure function of the document and the lexicon.
///
/// Order of work in a sentence:
/// 1. known names from the gazetteer (countries, demonyms, capitals, organizations),
///    and demonyms inside hyphenated words (`U.S.-Japanese`, `Saudi-led`);
/// 2. office titles (`Prime Minister`, `foreign minister`, `Secretary-General`);
/// 3. runs of capitalized words left over, judged by their shape and context: after a
///    title or an honorific, starting with a given name, ending in an organization
///    suffix (`Party`, `Ministry`, `University`), next to a speech verb, or followed by
///    an apposition with a title. Runs without such evidence become candidates that
///    resolution keeps only when they match a person named elsewhere.
/// 4. personal pronouns.
public struct MentionFinder: Sendable {
  let lexicon: Lexicon
  let gazetteer: Gazetteer
  let titleMatcher: TitleMatcher

  static let nameParticles: Set<String> = [
    "de", "van", "von", "bin", "al", "la", "le", "du", "da", "der", "den", "ter", "dos", "del", "di", "ibn", "abu", "el",
    "bint", "ben", "das", "y",
  ]
  static let organizationConnectors: Set<String> = ["of", "for", "on", "de", "du"]
  /// Roles held in whoever is advised ("adviser to the IMF's managing director").
  static let advisingRoles: Set<String> = ["adviser", "advisor", "aide", "assistant", "consultant", "counsellor", "counselor"]
  /// Lower-case bodies a post is held in ("the foreign ministry spokesman").
  static let bodyNouns: Set<String> = [
    "ministry", "government", "office", "department", "agency", "embassy", "army", "navy", "military", "cabinet", "parliament",
    "party", "delegation", "team", "mission",
  ]
  static let functionWordsBeforeTitles: Set<String> = ["the", "a", "an", "and", "or", "of", "to", "in", "said", "says"]
  static let formerWords: Set<String> = ["former", "ex", "then", "late", "outgoing", "ex-"]
  static let titleAdjectives: Set<String> = [
    "new", "newly", "elected", "top", "current", "incoming", "interim", "acting", "longtime", "long-time", "veteran",
    "powerful", "embattled", "beleaguered", "then", "former", "outgoing", "late", "military", "spiritual", "supreme",
  ]

  /// Creates a finder for a lexicon.
  public init(lexicon: Lexicon, tokenizer: Tokenizer) {
    self.lexicon = lexicon
    self.gazetteer = Gazetteer(lexicon: lexicon, tokenizer: tokenizer)
    self.titleMatcher = TitleMatcher(lexicon: lexicon, tokenizer: tokenizer)
  }

  /// The mentions of every sentence of `document`.
  public func analyze(_ document: TextDocument) -> [SentenceAnalysis] {
    document.sentences.indices.map { analyze(sentence: $0, in: document) }
  }

  private func analyze(sentence index: Int, in document: TextDocument) -> SentenceAnalysis {
    let sentence = document.sentences[index]
    let tokens = document.tokens
    var analysis = SentenceAnalysis()
    analysis.isAllCaps = Self.isAllCaps(tokens[sentence.tokens])
    let range = sentence.tokens
    var covered = CoveredTokens(range)
    analysis.datelineCountry = datelineCountry(range, tokens: tokens)

    // 1. Known names.
    var position = range.lowerBound
    while position < range.upperBound {
      let token = tokens[position]
      guard token.kind == .word || token.kind == .number else {
        position += 1
        continue
      }
      if let match = gazetteer.match(at: position, in: tokens, end: range.upperBound, ignoringCase: analysis.isAllCaps).first,
        acceptable(match, tokens: tokens, sentence: range, allCaps: analysis.isAllCaps),
        !isSurnameAfterGivenName(match, tokens: tokens, sentence: range, allCaps: analysis.isAllCaps)
      {
        analysis.mentions.append(mention(for: match, sentence: index, document: document))
        covered.formUnion(match.tokens)
        position = match.tokens.upperBound
        continue
      }
      if token.text.utf8.contains(UInt8(ascii: "-")) {
        // Demonyms and names inside hyphenated words: `U.S.-Japanese`, `Franco-German`, `Saudi-led`.
        for part in token.text.split(separator: "-") where !part.isEmpty {
          let partToken = Token(text: String(part), kind: .word, start: token.start, end: token.end, spaceBefore: true)
          if let match = gazetteer.match(at: 0, in: [partToken], end: 1, ignoringCase: analysis.isAllCaps).first {
            switch match.entry {
            case .country(let code), .demonym(let code):
              analysis.mentions.append(
                Mention(
                  kind: .country(code: code), form: .demonym, sentence: index, tokens: position..<(position + 1),
                  surface: String(part), reason: "name inside hyphenated word"))
              covered.insert(position)
            default: break
            }
          }
        }
      }
      position += 1
    }

    // 2. Titles.
    position = range.lowerBound
    while position < range.upperBound {
      if covered.contains(position) || tokens[position].kind != .word {
        position += 1
        continue
      }
      if let (entry, end) = titleMatcher.match(at: position, in: tokens, end: range.upperBound),
        !(end - position == 1 && entry.phrase.count <= 3 && !tokens[position].isCapitalized)
      {
        let previous = position > range.lowerBound ? tokens[position - 1].lowercased : ""
        analysis.titles.append(
          TitleUse(
            entry: entry, tokens: position..<end, sentence: index, holder: nil, affiliation: nil,
            isFormer: Self.formerWords.contains(previous), isReference: false))
        covered.formUnion(position..<end)
        position = end
        continue
      }
      position += 1
    }

    // 3. Capitalized runs.
    position = range.lowerBound
    while position < range.upperBound {
      guard !covered.contains(position), isNameWord(tokens[position], allCaps: analysis.isAllCaps) else {
        position += 1
        continue
      }
      var end = position + 1
      while end < range.upperBound, !covered.contains(end) {
        let token = tokens[end]
        if isNameWord(token, allCaps: analysis.isAllCaps) || isHyphenatedParticleName(token) {
          end += 1
        } else if Self.nameParticles.contains(token.lowercased) && !analysis.isAllCaps, end + 1 < range.upperBound,
          !covered.contains(end + 1), isNameWord(tokens[end + 1], allCaps: false)
        {
          end += 2
        } else {
          break
        }
      }
      classifyRun(position..<end, sentence: index, document: document, analysis: &analysis, covered: &covered)
      position = end
    }

    // 4. Pronouns.
    for position in range where !covered.contains(position) {
      let token = tokens[position]
      guard token.kind == .word, let gender = lexicon.pronouns[token.lowercased], gender != "o" else { continue }
      analysis.mentions.append(
        Mention(
          kind: .pronoun(gender: gender), form: .pronoun, sentence: index, tokens: position..<(position + 1),
          surface: token.text, reason: "pronoun"))
    }

    analysis.mentions.sort { $0.tokens.lowerBound < $1.tokens.lowerBound }
    attachTitles(&analysis, tokens: tokens, sentence: range)
    attachStackedTitles(&analysis)
    attachPluralTitles(&analysis, tokens: tokens, sentence: range)
    attachSharedTitles(&analysis, tokens: tokens, sentence: range)
    return analysis
  }

  /// "TOKYO, April 27 -" / "WASHINGTON (Reuters) -": the country of an opening capital city.
  private func datelineCountry(_ range: Range<Int>, tokens: [Token]) -> String? {
    guard range.count > 3, tokens[range.lowerBound].isAllCaps || tokens[range.lowerBound].text.count <= 3 else { return nil }
    for match in gazetteer.match(at: range.lowerBound, in: tokens, end: range.upperBound, ignoringCase: true) {
      guard match.tokens.upperBound < range.upperBound, [",", "("].contains(tokens[match.tokens.upperBound].text),
        tokens[match.tokens].allSatisfy(\.isAllCaps)
      else { continue }
      switch match.entry {
      case .capital(let code, _), .country(let code): return code
      default: continue
      }
    }
    return nil
  }

  // MARK: Known names

  private func acceptable(_ match: Gazetteer.Match, tokens: [Token], sentence: Range<Int>, allCaps: Bool) -> Bool {
    // "US$200 million", "A$5": a currency, not the country.
    if match.tokens.upperBound < sentence.upperBound, !tokens[match.tokens.upperBound].spaceBefore,
      tokens[match.tokens.upperBound].text.hasPrefix("$")
    {
      return false
    }
    switch match.entry {
    case .organization(let index):
      // "the Amazon", "the Shell": a one-word company name after "the" is the common word.
      let entry = lexicon.organizations[index]
      if entry.kind == "company", match.tokens.count == 1, match.tokens.lowerBound > sentence.lowerBound,
        tokens[match.tokens.lowerBound - 1].lowercased == "the"
      {
        return false
      }
      return true
    case .capital(_, let ambiguous):
      return isMetonym(match.tokens, tokens: tokens, sentence: sentence, strict: ambiguous || allCaps)
    case .demonym:
      // "Japanese" alone at a sentence start is still a demonym; lower-case never is.
      return allCaps || tokens[match.tokens.lowerBound].isCapitalized
    default:
      return true
    }
  }

  /// Whether a capital stands for its government ("Moscow rejected", "Kyiv's forces",
  /// "support for Kyiv") rather than a place ("talks in Geneva", a dateline).
  private func isMetonym(_ range: Range<Int>, tokens: [Token], sentence: Range<Int>, strict: Bool) -> Bool {
    let before = range.lowerBound > sentence.lowerBound ? tokens[range.lowerBound - 1].lowercased : ""
    let after = range.upperBound < sentence.upperBound ? tokens[range.upperBound] : nil
    let afterText = after?.text.lowercased() ?? ""
    // A dateline: "MOSCOW, April 27 -" or "TOKYO (Reuters) -".
    if range.lowerBound == sentence.lowerBound && (afterText == "," || afterText == "(") && !strict {
      let next = range.upperBound + 1 < sentence.upperBound ? tokens[range.upperBound + 1] : nil
      if let next, next.kind == .word, next.isCapitalized { return false }
    }
    let placePrepositions: Set<String> = ["in", "at", "to", "from", "into", "near", "outside", "inside", "via", "through", "toward", "towards", "across", "around", "visit", "visited", "visiting", "arrived", "left", "of"]
    if placePrepositions.contains(before) { return false }
    // "in Santiago and Lima": the later items of a list of places are places too.
    if before == "and" || before == ",", range.lowerBound >= sentence.lowerBound + 2 {
      var position = range.lowerBound - 2
      while position > sentence.lowerBound, tokens[position].kind == .word, tokens[position].isCapitalized || tokens[position].text == "," {
        position -= 1
      }
      if position >= sentence.lowerBound, position < range.lowerBound - 1, placePrepositions.contains(tokens[position].lowercased) {
        return false
      }
    }
    if after?.kind == .possessive { return true }
    let partyPrepositions: Set<String> = ["with", "between", "and", "for", "against", "by"]
    if partyPrepositions.contains(before) && !strict { return true }
    let verbs: Set<String> = [
      "said", "says", "has", "have", "had", "is", "was", "will", "would", "could", "wants", "wanted", "rejected", "rejects",
      "accused", "accuses", "denied", "denies", "warned", "warns", "insisted", "insists", "announced", "refused", "agreed",
      "demanded", "claimed", "responded", "proposed", "offered", "sent", "launched", "hopes", "hoped", "believes", "did",
      "does", "may", "might", "must", "should", "signed", "reacted", "called", "urged", "says", "told", "welcomed", "welcomes",
      "condemned", "condemns", "criticised", "criticized", "summoned", "protested", "supported", "supports", "backed",
      "backs", "opposed", "opposes", "agreed", "agrees", "accepted", "accepts", "expelled", "recalled", "imposed",
    ]
    if verbs.contains(afterText) { return true }
    return false
  }

  private func mention(for match: Gazetteer.Match, sentence: Int, document: TextDocument) -> Mention {
    let surface = document.slice(document.tokens[match.tokens.lowerBound].start, document.tokens[match.tokens.upperBound - 1].end)
    switch match.entry {
    case .country(let code):
      let isAcronym = surface.unicodeScalars.filter { $0.properties.isAlphabetic }.allSatisfy { $0.properties.isUppercase }
        && surface.count <= 6
      return Mention(
        kind: .country(code: code), form: isAcronym ? .acronym : .name, sentence: sentence, tokens: match.tokens,
        surface: surface, reason: "country name")
    case .demonym(let code):
      return Mention(
        kind: .country(code: code), form: .demonym, sentence: sentence, tokens: match.tokens, surface: surface,
        reason: "demonym")
    case .capital(let code, _):
      return Mention(
        kind: .country(code: code), form: .capital, sentence: sentence, tokens: match.tokens, surface: surface,
        reason: "capital standing for its government")
    case .organization(let index):
      let entry = lexicon.organizations[index]
      return Mention(
        kind: .organization(name: entry.name, lexiconIndex: index),
        form: entry.aliases.contains(surface) && surface.uppercased() == surface ? .acronym : .name,
        sentence: sentence, tokens: match.tokens, surface: surface, reason: "known organization")
    }
  }

  /// "Henrik Vale": a one-word organization name ("Vale", "Shell", "Apple") right after
  /// a capitalized given name is the person's surname, not the organization.
  private func isSurnameAfterGivenName(_ match: Gazetteer.Match, tokens: [Token], sentence: Range<Int>, allCaps: Bool) -> Bool {
    guard case .organization = match.entry, match.tokens.count == 1, !allCaps, match.tokens.lowerBound > sentence.lowerBound
    else { return false }
    let token = tokens[match.tokens.lowerBound]
    let previous = tokens[match.tokens.lowerBound - 1]
    return !token.isAllCaps && previous.kind == .word && previous.isCapitalized && lexicon.givenNames.contains(previous.lowercased)
  }

  // MARK: Capitalized runs

  /// "el-Sisi", "al-Assad", "bin-Zayed": a lower-case name particle joined by a hyphen
  /// to a capitalized name, which continues a person's name.
  private func isHyphenatedParticleName(_ token: Token) -> Bool {
    guard token.kind == .word, let hyphen = token.text.firstIndex(of: "-") else { return false }
    let particle = token.text[..<hyphen]
    let rest = token.text[token.text.index(after: hyphen)...]
    guard Self.nameParticles.contains(String(particle)), let first = rest.unicodeScalars.first else { return false }
    return first.properties.isUppercase
  }

  private func isNameWord(_ token: Token, allCaps: Bool) -> Bool {
    guard token.kind == .word, let byte = token.text.utf8.first else { return false }
    if byte < 0x80 {
      let upper = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")
      return upper || allCaps && byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")
    }
    guard let first = token.text.unicodeScalars.first, first.properties.isAlphabetic else { return false }
    return allCaps || first.properties.isUppercase
  }

  private func classifyRun(
    _ run: Range<Int>, sentence index: Int, document: TextDocument, analysis: inout SentenceAnalysis,
    covered: inout CoveredTokens
  ) {
    let tokens = document.tokens
    let sentence = document.sentences[index].tokens
    var start = run.lowerBound
    var end = run.upperBound
    var honorific = false
    // Honorifics and words that are never names, at the edges.
    while start < end {
      let word = tokens[start].lowercased
      let bare = word.hasSuffix(".") ? String(word.dropLast()) : word
      if lexicon.honorifics.contains(bare) {
        honorific = true
        start += 1
      } else if lexicon.nonEntityWords.contains(bare) || lexicon.pronouns[bare] != nil {
        start += 1
      } else {
        break
      }
    }
    while end > start, lexicon.nonEntityWords.contains(tokens[end - 1].lowercased) { end -= 1 }
    guard start < end else { return }
    if !honorific, start > sentence.lowerBound {
      let word = tokens[start - 1].lowercased
      honorific = lexicon.honorifics.contains(word.hasSuffix(".") ? String(word.dropLast()) : word)
    }

    let words = tokens[start..<end].map(\.text)
    let surface = document.slice(tokens[start].start, tokens[end - 1].end)
    let allCaps = analysis.isAllCaps
    // A dateline ("LONDON, March 22 -") names a place, not a party.
    if start == sentence.lowerBound, end < sentence.upperBound, tokens[start..<end].allSatisfy(\.isAllCaps) || words.count == 1 && tokens[start].isAllCaps,
      [",", "(", "-", "--", "\u{2014}", "\u{2013}"].contains(tokens[end].text)
    {
      return
    }

    // "president of AARA", "director at Kestrel Labs": what a title is held in, when
    // the gazetteer does not know it and no name shape says "person".
    if !allCaps, start >= sentence.lowerBound + 2, ["of", "at"].contains(tokens[start - 1].lowercased),
      analysis.titles.contains(where: { $0.tokens.upperBound == start - 1 }),
      words.count <= 5, !lexicon.givenNames.contains(words[0].lowercased()) || tokens[start].isAllCaps
    {
      analysis.mentions.append(
        Mention(
          kind: .organization(name: surface, lexiconIndex: nil), form: tokens[start].isAllCaps && words.count == 1 ? .acronym : .name,
          sentence: index, tokens: start..<end, surface: surface, reason: "what '\(tokens[start - 2].text) \(tokens[start - 1].text)' names"))
      covered.formUnion(start..<end)
      return
    }

    // Organizations by their last word, possibly continued by "of X" ("Bank of Korea").
    if !allCaps, let last = words.last, lexicon.organizationSuffixes.contains(last) || lexicon.organizationSuffixes.contains(last.lowercased().capitalized) && words.count > 1 {
      var orgEnd = end
      // "Ministry of Foreign Affairs", "Council of Europe": absorb "of" + capitalized words.
      while orgEnd + 1 < sentence.upperBound, Self.organizationConnectors.contains(tokens[orgEnd].lowercased),
        isNameWord(tokens[orgEnd + 1], allCaps: false)
      {
        var next = orgEnd + 1
        while next < sentence.upperBound, isNameWord(tokens[next], allCaps: false) { next += 1 }
        orgEnd = next
      }
      let name = document.slice(tokens[start].start, tokens[orgEnd - 1].end)
      if words.count >= 2 || orgEnd > end {
        analysis.mentions.append(
          Mention(
            kind: .organization(name: name, lexiconIndex: nil), form: .name, sentence: index, tokens: start..<orgEnd,
            surface: name, reason: "capitalized words ending in '\(last)'"))
        covered.formUnion(start..<orgEnd)
        return
      }
    }
    // An organization head followed by "of" and a known name ("Ministry of Defence of Japan" is rare; "Bank of X" is in the lexicon).
    if !allCaps, words.count == 1, lexicon.organizationSuffixes.contains(words[0]), end + 1 < sentence.upperBound,
      Self.organizationConnectors.contains(tokens[end].lowercased), isNameWord(tokens[end + 1], allCaps: false)
    {
      var orgEnd = end + 1
      while orgEnd < sentence.upperBound, isNameWord(tokens[orgEnd], allCaps: false) { orgEnd += 1 }
      let name = document.slice(tokens[start].start, tokens[orgEnd - 1].end)
      analysis.mentions.append(
        Mention(
          kind: .organization(name: name, lexiconIndex: nil), form: .name, sentence: index, tokens: start..<orgEnd,
          surface: name, reason: "'\(words[0]) of ...'"))
      covered.formUnion(start..<orgEnd)
      return
    }

    var person = Mention(
      kind: .person, form: .name, sentence: index, tokens: start..<end, surface: surface,
      nameWords: words.filter { !Self.nameParticles.contains($0.lowercased()) || words.count <= 2 }, reason: "")
    if allCaps {
      person.reason = "capitalized words in an all-caps line"
      analysis.candidates.append(person)
      return
    }
    let afterTitle = analysis.titles.contains { $0.tokens.upperBound == start }
    let firstWord = words[0].lowercased()
    let knownGiven = lexicon.givenNames.contains(firstWord) && (!lexicon.ambiguousGivenNames.contains(firstWord) || words.count >= 2)
    if honorific {
      person.reason = "after an honorific"
    } else if afterTitle {
      person.reason = "after a title"
    } else if knownGiven && words.count >= 2 {
      person.reason = "starts with the given name '\(words[0])'"
    } else if words.count <= 4, let reason = speechContext(start..<end, tokens: tokens, sentence: sentence) {
      person.reason = reason
    } else if start > sentence.lowerBound + 1, tokens[start - 1].text == ",",
      analysis.titles.contains(where: { $0.tokens.upperBound == start - 1 })
    {
      person.reason = "in apposition after a title"
    } else if words.count >= 2 || !words[0].hasSuffix("ly"), words.count <= 4,
      appositionFollows(end, tokens: tokens, sentence: sentence)
    {
      person.reason = "followed by an apposition with a title"
    } else {
      person.reason = "capitalized words"
      analysis.candidates.append(person)
      return
    }
    analysis.mentions.append(person)
    covered.formUnion(start..<end)
  }

  static let agentVerbs: Set<String> = [
    "headed", "led", "chaired", "hosted", "signed", "offered", "announced", "proposed", "presented", "made", "written",
    "founded", "run", "directed", "organized", "organised",
  ]

  /// Evidence that a run is a speaker or agent: "X said", "said X", "headed by X".
  private func speechContext(_ run: Range<Int>, tokens: [Token], sentence: Range<Int>) -> String? {
    if run.lowerBound >= sentence.lowerBound + 2, tokens[run.lowerBound - 1].text == "by",
      Self.agentVerbs.contains(tokens[run.lowerBound - 2].lowercased), run.count >= 2
    {
      return "after '\(tokens[run.lowerBound - 2].text) by'"
    }
    if run.upperBound < sentence.upperBound {
      let next = tokens[run.upperBound].lowercased
      if lexicon.speechVerbs[next] != nil { return "followed by '\(tokens[run.upperBound].text)'" }
      // "Ann Glick, who heads the team": only people are "who".
      if run.count >= 2, next == ",", run.upperBound + 1 < sentence.upperBound, tokens[run.upperBound + 1].lowercased == "who" {
        return "followed by ', who'"
      }
      // "one of the minister's deputies, Rosa Quispe, told": a name of two or more words
      // set off by commas before a speech verb.
      if next == ",", run.count >= 2, run.upperBound + 1 < sentence.upperBound, run.lowerBound > sentence.lowerBound,
        tokens[run.lowerBound - 1].text == ",", lexicon.speechVerbs[tokens[run.upperBound + 1].lowercased] != nil
      {
        return "set off by commas before '\(tokens[run.upperBound + 1].text)'"
      }
    }
    if run.lowerBound > sentence.lowerBound {
      let previous = tokens[run.lowerBound - 1].lowercased
      if lexicon.speechVerbs[previous] != nil && run.lowerBound >= sentence.lowerBound + 2 {
        let beforeVerb = tokens[run.lowerBound - 2]
        if beforeVerb.kind == .quote || beforeVerb.text == "," { return "named after '\(tokens[run.lowerBound - 1].text)'" }
      }
    }
    return nil
  }

  /// Whether ", the/a ... TITLE" or ", TITLE" follows position `end`.
  private func appositionFollows(_ end: Int, tokens: [Token], sentence: Range<Int>) -> Bool {
    guard end + 1 < sentence.upperBound, tokens[end].text == "," else { return false }
    var position = end + 1
    let limit = min(sentence.upperBound, end + 7)
    while position < limit {
      if let (entry, titleEnd) = titleMatcher.match(at: position, in: tokens, end: sentence.upperBound) {
        // ", the officials told": a plural title describes a group, not the name before it.
        let last = tokens[titleEnd - 1].lowercased
        return !(last.hasSuffix("s") && !entry.phrase.hasSuffix("s"))
      }
      if tokens[position].text == "," { return false }
      position += 1
    }
    return false
  }

  // MARK: Titles

  /// Links each title to its holder (the name right after it, or the name before an
  /// apposition) and its affiliation (a country or organization right before it, or
  /// after "of"/"at").
  private func attachTitles(_ analysis: inout SentenceAnalysis, tokens: [Token], sentence: Range<Int>) {
    for titleIndex in analysis.titles.indices {
      let title = analysis.titles[titleIndex]
      // Holder after the title: "Prime Minister Shigeru Ishiba".
      if let holder = analysis.mentions.first(where: { $0.kind == .person && $0.tokens.lowerBound == title.tokens.upperBound }) {
        analysis.titles[titleIndex].holder = holder.tokens.lowerBound
      } else if title.tokens.upperBound + 1 < sentence.upperBound, tokens[title.tokens.upperBound].text == ",",
        let holder = analysis.mentions.first(where: { mention in
          guard mention.kind == .person else { return false }
          if mention.tokens.lowerBound == title.tokens.upperBound + 1 { return true }
          // "Myanmar's military leader, Senior General Min Thura": another title between.
          return analysis.titles.contains { $0.tokens.lowerBound == title.tokens.upperBound + 1 && $0.tokens.upperBound == mention.tokens.lowerBound }
        })
      {
        // "Ukraine's new president, Viktor Yushchenko,".
        analysis.titles[titleIndex].holder = holder.tokens.lowerBound
      } else if let holder = appositionHolder(title, analysis: analysis, tokens: tokens, sentence: sentence) {
        analysis.titles[titleIndex].holder = analysis.mentions[holder].tokens.lowerBound
      }
      // Affiliation before: "Japanese Prime Minister", "Germany's foreign minister", "NATO
      // Secretary-General", "Ukraine's new president".
      var cursor = title.tokens.lowerBound
      while cursor > sentence.lowerBound, Self.titleAdjectives.contains(tokens[cursor - 1].lowercased) {
        if Self.formerWords.contains(tokens[cursor - 1].lowercased) { analysis.titles[titleIndex].isFormer = true }
        cursor -= 1
      }
      // "China's foreign ministry spokesman": past the lower-case body the post is in.
      if cursor - 1 > sentence.lowerBound, Self.bodyNouns.contains(tokens[cursor - 1].lowercased) {
        var probe = cursor - 1
        while probe > sentence.lowerBound, probe >= cursor - 3, tokens[probe - 1].kind == .word, !tokens[probe - 1].isCapitalized,
          !Self.functionWordsBeforeTitles.contains(tokens[probe - 1].lowercased)
        {
          probe -= 1
        }
        // "China's foreign ministry spokesman", or "Soviet delegation head" with no possessive.
        if probe > sentence.lowerBound, tokens[probe - 1].kind == .possessive
          || analysis.mentions.contains(where: { $0.tokens.upperBound == probe && $0.kind != .person })
        {
          cursor = probe
        }
      }
      if cursor > sentence.lowerBound, tokens[cursor - 1].kind == .possessive { cursor -= 1 }
      if let affiliation = analysis.mentions.last(where: {
        $0.tokens.upperBound == cursor && $0.kind != .person && !isPronoun($0)
      }) {
        analysis.titles[titleIndex].affiliation = affiliation.tokens.lowerBound
      } else if cursor > sentence.lowerBound,
        let previousTitle = analysis.titles.firstIndex(where: { $0.tokens.upperBound == cursor }),
        previousTitle != titleIndex
      {
        // "Foreign Ministry spokesman": the affiliation of a compound title is found below.
        _ = previousTitle
      }
      // Affiliation after: "President of Russia", "secretary-general of NATO", "professor at
      // Waseda University", or after the holder: "King Fahd of Saudi Arabia".
      if analysis.titles[titleIndex].affiliation == nil {
        var position = title.tokens.upperBound
        if let holder = analysis.titles[titleIndex].holder, holder == position,
          let holderMention = analysis.mention(at: holder)
        {
          position = holderMention.tokens.upperBound
        }
        // "professor of political science at Waseda University": past the field to the body.
        if position < sentence.upperBound, tokens[position].lowercased == "of" {
          var probe = position + 1
          while probe < sentence.upperBound, probe < position + 5, tokens[probe].kind == .word, !tokens[probe].isCapitalized,
            tokens[probe].lowercased != "at"
          {
            probe += 1
          }
          if probe > position + 1, probe < sentence.upperBound, tokens[probe].lowercased == "at" { position = probe }
        }
        // "adviser to the IMF's managing director": an adviser belongs to whom they advise.
        let advises = Self.advisingRoles.contains(title.entry.role.lowercased())
        if position < sentence.upperBound, ["of", "at", "for"].contains(tokens[position].lowercased) || advises && tokens[position].lowercased == "to" {
          position += 1
          if position < sentence.upperBound, tokens[position].lowercased == "the" { position += 1 }
          if let affiliation = analysis.mentions.first(where: {
            $0.tokens.lowerBound == position && $0.kind != .person && !isPronoun($0)
          }) {
            analysis.titles[titleIndex].affiliation = affiliation.tokens.lowerBound
          }
        }
      }
      // "President Ana Ruiz and her foreign minister Luis Soto": "her" office is in the
      // same country or body as the titled person before it.
      // (A counterpart is by definition of another country.)
      if analysis.titles[titleIndex].affiliation == nil, title.tokens.lowerBound > sentence.lowerBound,
        title.entry.role != "Counterpart",
        ["his", "her", "their"].contains(tokens[title.tokens.lowerBound - 1].lowercased),
        let previous = analysis.titles[..<titleIndex].last(where: { $0.holder != nil && $0.affiliation != nil })
      {
        analysis.titles[titleIndex].affiliation = previous.affiliation
      }
      // "the head of the African Development Bank, Amina Diallo,": the name after the
      // body the title is of.
      if analysis.titles[titleIndex].holder == nil, let body = analysis.mention(at: analysis.titles[titleIndex].affiliation),
        body.tokens.lowerBound > title.tokens.lowerBound, body.tokens.upperBound + 1 < sentence.upperBound,
        tokens[body.tokens.upperBound].text == ",",
        let holder = analysis.mentions.first(where: { $0.kind == .person && $0.tokens.lowerBound == body.tokens.upperBound + 1 })
      {
        analysis.titles[titleIndex].holder = holder.tokens.lowerBound
      }
      // A reference without a name: "the US president", "the Ukrainian president".
      if analysis.titles[titleIndex].holder == nil {
        let start = analysis.titles[titleIndex].affiliation ?? title.tokens.lowerBound
        if start > sentence.lowerBound, ["the", "his", "her"].contains(tokens[start - 1].lowercased)
          || (start - 1 > sentence.lowerBound && tokens[start - 1].kind == .possessive)
        {
          analysis.titles[titleIndex].isReference = true
        }
      }
    }
  }

  /// "AU chairperson President Ada Okafor": a title right before another title with a
  /// holder has the same holder.
  private func attachStackedTitles(_ analysis: inout SentenceAnalysis) {
    for index in analysis.titles.indices.reversed() where analysis.titles[index].holder == nil {
      let end = analysis.titles[index].tokens.upperBound
      if let next = analysis.titles.first(where: { $0.tokens.lowerBound == end && $0.holder != nil }) {
        analysis.titles[index].holder = next.holder
        analysis.titles[index].isReference = false
      }
    }
  }

  /// "Presidents Ada Okafor of Nigeria and Jean Talon of Benin": a plural title holds
  /// every name of the list after it, each with the country named after it.
  private func attachPluralTitles(_ analysis: inout SentenceAnalysis, tokens: [Token], sentence: Range<Int>) {
    var added: [TitleUse] = []
    for title in analysis.titles {
      let last = tokens[title.tokens.upperBound - 1].lowercased
      guard last.hasSuffix("s"), !title.entry.phrase.hasSuffix("s"), let holder = title.holder,
        var position = analysis.mention(at: holder)?.tokens.upperBound
      else { continue }
      func affiliationAfter(_ position: inout Int) -> Int? {
        guard position + 1 < sentence.upperBound, tokens[position].lowercased == "of",
          let country = analysis.mentions.first(where: { $0.tokens.lowerBound == position + 1 && $0.kind != .person })
        else { return nil }
        position = country.tokens.upperBound
        return country.tokens.lowerBound
      }
      _ = affiliationAfter(&position)
      while position + 1 < sentence.upperBound, [",", "and"].contains(tokens[position].lowercased) {
        var next = position + 1
        if tokens[next].lowercased == "and" && next + 1 < sentence.upperBound { next += 1 }
        guard let person = analysis.mentions.first(where: { $0.tokens.lowerBound == next && $0.kind == .person }) else { break }
        position = person.tokens.upperBound
        var use = title
        use.holder = person.tokens.lowerBound
        use.affiliation = affiliationAfter(&position)
        added.append(use)
      }
    }
    analysis.titles += added
  }

  /// "the Ukrainian and Russian presidents": one plural title shared by a list of
  /// countries is a reference to each one's holder.
  private func attachSharedTitles(_ analysis: inout SentenceAnalysis, tokens: [Token], sentence: Range<Int>) {
    var added: [TitleUse] = []
    for index in analysis.titles.indices {
      let title = analysis.titles[index]
      let last = tokens[title.tokens.upperBound - 1].lowercased
      guard title.holder == nil, last.hasSuffix("s"), !title.entry.phrase.hasSuffix("s"),
        let affiliation = analysis.mention(at: title.affiliation), affiliation.form == .demonym
      else { continue }
      var countries = [affiliation]
      var cursor = affiliation.tokens.lowerBound
      while cursor - 1 > sentence.lowerBound, ["and", ","].contains(tokens[cursor - 1].lowercased),
        let previous = analysis.mentions.last(where: { $0.tokens.upperBound == cursor - 1 && $0.form == .demonym })
      {
        countries.insert(previous, at: 0)
        cursor = previous.tokens.lowerBound
      }
      guard countries.count >= 2, cursor > sentence.lowerBound, tokens[cursor - 1].lowercased == "the" else { continue }
      analysis.titles[index].isReference = true
      for country in countries.dropLast() {
        var use = title
        use.affiliation = country.tokens.lowerBound
        use.isReference = true
        added.append(use)
      }
    }
    analysis.titles += added
  }

  /// "Dmitry Peskov, the Kremlin's spokesman" / "Mark Rutte, NATO secretary-general": the
  /// person before a comma that opens the title's phrase.
  private func appositionHolder(_ title: TitleUse, analysis: SentenceAnalysis, tokens: [Token], sentence: Range<Int>) -> Int? {
    var position = title.tokens.lowerBound - 1
    var steps = 0
    while position > sentence.lowerBound && steps < 5 {
      if tokens[position].text == "," {
        // "..., a spokesman for the government said.": the phrase is the subject of a
        // closing speech verb, not a description of the name before the comma.
        var after = title.tokens.upperBound
        while after < sentence.upperBound && after < title.tokens.upperBound + 6 && tokens[after].text != "," {
          if lexicon.speechVerbs[tokens[after].lowercased] != nil, after + 3 >= sentence.upperBound { return nil }
          after += 1
        }
        return analysis.mentions.lastIndex { $0.kind == .person && $0.tokens.upperBound == position }
      }
      position -= 1
      steps += 1
    }
    return nil
  }

  private func isPronoun(_ mention: Mention) -> Bool {
    if case .pronoun = mention.kind { return true }
    return false
  }

  /// Which tokens of a sentence are taken by a mention or a title (a bit per token,
  /// cheaper than a set on this hot path).
  struct CoveredTokens {
    private var flags: [Bool]
    private let base: Int

    init(_ range: Range<Int>) {
      flags = Array(repeating: false, count: range.count)
      base = range.lowerBound
    }

    func contains(_ position: Int) -> Bool {
      let offset = position - base
      return offset >= 0 && offset < flags.count && flags[offset]
    }

    mutating func insert(_ position: Int) {
      let offset = position - base
      if offset >= 0 && offset < flags.count { flags[offset] = true }
    }

    mutating func formUnion(_ range: Range<Int>) {
      for position in range { insert(position) }
    }
  }

  static func isAllCaps(_ tokens: ArraySlice<Token>) -> Bool {
    var upper = 0
    var lower = 0
    for token in tokens where token.kind == .word {
      for byte in token.text.utf8 {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): upper += 1
        case UInt8(ascii: "a")...UInt8(ascii: "z"): lower += 1
        default: break  // Non-ASCII letters are too rare to change the verdict.
        }
      }
      if lower * 5 >= upper + 40 { return false }
    }
    return upper >= 8 && lower * 5 < upper
  }
}
