import KGGraph

/// A relation between two entities of one article, with where it was read.
public struct Relation: Sendable, Hashable {
  public var type: RelationType
  /// Entity indices.
  public var source: Int
  public var target: Int
  /// For events: occurred, planned, hypothetical or negated.
  public var status: RelationStatus?
  /// For `leads` and `member_of`: the office.
  public var role: String?
  /// The sentence it was read from.
  public var sentence: Int
  /// For `said`: the quoted or reported statement.
  public var quote: String?
  /// The rule that fired (for `--explain`).
  public var rule: String

  /// The key that makes one relation per article: type and ends (either order for symmetric types).
  var key: String {
    if type.isSymmetric && target < source { return "\(type.rawValue)|\(target)|\(source)" }
    return "\(type.rawValue)|\(source)|\(target)"
  }
}
