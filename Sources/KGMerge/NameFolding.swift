import KGGraph

/// Name keys for entity resolution across articles.
public enum NameFolding {
  /// Case, diacritics, punctuation and a leading "the" folded away: "The U.S." → "us",
  /// "Zoë  Müller-Łukasz" → "zoe muller lukasz".
  public static func fold(_ name: String) -> String {
    var words: [String] = []
    var current = ""
    for scalar in ASCIIFolding.fold(name).lowercased().unicodeScalars {
      if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
        current.unicodeScalars.append(scalar)
      } else if scalar == "'" || scalar == "." || scalar == "\u{2019}" {
        continue
      } else if !current.isEmpty {
        words.append(current)
        current = ""
      }
    }
    if !current.isEmpty { words.append(current) }
    if words.first == "the" && words.count > 1 { words.removeFirst() }
    return words.joined(separator: " ")
  }

  /// A transliteration-aware key: letters only, with the spellings that transliteration
  /// varies folded together (q/g/k, dh/d, ph/f, y/i, doubled letters): "Zelenskyy",
  /// "Zelensky" and "Zelenskiy" share a key; so do "Gaddafi", "Qaddafi" and "Kadhafi",
  /// and "Kim Jong-un" and "Kim Jong Un".
  public static func transliterationKey(_ name: String) -> String {
    var letters = Array(fold(name).unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) })
    var output: [Unicode.Scalar] = []
    var index = 0
    while index < letters.count {
      var scalar = letters[index]
      let next = index + 1 < letters.count ? letters[index + 1] : nil
      if (scalar == "d" || scalar == "k" || scalar == "t") && next == "h" {
        index += 1
      } else if scalar == "p" && next == "h" {
        scalar = "f"
        index += 1
      }
      switch scalar {
      case "q", "g", "c": scalar = "k"
      case "y", "j": scalar = "i"
      case "w": scalar = "v"
      case "z": scalar = "s"
      default: break
      }
      if output.last != scalar { output.append(scalar) }
      index += 1
    }
    letters = output
    return String(String.UnicodeScalarView(letters))
  }
}
