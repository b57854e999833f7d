/// The entity types of the ontology (`spec/ONTOLOGY.md`): node labels of extracted graphs.
public enum EntityType: String, CaseIterable, Sendable, Hashable {
  case person = "Person"
  case country = "Country"
  case organization = "Organization"

  /// The prefix of node ids of this type (`person` in `person:ada-lovelace`).
  public var idPrefix: String { rawValue.lowercased() }
}

/// The relation types of the ontology: edge types of extracted graphs.
public enum RelationType: String, CaseIterable, Sendable, Hashable {
  // Interactions (events).
  case met, talkedTo = "talked_to", said, proposed
  // States.
  case leads, memberOf = "member_of"
  // Extended types.
  case citizenOf = "citizen_of", partOf = "part_of", atWarWith = "at_war_with"
  case sanctioned, supported, criticized, threatened, accused, visited, interviewed

  /// Whether the relation reads the same both ways, so one edge in either direction
  /// stands for it.
  public var isSymmetric: Bool { self == .met || self == .talkedTo || self == .atWarWith }

  /// Whether the relation is one of the six core types that evaluation scores together.
  public var isCore: Bool {
    switch self {
    case .met, .talkedTo, .said, .proposed, .leads, .memberOf: true
    default: false
    }
  }
}

/// How an edge's relation stands, read from modality (`will meet`, `could meet`, `did not meet`).
public enum RelationStatus: String, CaseIterable, Sendable, Hashable {
  case occurred, planned, hypothetical, negated
}

/// Property names that the ontology gives a meaning to.
public enum OntologyProperty {
  /// Canonical name of an entity.
  public static let name = "name"
  /// Every name form of an entity (list of strings).
  public static let aliases = "aliases"
  /// ISO 3166-1 alpha-3 code of a country.
  public static let code = "code"
  /// The entity type (`Person`, `Country`, `Organization`).
  public static let type = "type"
  /// Relation status (``RelationStatus``).
  public static let status = "status"
  /// The office, for `leads` and `member_of`.
  public static let role = "role"
  /// The sentence(s) an edge was read from (list of strings).
  public static let evidence = "evidence"
  /// The quoted or reported statement of a `said` edge (list of strings).
  public static let quote = "quote"
  /// Ids of the articles an edge or entity was found in (list of strings).
  public static let articles = "articles"
  /// The number of distinct articles an edge was found in.
  public static let weight = "weight"
}
