import Foundation

/// Deterministic node ids for entities: `person:donald-trump`, `country:united-states`.
///
/// The id depends only on the entity type and the canonical name, so one entity gets
/// the same id in every article's graph. Ids are ASCII NMTOKENs, as the GraphML
/// schema requires: letters are lowercased and their diacritics folded (`Zoë Müller`
/// → `zoe-muller`), apostrophes and dots vanish (`O'Brien` → `obrien`, `U.S.` → `us`),
/// other runs of punctuation and spaces become one `-`. A name with no ASCII letters
/// or digits (`Путин`, `習近平`) gets `u-` and a short hash of its text instead.
public enum EntityID {
  /// The id of the entity of `type` called `name`.
  public static func make(type: EntityType, name: String) -> String {
    make(prefix: type.idPrefix, name: name)
  }

  /// The id for a name under any prefix (`prefix:slug`).
  public static func make(prefix: String, name: String) -> String {
    let slug = self.slug(name)
    if slug.isEmpty { return "\(prefix):u-\(shortHash(name.precomposedStringWithCanonicalMapping))" }
    if slug.utf8.count > 64 {
      let cut = String(slug.prefix(48)).trimmingCharacters(in: CharacterSet(charactersIn: "-"))
      return "\(prefix):\(cut)-\(shortHash(slug))"
    }
    return "\(prefix):\(slug)"
  }

  /// Lowercase ASCII letters and digits of `name`, words joined by `-`.
  public static func slug(_ name: String) -> String {
    var output = ""
    var pendingDash = false
    for scalar in ASCIIFolding.fold(name).unicodeScalars {
      switch scalar {
      case "a"..."z", "0"..."9":
        if pendingDash && !output.isEmpty { output.append("-") }
        pendingDash = false
        output.unicodeScalars.append(scalar)
      case "A"..."Z":
        if pendingDash && !output.isEmpty { output.append("-") }
        pendingDash = false
        output.unicodeScalars.append(Unicode.Scalar(scalar.value + 32) ?? scalar)
      case "'", ".", "\u{2019}", "\u{02BC}":
        continue
      default:
        pendingDash = true
      }
    }
    return output
  }

  /// Eight base-32 characters of the 64-bit FNV-1a hash of `text`'s UTF-8 bytes.
  public static func shortHash(_ text: String) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in text.utf8 {
      hash ^= UInt64(byte)
      hash = hash &* 0x0000_0100_0000_01b3
    }
    let alphabet = Array("0123456789abcdefghjkmnpqrstvwxyz")
    var output = ""
    for _ in 0..<8 {
      output.append(alphabet[Int(hash & 31)])
      hash >>= 5
    }
    return output
  }
}

/// Folds Latin letters with diacritics and ligatures to plain ASCII (`é` → `e`,
/// `ß` → `ss`, `Ł` → `L`); leaves other scripts as they are.
public enum ASCIIFolding {
  private static let special: [Character: String] = [
    "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ø": "o", "Ø": "O",
    "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th", "Þ": "Th",
    "ı": "i", "ħ": "h", "Ħ": "H", "ŋ": "ng", "Ŋ": "NG",
  ]

  /// `text` with diacritics removed and the letters above spelled out in ASCII.
  public static func fold(_ text: String) -> String {
    var output = ""
    output.reserveCapacity(text.utf8.count)
    for character in text {
      if character.isASCII {
        output.append(character)
      } else if let replacement = special[character] {
        output.append(replacement)
      } else {
        for scalar in String(character).decomposedStringWithCanonicalMapping.unicodeScalars
        where !(0x0300...0x036F).contains(scalar.value) {
          output.unicodeScalars.append(scalar)
        }
      }
    }
    return output
  }
}
