/// A country (or historical state) of `lexicon/countries.tsv`.
public struct CountryEntry: Sendable, Hashable {
  /// ISO 3166-1 alpha-3 code (or a documented code for a historical state).
  public var code: String
  /// The short English name news uses ("United States").
  public var name: String
  /// Other names and forms ("U.S.", "America").
  public var aliases: [String]
  /// Adjectives and people nouns ("American", "Americans").
  public var demonyms: [String]
  /// Capitals and seats of government usable for the government ("Washington").
  public var capitals: [String]
  /// Capitals that are also common words or names; used only in strong contexts.
  public var ambiguousCapitals: [String]
  /// Whether the state no longer exists.
  public var isHistorical: Bool
  /// Lower-case titles of its head of state and of government ("president", "prime minister").
  public var headTitles: [String] = []
}

/// An organization of `lexicon/organizations.tsv`.
public struct OrganizationEntry: Sendable, Hashable {
  /// The canonical full name.
  public var name: String
  /// Acronyms and short forms.
  public var aliases: [String]
  /// What kind of body it is (`international`, `government`, `party`, `media`, ...).
  public var kind: String
  /// The alpha-3 code of the country it belongs to, if any.
  public var country: String?
}

/// An office title of `lexicon/titles.tsv`.
public struct TitleEntry: Sendable, Hashable {
  /// The lower-case phrase ("prime minister", "secretary-general").
  public var phrase: String
  /// Whether the office heads what it is held in (`leads`) rather than belonging to it (`member_of`).
  public var isLeader: Bool
  /// The role to store ("Prime Minister").
  public var role: String
  /// What the office is normally held in: `country`, `organization` or `any`.
  public var scope: String
}

/// A relation trigger of `rules/triggers.tsv`.
public struct TriggerEntry: Sendable, Hashable {
  /// How the trigger relates its parties.
  public enum Role: String, Sendable, Hashable { case verb, noun, joint }

  /// The relation type (`met`, `talked_to`, `proposed`).
  public var type: String
  /// The lower-case words of the trigger.
  public var words: [String]
  public var role: Role
}
