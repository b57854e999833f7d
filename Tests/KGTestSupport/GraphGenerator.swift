import KGGraph

/// Generates graphs full of awkward values for round-trip and law tests: quotes,
/// `<`, `&`, emoji, Cyrillic, Arabic, control characters, whitespace at the edges,
/// huge and negative numbers, NaN and infinities, empty and one-element lists,
/// parallel edges and self-loops, and properties whose type differs between elements.
public struct GraphGenerator {
  /// Strings chosen to break naive writers and readers.
  public static let awkwardStrings: [String] = [
    "Ada Lovelace", "\"quoted\" and 'single'", "a < b && c > d", "&amp; literally", "]]> end of CDATA",
    "emoji 🎉👩‍👩‍👧", "Владимир Зеленский", "محمد بن سلمان", "習近平", "Zoë Müller-Łukasz",
    "tab\there", "line\nbreak", "carriage\r\nreturn", "control\u{01}\u{1F}chars", "  padded  ", "",
    "pipe | and \\ backslash", "\\e", "-->", "<!-- not a comment -->", "x\u{FFFE}y", "\u{2028}separator",
  ]

  private var random: SeededRandom

  /// Creates a generator for one seed.
  public init(seed: UInt64) { random = SeededRandom(seed: seed) }

  /// A graph with up to `maximumNodes` nodes and `maximumEdges` edges.
  /// Node ids that are not XML name tokens: markup characters, spaces, other scripts,
  /// and text that looks like a `_xHHHH_` escape.
  public static let awkwardIDs: [String] = [
    "a<&\"b\">", "two words", "Путин", "🎉", "_x0020_", "a_xb", "tab\there", "ends_x", "_", "1st", "x:y",
  ]

  /// With `awkwardIDs`, some node ids are taken from ``awkwardIDs``.
  public mutating func graph(maximumNodes: Int = 12, maximumEdges: Int = 24, awkwardIDs: Bool = false) -> Graph {
    var graph = Graph()
    let nodeCount = Int.random(in: 0...maximumNodes, using: &random)
    let labelChoices = [["Person"], ["Country"], ["Organization"], [], ["Person", "Leader"]]
    for index in 0..<nodeCount {
      var properties: [String: PropertyValue] = [:]
      for name in ["name", "aliases", "code", "score", "flag", "count", "note", "shared name", "labels", "type"] where Bool.random(using: &random) {
        properties[name] = value()
      }
      let labels = labelChoices[Int.random(in: 0..<labelChoices.count, using: &random)]
      // Ids must be unique; some carry characters that need escaping in attributes.
      let id =
        awkwardIDs && Bool.random(using: &random)
        ? Self.awkwardIDs[Int.random(in: 0..<Self.awkwardIDs.count, using: &random)] + "\(index)"
        : "person:n-\(index)"
      _ = try? graph.addNode(Node(id: id, labels: labels, properties: properties))
    }
    if Bool.random(using: &random) { graph.properties["source"] = value() }
    guard graph.nodeCount > 0 else { return graph }
    let edgeCount = Int.random(in: 0...maximumEdges, using: &random)
    let types = ["met", "talked_to", "said", "proposed", "leads", "member_of", "RELATED"]
    for index in 0..<edgeCount {
      var properties: [(String, PropertyValue)] = []
      for name in ["status", "evidence", "quote", "articles", "weight", "confidence", "label", "type", "interaction"]
      where Bool.random(using: &random) {
        properties.append((name, value()))
      }
      _ = try? graph.addEdge(
        id: "e\(index)", sourceIndex: Int.random(in: 0..<graph.nodeCount, using: &random),
        targetIndex: Int.random(in: 0..<graph.nodeCount, using: &random),
        type: types[Int.random(in: 0..<types.count, using: &random)], properties: properties)
    }
    return graph
  }

  /// A random property value of a random kind.
  public mutating func value() -> PropertyValue {
    switch Int.random(in: 0..<9, using: &random) {
    case 0, 1: return .string(string())
    case 2: return .integer(integer())
    case 3: return .float(float())
    case 4: return .boolean(Bool.random(using: &random))
    case 5: return .list((0..<Int.random(in: 0...4, using: &random)).map { _ in .string(string()) })
    case 6: return .list((0..<Int.random(in: 1...3, using: &random)).map { _ in .integer(integer()) })
    case 7: return .list((0..<Int.random(in: 1...3, using: &random)).map { _ in .float(float()) })
    default: return .list((0..<Int.random(in: 1...3, using: &random)).map { _ in .boolean(Bool.random(using: &random)) })
    }
  }

  private mutating func string() -> String {
    Self.awkwardStrings[Int.random(in: 0..<Self.awkwardStrings.count, using: &random)]
  }

  private mutating func integer() -> Int {
    [0, 1, -1, 42, Int(Int32.max), Int(Int32.max) + 1, Int.max, Int.min, -7_000_000_000][
      Int.random(in: 0..<9, using: &random)]
  }

  private mutating func float() -> Double {
    [0.0, -0.0, 1.0, 0.1, -2.5e-300, 1e300, .infinity, -.infinity, .nan, 3.141592653589793][
      Int.random(in: 0..<10, using: &random)]
  }
}
