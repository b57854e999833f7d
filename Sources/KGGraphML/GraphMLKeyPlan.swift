import KGGraph

/// The `<key>` declarations of one graph and where each key's values come from.
///
/// Keys are planned from the data: one key per (domain, property name, value kind).
/// A property that holds integers on some nodes and strings on others gets two keys:
/// `rank` for the first kind and `rank:integer` for the other (see
/// ``GraphMLVocabulary/variantAttributeName(_:suffix:)``). Derived keys (``GraphMLVocabulary``) come first
/// in each domain, then property keys sorted by name. Key ids are descriptive
/// (`node_name`, `edge_weight`), never `d0`, `d1`: Gephi reads a key `d3` as the label.
struct GraphMLKeyPlan {
  enum Domain: String { case graph, node, edge }

  /// Where a key's value comes from.
  enum Source {
    /// The node label: property `label`, else `name`, else the id.
    case nodeDisplayLabel
    /// Property `type`, else the first label.
    case nodeType
    /// All labels as `:A:B`.
    case nodeLabels
    /// The edge type.
    case edgeType
    /// Property `name` if it is a string, else the edge type.
    case edgeTypeFallback(property: String)
    /// A property's values of one variant.
    case property(name: String, variant: Variant)
  }

  /// A value kind, and whether the values are lists of it.
  struct Variant: Hashable, Comparable {
    var kind: PropertyValue.Kind
    var isList: Bool

    init(kind: PropertyValue.Kind, isList: Bool) {
      self.kind = kind
      self.isList = isList
    }

    init(of value: PropertyValue) {
      self.init(kind: value.kind ?? .string, isList: value.isList)
    }

    static let string = Variant(kind: .string, isList: false)

    static func < (lhs: Variant, rhs: Variant) -> Bool {
      (lhs.isList ? 1 : 0, lhs.kind) < (rhs.isList ? 1 : 0, rhs.kind)
    }

    var suffix: String { (isList ? "list_" : "") + kind.rawValue }
  }

  struct Key {
    var id: String
    var domain: Domain
    var attributeName: String
    var attributeType: String
    var listElementType: String?
    var source: Source
  }

  private(set) var graphKeys: [Key] = []
  private(set) var nodeKeys: [Key] = []
  private(set) var edgeKeys: [Key] = []
  private var usedIDs: Set<String> = []

  init(graph: Graph) {
    nodeKeys.append(derivedKey("node", .node, GraphMLVocabulary.nodeLabel, .nodeDisplayLabel))
    nodeKeys.append(derivedKey("node", .node, GraphMLVocabulary.nodeType, .nodeType))
    nodeKeys.append(derivedKey("node", .node, GraphMLVocabulary.nodeLabels, .nodeLabels))
    edgeKeys.append(derivedKey("edge", .edge, GraphMLVocabulary.edgeType, .edgeType))
    edgeKeys.append(
      derivedKey("edge", .edge, GraphMLVocabulary.edgeInteraction, .edgeTypeFallback(property: GraphMLVocabulary.edgeInteraction)))
    edgeKeys.append(
      derivedKey("edge", .edge, GraphMLVocabulary.edgeLabel, .edgeTypeFallback(property: GraphMLVocabulary.edgeLabel)))

    let nodeTaken = [GraphMLVocabulary.nodeLabel, GraphMLVocabulary.nodeType]
    for name in graph.nodePropertyNames {
      guard let column = graph.nodePropertyColumn(name) else { continue }
      let variants = Self.variants(column, count: graph.nodeCount)
      addPropertyKeys(
        domain: .node, name: name, variants: variants, column: column, count: graph.nodeCount,
        derivedStringKey: nodeTaken.contains(name), reserved: name == GraphMLVocabulary.nodeLabels)
    }
    let edgeTaken = [GraphMLVocabulary.edgeInteraction, GraphMLVocabulary.edgeLabel]
    for name in graph.edgePropertyNames {
      guard let column = graph.edgePropertyColumn(name) else { continue }
      let variants = Self.variants(column, count: graph.edgeCount)
      addPropertyKeys(
        domain: .edge, name: name, variants: variants, column: column, count: graph.edgeCount,
        derivedStringKey: edgeTaken.contains(name), reserved: name == GraphMLVocabulary.edgeType)
    }
    for name in graph.properties.keys.sorted() {
      guard let value = graph.properties[name] else { continue }
      let variant = Variant(of: value)
      let column = PropertyColumnBox(single: value)
      addPropertyKeys(
        domain: .graph, name: name, variants: [variant], values: column, derivedStringKey: false, reserved: false)
    }
  }

  private mutating func derivedKey(_ prefix: String, _ domain: Domain, _ name: String, _ source: Source) -> Key {
    let id = uniqueID("\(prefix)_\(name)")
    return Key(id: id, domain: domain, attributeName: name, attributeType: "string", listElementType: nil, source: source)
  }

  /// The kinds of value in `column`. Typed columns (``ColumnData``) know theirs without
  /// a scan; only general columns visit their values.
  private static func variants(_ column: PropertyColumn, count: Int) -> [Variant] {
    let data = column.data
    guard data.valueCount > 0 else { return [] }
    switch data.kind {
    case .empty: return []
    case .text: return [.string]
    case .textList: return [Variant(kind: .string, isList: true)]
    case .integer: return [Variant(kind: .integer, isList: false)]
    case .general:
      var found: Set<Variant> = []
      for value in data.values.prefix(count) {
        if let value { found.insert(Variant(of: value)) }
      }
      return found.sorted()
    }
  }

  private mutating func addPropertyKeys(
    domain: Domain, name: String, variants: [Variant], column: PropertyColumn, count: Int,
    derivedStringKey: Bool, reserved: Bool
  ) {
    addPropertyKeys(
      domain: domain, name: name, variants: variants, values: PropertyColumnBox(column: column, count: count),
      derivedStringKey: derivedStringKey, reserved: reserved)
  }

  private mutating func addPropertyKeys(
    domain: Domain, name: String, variants: [Variant], values: PropertyColumnBox,
    derivedStringKey: Bool, reserved: Bool
  ) {
    for (position, variant) in variants.enumerated() {
      // The derived key already carries string values of `label`, `type`, ... .
      if derivedStringKey && variant == .string { continue }
      // One attr.name per key (igraph refuses two keys with one name): the first kind
      // of a free name keeps the name, others get `NAME:KIND` (`score:float`).
      let plain = position == 0 && !derivedStringKey && !reserved
      let attributeName = plain ? name : GraphMLVocabulary.variantAttributeName(name, suffix: variant.suffix)
      let id = uniqueID("\(domain.rawValue)_\(Self.tokenize(plain ? name : name + "_" + variant.suffix))")
      let elementType = Self.attributeType(variant.kind, fitsInt32: values.fitsInt32(variant))
      let key = Key(
        id: id, domain: domain, attributeName: attributeName,
        attributeType: variant.isList ? "string" : elementType,
        listElementType: variant.isList ? elementType : nil,
        source: .property(name: name, variant: variant))
      switch domain {
      case .graph: graphKeys.append(key)
      case .node: nodeKeys.append(key)
      case .edge: edgeKeys.append(key)
      }
    }
  }

  private static func attributeType(_ kind: PropertyValue.Kind, fitsInt32: Bool) -> String {
    switch kind {
    case .string: "string"
    case .integer: fitsInt32 ? "int" : "long"
    case .float: "double"
    case .boolean: "boolean"
    }
  }

  private mutating func uniqueID(_ candidate: String) -> String {
    var id = candidate
    var counter = 2
    while usedIDs.contains(id) {
      id = "\(candidate)_\(counter)"
      counter += 1
    }
    usedIDs.insert(id)
    return id
  }

  /// `text` with every character that cannot be in an XML NMTOKEN replaced by `_`.
  static func tokenize(_ text: String) -> String {
    var output = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "a"..."z", "A"..."Z", "0"..."9", "_", "-", ".": output.unicodeScalars.append(scalar)
      default: output.append("_")
      }
    }
    return output.isEmpty ? "_" : output
  }
}

/// The values of one property across elements, or a single graph-level value.
struct PropertyColumnBox {
  private let column: PropertyColumn?
  private let single: PropertyValue?
  private let count: Int

  init(column: PropertyColumn, count: Int) {
    self.column = column
    self.single = nil
    self.count = count
  }

  init(single: PropertyValue) {
    self.column = nil
    self.single = single
    self.count = 1
  }

  /// Whether every integer of `variant` fits in 32 bits (GraphML `int`, else `long`).
  func fitsInt32(_ variant: GraphMLKeyPlan.Variant) -> Bool {
    guard variant.kind == .integer else { return true }
    func fits(_ value: PropertyValue) -> Bool {
      switch value {
      case .integer(let number): Int32(exactly: number) != nil
      case .list(let elements): elements.allSatisfy(fits)
      default: true
      }
    }
    if let single { return fits(single) }
    guard let column else { return true }
    let data = column.data
    switch data.kind {
    case .integer:
      for index in 0..<min(count, data.integers.count) where data.present[index] {
        if Int32(exactly: data.integers[index]) == nil { return false }
      }
      return true
    case .general:
      for value in data.values.prefix(count) {
        if let value, GraphMLKeyPlan.Variant(of: value) == variant, !fits(value) { return false }
      }
      return true
    case .empty, .text, .textList:
      return true
    }
  }
}
