import Foundation
import KGCore

/// Everything the extractor knows about names and words, loaded from data files:
/// `lexicon/` (countries, organizations, titles, given names, ...) and `rules/`
/// (speech verbs, relation triggers, status cues, abbreviations).
///
/// Load it once with ``load(from:)`` or ``bundled()`` and share it: it is an immutable
/// value.
public struct Lexicon: Sendable {
  public var countries: [CountryEntry] = []
  public var organizations: [OrganizationEntry] = []
  public var titles: [TitleEntry] = []
  /// Lower-case given names.
  public var givenNames: Set<String> = []
  /// Lower-case given names that are also common words ("will", "mark").
  public var ambiguousGivenNames: Set<String> = []
  /// Lower-case honorifics without a final dot ("mr", "sheikh").
  public var honorifics: Set<String> = []
  /// Lower-case capitalized words that are never names by themselves.
  public var nonEntityWords: Set<String> = []
  /// Last words of organization names ("Party", "Council", "Bank"), as written.
  public var organizationSuffixes: Set<String> = []
  /// Lower-case speech verb forms, and whether their object is the addressee.
  public var speechVerbs: [String: Bool] = [:]
  public var triggers: [TriggerEntry] = []
  /// Status cues as lower-case word sequences.
  public var statusCues: [(status: String, words: [String])] = []
  /// Lower-case abbreviations that keep their final dot.
  public var abbreviations: Set<String> = []
  /// Lower-case abbreviations that never end a sentence.
  public var titleAbbreviations: Set<String> = []
  public var sentenceStarters: Set<String> = []
  /// Nouns after a demonym that speak for the country ("Saudi officials").
  public var spokesGroups: Set<String> = []
  /// Lower-case pronoun and its gender letter (`m`, `f`, `o`).
  public var pronouns: [String: String] = [:]

  /// An empty lexicon (tests build their own).
  public init() {}

  /// Loads the lexicon from a folder holding `lexicon/` and `rules/`.
  ///
  /// - Throws: `InputError` naming the file and line of a malformed entry, or a missing file.
  public static func load(from folder: String) throws(InputError) -> Lexicon {
    var lexicon = Lexicon()
    let lexiconFolder = folder + "/lexicon"
    let rulesFolder = folder + "/rules"
    for row in try TSVFile.rows(lexiconFolder + "/countries.tsv", columns: 5...8) {
      lexicon.countries.append(
        CountryEntry(
          code: row[0], name: row[1], aliases: row.list(2), demonyms: row.list(3), capitals: row.list(4),
          ambiguousCapitals: row.list(5), isHistorical: row.field(6) == "1",
          headTitles: row.list(7).map { $0.lowercased() }))
    }
    for row in try TSVFile.rows(lexiconFolder + "/organizations.tsv", columns: 3...4) {
      let country = row.field(3)
      lexicon.organizations.append(
        OrganizationEntry(name: row[0], aliases: row.list(1), kind: row[2], country: country.isEmpty ? nil : country))
    }
    for row in try TSVFile.rows(lexiconFolder + "/titles.tsv", columns: 3...4) {
      guard row[1] == "leader" || row[1] == "member" else {
        throw InputError("class must be 'leader' or 'member', not '\(row[1])'", at: row.location)
      }
      lexicon.titles.append(
        TitleEntry(phrase: row[0].lowercased(), isLeader: row[1] == "leader", role: row[2], scope: row.field(3)))
    }
    lexicon.givenNames = try TSVFile.words(lexiconFolder + "/given_names.txt", lowercased: true)
    lexicon.ambiguousGivenNames = try TSVFile.words(lexiconFolder + "/ambiguous_given_names.txt", lowercased: true)
    lexicon.honorifics = Set(
      try TSVFile.words(lexiconFolder + "/honorifics.txt", lowercased: true).map { $0.hasSuffix(".") ? String($0.dropLast()) : $0 })
    lexicon.nonEntityWords = try TSVFile.words(lexiconFolder + "/nonentity_capitalized.txt", lowercased: true)
    lexicon.organizationSuffixes = try TSVFile.words(lexiconFolder + "/organization_suffixes.txt", lowercased: false)

    for row in try TSVFile.rows(rulesFolder + "/speech_verbs.txt", columns: 1...2) {
      lexicon.speechVerbs[row[0].lowercased()] = row.field(1) == "addressee"
    }
    for row in try TSVFile.rows(rulesFolder + "/triggers.tsv", columns: 3...3) {
      guard let role = TriggerEntry.Role(rawValue: row[2]) else {
        throw InputError("role must be verb, noun or joint, not '\(row[2])'", at: row.location)
      }
      for form in row.list(1) {
        lexicon.triggers.append(
          TriggerEntry(type: row[0], words: form.lowercased().split(separator: " ").map(String.init), role: role))
      }
    }
    for row in try TSVFile.rows(rulesFolder + "/status.tsv", columns: 2...2) {
      lexicon.statusCues.append((row[0], row[1].lowercased().split(separator: " ").map(String.init)))
    }
    for row in try TSVFile.rows(rulesFolder + "/abbreviations.txt", columns: 1...2) {
      lexicon.abbreviations.insert(row[0].lowercased())
      if row.field(1) == "title" { lexicon.titleAbbreviations.insert(row[0].lowercased()) }
    }
    lexicon.abbreviations.formUnion(lexicon.honorifics.filter { !$0.contains(" ") })
    lexicon.sentenceStarters = try TSVFile.words(rulesFolder + "/sentence_starters.txt", lowercased: true)
    lexicon.spokesGroups = try TSVFile.words(rulesFolder + "/spokesgroups.txt", lowercased: true)
    for row in try TSVFile.rows(rulesFolder + "/pronouns.tsv", columns: 2...2) {
      lexicon.pronouns[row[0].lowercased()] = row[1]
    }
    return lexicon
  }

  /// The lexicon shipped with NewsGraph, found beside the executable (SwiftPM's
  /// resource bundle) or in the source tree of a development checkout.
  ///
  /// - Throws: `InputError` when neither place holds it (pass `--lexicon DIR` then).
  public static func bundled() throws(InputError) -> Lexicon {
    guard let folder = bundledFolder() else {
      throw InputError("the lexicon data was not found beside the binary; pass --lexicon DIR (the folder holding lexicon/ and rules/)")
    }
    return try load(from: folder)
  }

  /// Where the shipped lexicon is, if it can be found.
  public static func bundledFolder() -> String? {
    let fileManager = FileManager.default
    var candidates: [String] = []
    let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
    let binaryFolder = executable.deletingLastPathComponent().path
    candidates.append(binaryFolder + "/NewsGraph_KGExtraction.resources")
    if let main = Bundle.main.executableURL?.resolvingSymlinksInPath().deletingLastPathComponent().path {
      candidates.append(main + "/NewsGraph_KGExtraction.resources")
    }
    // A development checkout: Sources/KGExtraction/Resources beside this file.
    let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    candidates.append(source.appendingPathComponent("Resources").path)
    return candidates.first { fileManager.fileExists(atPath: $0 + "/lexicon/countries.tsv") }
  }
}
