import Foundation
import KGGraph
import KGText

/// Joins mentions into entities inside one article (coreference).
///
/// - Countries are one entity per code (names, aliases, demonyms and capitals alike);
///   organizations one per lexicon entry or per name; an acronym given in brackets
///   after a name ("Liberal Democratic Party (LDP)") is an alias of it.
/// - People: longer names first; a shorter form (a surname, "Mr. Smith") joins the one
///   person whose name contains it, wherever it stands in the article; capitalized
///   words without evidence of their own, and names in all-caps headlines, join a
///   person only that way.
/// - "he"/"she" join the most recent person of the last two sentences; a title used
///   as a reference ("the US president") joins the person who holds that title for that
///   country or body in the article.
public struct EntityResolver: Sendable {
  let lexicon: Lexicon
  /// Head-of-state and government titles by country code.
  private let headTitles: [String: Set<String>]
  /// One-word capital names (as written) and their country's code.
  private let capitalCountry: [String: String]
  /// Codes of states that no longer exist.
  private let historicalCodes: Set<String>

  public init(lexicon: Lexicon) {
    self.lexicon = lexicon
    headTitles = Dictionary(lexicon.countries.map { ($0.code, Set($0.headTitles)) }, uniquingKeysWith: { $0.union($1) })
    var capitals: [String: String] = [:]
    for country in lexicon.countries {
      for capital in country.capitals where !capital.contains(" ") { capitals[capital] = country.code }
    }
    capitalCountry = capitals
    historicalCodes = Set(lexicon.countries.filter(\.isHistorical).map(\.code))
  }

  /// Resolves the mentions of `analyses` (setting each mention's entity) and returns the entities.
  public func resolve(_ analyses: inout [SentenceAnalysis], document: TextDocument) -> [Entity] {
    var entities: [Entity] = []
    var countryEntity: [String: Int] = [:]
    var organizationEntity: [String: Int] = [:]

    func organizationKey(_ name: String) -> String {
      var folded = EntityID.slug(name)
      if folded.hasPrefix("the-") { folded.removeFirst(4) }
      return folded
    }

    // "Moscow" in an article about the Soviet Union is the Soviet Union: a capital shared
    // by a historical state the article names (by name or demonym) goes to that state.
    remapSharedCapitals(&analyses)

    // Countries and organizations.
    for sentence in analyses.indices {
      for index in analyses[sentence].mentions.indices {
        let mention = analyses[sentence].mentions[index]
        let reference = MentionReference(sentence: sentence, index: index)
        switch mention.kind {
        case .country(let code):
          let entity: Int
          if let existing = countryEntity[code] {
            entity = existing
          } else {
            let name = lexicon.countries.first { $0.code == code }?.name ?? mention.surface
            entities.append(Entity(type: .country, name: name, aliases: [name], code: code))
            entity = entities.count - 1
            countryEntity[code] = entity
          }
          if mention.form != .demonym { entities[entity].addAlias(mention.surface) }
          entities[entity].mentions.append(reference)
          analyses[sentence].mentions[index].entity = entity
        case .organization(let name, let lexiconIndex):
          let key = lexiconIndex.map { "#\($0)" } ?? organizationKey(name)
          let entity: Int
          if let existing = organizationEntity[key] {
            entity = existing
          } else {
            entities.append(Entity(type: .organization, name: name, aliases: [name], code: nil))
            entity = entities.count - 1
            organizationEntity[key] = entity
          }
          entities[entity].addAlias(mention.surface)
          entities[entity].mentions.append(reference)
          analyses[sentence].mentions[index].entity = entity
          // "Name (ACR)": the acronym is an alias.
          if let acronym = bracketedAcronym(after: mention.tokens.upperBound, document: document) {
            entities[entity].addAlias(acronym)
            organizationEntity[organizationKey(acronym)] = entity
          }
        default:
          break
        }
      }
    }

    // People: longest names first, so short forms find their full name.
    var personMentions: [(MentionReference, Mention)] = []
    for sentence in analyses.indices {
      for (index, mention) in analyses[sentence].mentions.enumerated() where mention.kind == .person {
        personMentions.append((MentionReference(sentence: sentence, index: index), mention))
      }
    }
    personMentions.sort { ($0.1.nameWords.count, -$0.0.sentence) > ($1.1.nameWords.count, -$1.0.sentence) }
    var people = PersonIndex()
    // A name seen before is that same entity, even when it is ambiguous (a surname
    // shared by several people): one entity per name, not one per mention.
    var personOfName: [String: Int] = [:]
    for (reference, mention) in personMentions {
      let words = mention.nameWords
      let entity: Int
      if let existing = matchingPerson(words, among: people.candidates(for: words), entities: entities, ignoringCase: false) {
        entity = existing
      } else if let same = personOfName[words.joined(separator: " ")] {
        entity = same
      } else {
        entities.append(Entity(type: .person, name: words.joined(separator: " "), aliases: [], code: nil))
        entity = entities.count - 1
        people.add(entity, words: words)
        personOfName[words.joined(separator: " ")] = entity
      }
      entities[entity].addAlias(words.joined(separator: " "))
      // "Lula da Silva": the name as written keeps its particles (matching ignores them).
      let written = mention.surface.split(separator: " ").map(String.init)
      if written.count > words.count, written.contains(where: { MentionFinder.nameParticles.contains($0) }),
        written.allSatisfy({ $0.first?.isLetter == true })
      {
        entities[entity].addAlias(written.joined(separator: " "))
      }
      entities[entity].mentions.append(reference)
      analyses[reference.sentence].mentions[reference.index].entity = entity
    }

    // Candidates that name a known person or organization acronym become mentions.
    for sentence in analyses.indices {
      let allCaps = analyses[sentence].isAllCaps
      for candidate in analyses[sentence].candidates {
        var found: Int?
        var words = candidate.nameWords
        if let person = matchingPerson(words, among: people.candidates(for: words), entities: entities, ignoringCase: allCaps) {
          found = person
        } else if words.count == 1, let organization = organizationEntity[organizationKey(words[0])] {
          found = organization
        } else if allCaps {
          // A headline may name several known people in one run: "NAKASONE TO MEET REAGAN".
          words = []
        }
        guard let entity = found else { continue }
        var mention = candidate
        mention.entity = entity
        if entities[entity].type == .organization {
          mention.kind = .organization(name: entities[entity].name, lexiconIndex: nil)
        }
        mention.reason = "matches \(entities[entity].name)"
        let index = analyses[sentence].mentions.count
        analyses[sentence].mentions.append(mention)
        entities[entity].mentions.append(MentionReference(sentence: sentence, index: index))
        if !allCaps { entities[entity].addAlias(candidate.nameWords.joined(separator: " ")) }
      }
      // Single words of an all-caps headline that name a known person.
      if allCaps {
        let range = document.sentences[sentence].tokens
        for position in range where document.tokens[position].kind == .word {
          if analyses[sentence].mentions.contains(where: { $0.tokens.contains(position) }) { continue }
          let word = document.tokens[position].text
          guard let person = matchingPerson([word], among: people.candidates(for: [word]), entities: entities, ignoringCase: true) else {
            continue
          }
          let index = analyses[sentence].mentions.count
          analyses[sentence].mentions.append(
            Mention(
              kind: .person, form: .name, sentence: sentence, tokens: position..<(position + 1), surface: word,
              nameWords: [word], reason: "headline word naming \(entities[person].name)", entity: person))
          entities[person].mentions.append(MentionReference(sentence: sentence, index: index))
        }
      }
      analyses[sentence].mentions.sort { $0.tokens.lowerBound < $1.tokens.lowerBound }
    }
    rebuildReferences(&entities, analyses: analyses)

    inferAffiliations(&analyses, entities: entities, document: document)
    resolveTitleReferences(&analyses, entities: &entities, document: document)
    resolvePronouns(&analyses, entities: entities, document: document)
    rebuildReferences(&entities, analyses: analyses)
    for index in entities.indices where entities[index].type == .person {
      // The canonical name is the fullest form.
      if let longest = entities[index].aliases.max(by: { $0.split(separator: " ").count < $1.split(separator: " ").count }) {
        entities[index].name = longest
      }
    }
    return entities
  }

  /// The one person whose name holds all of `words` (in order), if exactly one fits
  /// best; a last-name match wins over other words.
  private func matchingPerson(_ words: [String], among people: [Int], entities: [Entity], ignoringCase: Bool) -> Int? {
    guard !words.isEmpty else { return nil }
    func fold(_ word: String) -> String { ignoringCase ? word.lowercased() : word }
    let wanted = words.map(fold)
    var best: [Int] = []
    var bestScore = 0
    for person in people {
      let nameWords = entities[person].name.split(separator: " ").map { fold(String($0)) }
      guard Self.isSubsequence(wanted, of: nameWords) else { continue }
      let score = wanted.last == nameWords.last ? 2 : 1
      if score > bestScore {
        best = [person]
        bestScore = score
      } else if score == bestScore {
        best.append(person)
      }
    }
    return best.count == 1 ? best[0] : nil
  }

  /// People by each (lower-case) word of their names, so matching a name looks at the
  /// few people who share a word with it instead of everyone in a long article.
  struct PersonIndex {
    private var byWord: [String: [Int]] = [:]

    mutating func add(_ entity: Int, words: [String]) {
      for word in Set(words.map { $0.lowercased() }) { byWord[word, default: []].append(entity) }
    }

    func candidates(for words: [String]) -> [Int] {
      guard let last = words.last?.lowercased() else { return [] }
      return byWord[last] ?? []
    }
  }

  static func isSubsequence(_ needle: [String], of haystack: [String]) -> Bool {
    var position = 0
    for word in haystack where position < needle.count && word == needle[position] { position += 1 }
    return position == needle.count
  }

  private func bracketedAcronym(after end: Int, document: TextDocument) -> String? {
    let tokens = document.tokens
    guard end + 2 < tokens.count, tokens[end].text == "(", tokens[end + 2].text == ")" else { return nil }
    let candidate = tokens[end + 1]
    guard candidate.kind == .word, candidate.isAllCaps || candidate.text.count <= 6 && candidate.isCapitalized else { return nil }
    return candidate.text
  }

  private func remapSharedCapitals(_ analyses: inout [SentenceAnalysis]) {
    var historicalNamed: Set<String> = []
    for analysis in analyses {
      for mention in analysis.mentions where mention.form != .capital {
        if case .country(let code) = mention.kind, historicalCodes.contains(code) { historicalNamed.insert(code) }
      }
    }
    guard !historicalNamed.isEmpty else { return }
    for sentence in analyses.indices {
      for index in analyses[sentence].mentions.indices where analyses[sentence].mentions[index].form == .capital {
        let surface = analyses[sentence].mentions[index].surface
        if let state = lexicon.countries.first(where: { historicalNamed.contains($0.code) && $0.capitals.contains(surface) }) {
          analyses[sentence].mentions[index].kind = .country(code: state.code)
        }
      }
    }
  }

  /// Titles without an affiliation in their sentence ("Prime Minister Yasuhiro
  /// Nakasone", "President Reagan"): a leader title belongs to the one country of the
  /// article whose head of state or government carries it (a prime minister in an
  /// article about Japan and the United States is Japan's); failing that, and for
  /// other offices, to the country of the article's dateline when it is mentioned.
  private func inferAffiliations(_ analyses: inout [SentenceAnalysis], entities: [Entity], document: TextDocument) {
    var countryOfCode: [String: Int] = [:]
    for (index, entity) in entities.enumerated() where entity.type == .country {
      if let code = entity.code { countryOfCode[code] = index }
    }
    let dateline = analyses.prefix(3).lazy.compactMap(\.datelineCountry).first.flatMap { countryOfCode[$0] }
    // The country named in at least half of the country mentions, if any.
    let countryMentions = entities.indices.filter { entities[$0].type == .country }.map { ($0, entities[$0].mentions.count) }
    let totalCountryMentions = countryMentions.reduce(0) { $0 + $1.1 }
    let mainCountry = countryMentions.max { $0.1 < $1.1 }.flatMap { $0.1 * 2 >= totalCountryMentions && $0.1 >= 2 ? $0.0 : nil }
    // What the article itself says: "King Fahd of Saudi Arabia" settles every later "King Fahd".
    var explicit: [String: Int] = [:]
    // Who holds which leader office of which country, as the article says.
    var holderOfOffice: [String: Int] = [:]
    for analysis in analyses {
      for title in analysis.titles {
        guard let person = analysis.entity(at: title.holder), let affiliation = analysis.entity(at: title.affiliation) else { continue }
        explicit["\(person)|\(title.entry.role.lowercased())"] = affiliation
        if title.entry.isLeader { holderOfOffice["\(title.entry.role.lowercased())|\(affiliation)"] = person }
      }
    }
    /// Whether someone else holds this office of `country` in the article.
    func heldByOther(_ title: TitleUse, _ country: Int, _ person: Int?) -> Bool {
      guard let holder = holderOfOffice["\(title.entry.role.lowercased())|\(country)"] else { return false }
      return holder != person
    }
    for sentence in analyses.indices {
      for index in analyses[sentence].titles.indices {
        let title = analyses[sentence].titles[index]
        // "The IAEA will report in May. Its director general, Ana Ruiz, warned ...": "its"
        // is the body the sentence before is about.
        if title.affiliation == nil, title.holder != nil, title.tokens.lowerBound > document.sentences[sentence].tokens.lowerBound,
          document.tokens[title.tokens.lowerBound - 1].lowercased == "its", sentence > 0,
          let body = analyses[sentence - 1].mentions.first(where: { mention in
            guard let entity = mention.entity else { return false }
            return entities[entity].type != .person
          })?.entity
        {
          analyses[sentence].titles[index].inferredAffiliation = body
          analyses[sentence].titles[index].inferenceReason = "'its': the body the sentence before is about"
          continue
        }
        guard title.affiliation == nil, title.holder != nil || title.isReference, title.entry.scope != "organization" else { continue }
        let phrase = title.entry.phrase
        if let person = analyses[sentence].entity(at: title.holder), let known = explicit["\(person)|\(title.entry.role.lowercased())"] {
          analyses[sentence].titles[index].inferredAffiliation = known
          analyses[sentence].titles[index].inferenceReason = "as the article says elsewhere"
          continue
        }
        if title.entry.isLeader {
          let person = analyses[sentence].entity(at: title.holder)
          let candidates = countryOfCode.filter {
            (headTitles[$0.key]?.contains(phrase) == true || headTitles[$0.key]?.contains(title.entry.role.lowercased()) == true)
              && !heldByOther(title, $0.value, person)
          }
          if candidates.count == 1, let country = candidates.first?.value {
            analyses[sentence].titles[index].inferredAffiliation = country
            analyses[sentence].titles[index].inferenceReason = "the one country here whose leader is a \(phrase)"
            continue
          }
          if let dateline, let code = entities[dateline].code, headTitles[code]?.contains(phrase) == true,
            !heldByOther(title, dateline, person)
          {
            analyses[sentence].titles[index].inferredAffiliation = dateline
            analyses[sentence].titles[index].inferenceReason = "the dateline's country"
          } else if let main = mainCountry, let code = entities[main].code, headTitles[code]?.contains(phrase) == true,
            !heldByOther(title, main, person), !namesAnotherCapital(sentence, code, document: document)
          {
            analyses[sentence].titles[index].inferredAffiliation = main
            analyses[sentence].titles[index].inferenceReason = "the country the article is mostly about"
          }
        } else if title.entry.scope == "country", phrase.contains("minister") {
          if let dateline {
            analyses[sentence].titles[index].inferredAffiliation = dateline
            analyses[sentence].titles[index].inferenceReason = "the dateline's country"
          } else if let main = mainCountry {
            analyses[sentence].titles[index].inferredAffiliation = main
            analyses[sentence].titles[index].inferenceReason = "the country the article is mostly about"
          }
        }
      }
    }
  }

  /// "she will visit Canberra and meet Prime Minister X": a sentence set in another
  /// country's capital does not take its titles from the article's main country.
  private func namesAnotherCapital(_ sentence: Int, _ code: String, document: TextDocument) -> Bool {
    document.sentences[sentence].tokens.contains { position in
      capitalCountry[document.tokens[position].text].map { $0 != code } ?? false
    }
  }

  /// "the US president" → the person who is President of the United States here.
  private func resolveTitleReferences(_ analyses: inout [SentenceAnalysis], entities: inout [Entity], document: TextDocument) {
    var holders: [String: Set<Int>] = [:]
    for analysis in analyses {
      for title in analysis.titles {
        guard let person = analysis.entity(at: title.holder) else { continue }
        let role = title.entry.role.lowercased()
        let affiliation = analysis.entity(at: title.affiliation) ?? title.inferredAffiliation
        holders["\(role)|\(affiliation.map(String.init) ?? "")", default: []].insert(person)
        holders["\(role)|", default: []].insert(person)
        // Whoever leads a body under any title is "its leader" ("the Saudi leader").
        if title.entry.isLeader, let affiliation { holders["leader of|\(affiliation)", default: []].insert(person) }
      }
    }
    for sentence in analyses.indices {
      for titleIndex in analyses[sentence].titles.indices where analyses[sentence].titles[titleIndex].isReference {
        let title = analyses[sentence].titles[titleIndex]
        // "the president" alone refers to someone only for leader titles.
        guard title.entry.isLeader || title.affiliation != nil else { continue }
        let role = title.entry.role.lowercased()
        let affiliation = analyses[sentence].entity(at: title.affiliation) ?? title.inferredAffiliation
        var key = "\(role)|\(affiliation.map(String.init) ?? "")"
        if holders[key] == nil, RelationExtractor.genericLeaderRoles.contains(role), let affiliation {
          key = "leader of|\(affiliation)"
        }
        guard let people = holders[key], people.count == 1, let person = people.first else { continue }
        let mention = Mention(
          kind: .person, form: .pronoun, sentence: sentence, tokens: title.tokens,
          surface: document.slice(document.tokens[title.tokens.lowerBound].start, document.tokens[title.tokens.upperBound - 1].end),
          nameWords: [], reason: "title referring to \(entities[person].name)", entity: person)
        analyses[sentence].mentions.append(mention)
        analyses[sentence].titles[titleIndex].holder = title.tokens.lowerBound
      }
      sortMentions(&analyses[sentence])
    }
  }

  /// "he"/"she" → a person before it in the same sentence, else the first person (the
  /// subject, usually) of the latest of the two previous sentences that names one.
  ///
  /// A pronoun right after an opening participle phrase ("Speaking to Martin Ortiz, he
  /// said") is the earlier subject, not the person in the phrase; a resolved pronoun
  /// is its sentence's subject for the sentences after it.
  private func resolvePronouns(_ analyses: inout [SentenceAnalysis], entities: [Entity], document: TextDocument) {
    var subjectOfSentence: [Int: Int] = [:]
    let tokens = document.tokens
    for sentence in analyses.indices {
      var seenHere: Int?
      let range = document.sentences[sentence].tokens
      let opensWithParticiple = !range.isEmpty && {
        let first = tokens[range.lowerBound].lowercased
        return first.hasSuffix("ing") || ["asked", "interviewed", "questioned", "addressing"].contains(first)
      }()
      let firstComma = opensWithParticiple ? range.first { tokens[$0].text == "," } : nil
      for index in analyses[sentence].mentions.indices {
        let mention = analyses[sentence].mentions[index]
        if case .pronoun = mention.kind {
          let previous = (max(0, sentence - 2)..<sentence).reversed().lazy.compactMap { subjectOfSentence[$0] }.first
          let afterOpening = firstComma.map { mention.tokens.lowerBound == $0 + 1 } ?? false
          if let person = afterOpening ? (previous ?? seenHere) : (seenHere ?? previous) {
            analyses[sentence].mentions[index].entity = person
            analyses[sentence].mentions[index].reason = "pronoun for \(entities[person].name)"
            seenHere = person
            if subjectOfSentence[sentence] == nil { subjectOfSentence[sentence] = person }
          }
        } else if mention.kind == .person, let entity = mention.entity {
          seenHere = entity
          if subjectOfSentence[sentence] == nil { subjectOfSentence[sentence] = entity }
        }
      }
    }
  }

  private func sortMentions(_ analysis: inout SentenceAnalysis) {
    analysis.mentions.sort { $0.tokens.lowerBound < $1.tokens.lowerBound }
  }

  private func rebuildReferences(_ entities: inout [Entity], analyses: [SentenceAnalysis]) {
    for index in entities.indices { entities[index].mentions = [] }
    for (sentence, analysis) in analyses.enumerated() {
      for (index, mention) in analysis.mentions.enumerated() {
        if let entity = mention.entity { entities[entity].mentions.append(MentionReference(sentence: sentence, index: index)) }
      }
    }
  }
}
