import KGGraph

/// Builds a deterministic graph shaped like the ones NewsGraph extracts from news.
///
/// Nodes are labelled `Person`, `Country` or `Organization`, with ids such as
/// `person:zoe-muller-123` (``EntityID`` plus the node's number, so ids are unique)
/// and the properties `name` (often non-ASCII), `aliases` (a list of strings) and,
/// for countries, `code`. Edges are `met`, `talked_to`, `said` or `proposed`, with
/// `status`, `evidence` (about 80 characters with quotes, `&`, `<` and non-ASCII
/// text), `quote` (on `said` edges), `articles` (a list of strings) and `weight`.
/// About 5% of the edges repeat the ends of an earlier edge (parallel edges).
///
/// ```swift
/// var generator = NewsGraphGenerator(nodes: 10_000, edges: 50_000)
/// let graph = try generator.makeGraph()
/// ```
struct NewsGraphGenerator {
  /// The seed of every benchmark graph; change it and every figure changes file.
  static let seed: UInt64 = 20_240_611

  let nodeCount: Int
  let edgeCount: Int
  private var random: SplitMix64

  /// Creates a generator for a graph of `nodes` nodes and `edges` edges.
  ///
  /// - Precondition: `nodes >= 2` (edges join two different nodes).
  init(nodes: Int, edges: Int, seed: UInt64 = NewsGraphGenerator.seed) {
    precondition(nodes >= 2, "the benchmark graph needs at least 2 nodes, got \(nodes)")
    nodeCount = nodes
    edgeCount = edges
    random = SplitMix64(seed: seed)
  }

  /// The graph; the same one for the same sizes and seed.
  ///
  /// - Throws: ``GraphError`` only if the generator itself is wrong (duplicate ids).
  mutating func makeGraph() throws(GraphError) -> Graph {
    var graph = Graph()
    for index in 0..<nodeCount {
      try graph.addNode(node(at: index))
    }
    for index in 0..<edgeCount {
      try addEdge(number: index, to: &graph)
    }
    return graph
  }

  // MARK: Nodes

  private mutating func node(at index: Int) -> Node {
    switch random.below(100) {
    case 0..<60: person(at: index)
    case 60..<85: organization(at: index)
    default: country(at: index)
    }
  }

  private mutating func person(at index: Int) -> Node {
    let first = random.pick(Vocabulary.firstNames)
    let last = random.pick(Vocabulary.lastNames)
    let name = "\(first) \(last)"
    let forms = ["\(first.prefix(1)). \(last)", last, "\(first) \(last.prefix(1))."]
    let aliases = forms.prefix(random.inRange(1...3)).map(PropertyValue.string)
    return Node(
      id: EntityID.make(type: .person, name: name) + "-\(index)", labels: [EntityType.person.rawValue],
      properties: ["name": .string(name), "aliases": .list(aliases)])
  }

  private mutating func country(at index: Int) -> Node {
    let country = random.pick(Vocabulary.countries)
    return Node(
      id: EntityID.make(type: .country, name: country.name) + "-\(index)", labels: [EntityType.country.rawValue],
      properties: [
        "name": .string(country.name), "code": .string(country.code),
        "aliases": .list([.string(country.english), .string(country.code)]),
      ])
  }

  private mutating func organization(at index: Int) -> Node {
    let head = random.pick(Vocabulary.organizationHeads)
    let tail = random.pick(Vocabulary.organizationTails)
    let name = "\(head) \(tail)"
    let acronym = String(head.prefix(1) + tail.prefix(1)).uppercased()
    return Node(
      id: EntityID.make(type: .organization, name: name) + "-\(index)",
      labels: [EntityType.organization.rawValue],
      properties: ["name": .string(name), "aliases": .list([.string(acronym)])])
  }

  // MARK: Edges

  private mutating func addEdge(number index: Int, to graph: inout Graph) throws(GraphError) {
    let (source, target) = ends(given: graph)
    let type = random.pick(Vocabulary.edgeTypes)
    var properties: [(String, PropertyValue)] = [
      ("status", .string(status())),
      ("evidence", .string(evidence(number: index))),
    ]
    if type == "said" { properties.append(("quote", .string(quote()))) }
    let articles = articleIDs()
    properties.append(("articles", .list(articles.map(PropertyValue.string))))
    properties.append(("weight", .integer(articles.count + random.below(4))))
    try graph.addEdge(id: "e\(index)", sourceIndex: source, targetIndex: target, type: type, properties: properties)
  }

  /// The ends of the next edge: 5% repeat an earlier edge's ends, the others are two
  /// different random nodes.
  private mutating func ends(given graph: Graph) -> (source: Int, target: Int) {
    if graph.edgeCount > 0 && random.chance(percent: 5) {
      let earlier = random.below(graph.edgeCount)
      return (graph.edgeSourceIndex(at: earlier), graph.edgeTargetIndex(at: earlier))
    }
    let source = random.below(nodeCount)
    var target = random.below(nodeCount - 1)
    if target >= source { target += 1 }
    return (source, target)
  }

  private mutating func status() -> String {
    switch random.below(100) {
    case 0..<55: "occurred"
    case 55..<75: "planned"
    case 75..<90: "hypothetical"
    default: "negated"
    }
  }

  /// A sentence of about 80 characters: `"…" said Zoë Müller & co. <Reuters 12>`.
  private mutating func evidence(number: Int) -> String {
    var words: [String] = []
    var length = 0
    while length < 40 {
      let word = random.pick(Vocabulary.words)
      words.append(word)
      length += word.count + 1
    }
    let speaker = "\(random.pick(Vocabulary.firstNames)) \(random.pick(Vocabulary.lastNames))"
    return "\"\(words.joined(separator: " "))\", said \(speaker) & co. <\(random.pick(Vocabulary.outlets)) \(number % 97)>"
  }

  private mutating func quote() -> String {
    "We will not accept \(random.pick(Vocabulary.words)) without \(random.pick(Vocabulary.words)) – \"never\""
  }

  /// One to three article ids such as `reuters-2024-06-11-0421`.
  private mutating func articleIDs() -> [String] {
    (0..<random.inRange(1...3)).map { _ in
      let outlet = random.pick(Vocabulary.outlets).lowercased()
      let day = 1 + random.below(28)
      let number = random.below(10_000)
      return "\(outlet)-2024-06-\(day < 10 ? "0" : "")\(day)-\(number)"
    }
  }
}

/// The words the generated graph is made of.
private enum Vocabulary {
  static let firstNames = [
    "Angela", "Olaf", "Emmanuel", "Ursula", "Joe", "Xi", "Narendra", "Luiz", "Giorgia", "Pedro", "Zoë", "Søren",
    "Łukasz", "José", "Renée", "Björn", "Chloé", "Nikos", "Aylin", "Kwame", "Yuki", "Amara", "Mateo", "Ingrid",
  ]
  static let lastNames = [
    "Müller", "Dubois", "García", "Rossi", "Nowak", "Kowalski", "O'Brien", "Smith", "Nakamura", "Okafor", "Silva",
    "Jensen", "Novák", "Papadopoulos", "Yılmaz", "Haddad", "Ivanova", "Kim", "Nguyen", "Schmidt", "López",
  ]
  static let countries: [(name: String, code: String, english: String)] = [
    ("Côte d'Ivoire", "CIV", "Ivory Coast"), ("São Tomé and Príncipe", "STP", "Sao Tome"),
    ("Türkiye", "TUR", "Turkey"), ("España", "ESP", "Spain"), ("Österreich", "AUT", "Austria"),
    ("Perú", "PER", "Peru"), ("France", "FRA", "France"), ("Deutschland", "DEU", "Germany"),
    ("Ελλάδα", "GRC", "Greece"), ("日本", "JPN", "Japan"), ("Россия", "RUS", "Russia"),
    ("Åland", "ALA", "Aland Islands"), ("Curaçao", "CUW", "Curacao"), ("México", "MEX", "Mexico"),
    ("Ísland", "ISL", "Iceland"), ("Polska", "POL", "Poland"), ("Brasil", "BRA", "Brazil"),
    ("Kenya", "KEN", "Kenya"), ("Ghana", "GHA", "Ghana"), ("United States", "USA", "U.S."),
  ]
  static let organizationHeads = [
    "United", "International", "European", "Global", "National", "Fédération", "Zentral", "Nordic", "Pacific",
    "Atlantic",
  ]
  static let organizationTails = [
    "Council", "Bank", "Union", "Agency", "Alliance", "Fund", "Party", "Commission", "Forum", "Institute",
    "AT&T <Holdings>", "Organisation",
  ]
  static let edgeTypes = ["met", "talked_to", "said", "proposed"]
  static let words = [
    "talks", "summit", "agreement", "sanctions", "ceasefire", "trade", "tariffs", "climate", "energy", "minister",
    "delegation", "statement", "meeting", "budget", "security", "border", "vote", "reform", "aid", "treaty",
    "négociations", "Übereinkunft", "acordo", "porozumienie", "協定",
  ]
  static let outlets = ["Reuters", "AFP", "dpa", "ANSA", "EFE", "Kyodo", "PAP", "Agência"]
}
