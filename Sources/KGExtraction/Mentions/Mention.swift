import KGText

/// A stretch of a sentence that names (or refers to) a person, country or organization.
public struct Mention: Sendable, Hashable {
  /// What the mention names.
  public enum Kind: Sendable, Hashable {
    /// A country by its code: its name, an alias, a demonym or a capital.
    case country(code: String)
    /// An organization: a lexicon entry, or a name found from its shape.
    case organization(name: String, lexiconIndex: Int?)
    /// A person's name (the words in ``Mention/nameWords``).
    case person
    /// A personal pronoun (`he`, `she`), resolved later.
    case pronoun(gender: String)
  }

  /// How the mention is written, which matters for aliases and metonymy.
  public enum Form: Sendable, Hashable {
    case name, acronym, demonym, capital, pronoun
  }

  public var kind: Kind
  public var form: Form
  /// The sentence it is in.
  public var sentence: Int
  /// The tokens it covers (indices into the document's tokens).
  public var tokens: Range<Int>
  /// The text as written.
  public var surface: String
  /// For persons: the words of the name, without titles or honorifics.
  public var nameWords: [String] = []
  /// Why the mention was taken (for `--explain`).
  public var reason: String
  /// Set by resolution: the entity this mention belongs to.
  public var entity: Int? = nil
}

/// An office title in a sentence ("Prime Minister", "Germany's foreign minister") and
/// what it attaches to.
public struct TitleUse: Sendable, Hashable {
  public var entry: TitleEntry
  /// The title words.
  public var tokens: Range<Int>
  public var sentence: Int
  /// The first token of the person holding it, if named (see ``SentenceAnalysis/mention(at:)``).
  public var holder: Int?
  /// The first token of the country or organization it is held in, if named.
  public var affiliation: Int?
  /// Whether a word such as `former` precedes it.
  public var isFormer: Bool
  /// Whether it stands for a person without naming them ("the US president").
  public var isReference: Bool
  /// For a title with no affiliation in the sentence: the entity it is taken to be
  /// held in, inferred from the article (and why).
  public var inferredAffiliation: Int? = nil
  public var inferenceReason: String? = nil
}
