import Foundation
import KGGraph

/// A person, country or organization of one article, with every name it goes by.
public struct Entity: Sendable, Hashable {
  public var type: EntityType
  /// The canonical name: the fullest name seen (for countries, the lexicon's name).
  public var name: String
  /// Every name form seen, in order of first appearance (titles and pronouns excluded).
  public var aliases: [String]
  /// ISO 3166-1 alpha-3 code, for countries.
  public var code: String?
  /// Where it is mentioned: (sentence, mention index) pairs.
  public var mentions: [MentionReference] = []

  /// The node id of the entity (``EntityID``).
  public var id: String { EntityID.make(type: type, name: name) }

  mutating func addAlias(_ alias: String) {
    guard !alias.isEmpty, !aliases.contains(alias) else { return }
    let trimmed = alias.first == " " || alias.last == " " ? alias.trimmingCharacters(in: .whitespaces) : alias
    guard !trimmed.isEmpty, !aliases.contains(trimmed) else { return }
    aliases.append(trimmed)
  }
}

/// A mention's place: its sentence and its index among that sentence's mentions.
public struct MentionReference: Sendable, Hashable {
  public var sentence: Int
  public var index: Int
}
