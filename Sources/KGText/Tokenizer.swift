/// Splits article text into tokens with UTF-8 offsets.
///
/// Rules, in order of precedence:
/// - whitespace separates tokens and is dropped;
/// - a word is a run of letters and digits that may hold inner apostrophes (`O'Brien`,
///   `don't`), hyphens (`Secretary-General`, `U.S.-Japanese`), dots between letters
///   (`U.S.`, `e.g.`) and a final dot when the word is a known abbreviation (`Mr.`,
///   `Jan.`, `Gen.`) or a single letter (an initial, `George W. Bush`);
/// - `'s`, `’s` and a lone apostrophe after a final `s` become a possessive token;
///   `n't` stays inside its word (`didn't`);
/// - numbers keep inner `,` and `.` followed by a digit (`5,000`, `1.5`);
/// - quotation marks and other punctuation are tokens of their own; `--` and `...`
///   are one token each.
public struct Tokenizer: Sendable {
  /// Lower-case abbreviations (without their final dot) that keep a final dot.
  public var abbreviations: Set<String>

  /// Creates a tokenizer that knows `abbreviations` (lower-case, no final dot: `mr`, `jan`).
  public init(abbreviations: Set<String>) {
    self.abbreviations = abbreviations
  }

  /// The tokens of `text`.
  ///
  /// - Complexity: O(n) in the length of the text.
  public func tokens(of text: String) -> [Token] {
    var tokens: [Token] = []
    tokens.reserveCapacity(text.utf8.count / 5)
    let scalars = Array(text.unicodeScalars)
    // UTF-8 offset of each scalar index, plus the end.
    var offsets = [Int](repeating: 0, count: scalars.count + 1)
    var running = 0
    for (index, scalar) in scalars.enumerated() {
      offsets[index] = running
      running += UTF8.width(scalar)
    }
    offsets[scalars.count] = running

    var index = 0
    var spaceBefore = true
    let bytes = Array(text.utf8)
    func make(_ start: Int, _ end: Int, _ kind: Token.Kind) -> Token {
      let string = String(decoding: bytes[offsets[start]..<offsets[end]], as: UTF8.self)
      return Token(text: string, kind: kind, start: offsets[start], end: offsets[end], spaceBefore: spaceBefore)
    }
    while index < scalars.count {
      let scalar = scalars[index]
      if Self.isSpace(scalar) {
        spaceBefore = true
        index += 1
        continue
      }
      if Self.isWordCharacter(scalar) {
        let end = wordEnd(scalars, from: index)
        let isNumber = scalars[index..<end].allSatisfy { Self.isDigit($0) || $0 == "," || $0 == "." }
        // Split a possessive ending off the word.
        var wordEnd = end
        var possessive: (Int, Int)?
        if end - index >= 3, Self.isApostrophe(scalars[end - 2]), scalars[end - 1] == "s" || scalars[end - 1] == "S" {
          wordEnd = end - 2
          possessive = (end - 2, end)
        }
        tokens.append(make(index, wordEnd, isNumber ? .number : .word))
        spaceBefore = false
        if let possessive {
          tokens.append(make(possessive.0, possessive.1, .possessive))
        }
        index = end
        // A lone apostrophe after a word ending in s is a plural possessive (`the Smiths'`).
        if index < scalars.count, Self.isApostrophe(scalars[index]), scalars[index - 1] == "s",
          index + 1 >= scalars.count || !Self.isWordCharacter(scalars[index + 1])
        {
          tokens.append(make(index, index + 1, .possessive))
          index += 1
        }
        continue
      }
      // Punctuation.
      var end = index + 1
      if scalar == "-" || scalar == "." {
        while end < scalars.count, scalars[end] == scalar { end += 1 }
      }
      let kind: Token.Kind = Self.isQuote(scalar) ? .quote : .punctuation
      tokens.append(make(index, end, kind))
      spaceBefore = false
      index = end
    }
    return tokens
  }

  /// The end (exclusive) of the word starting at `start`.
  private func wordEnd(_ scalars: [Unicode.Scalar], from start: Int) -> Int {
    var index = start
    let count = scalars.count
    while index < count {
      let scalar = scalars[index]
      if Self.isWordCharacter(scalar) {
        index += 1
        continue
      }
      let next = index + 1 < count ? scalars[index + 1] : nil
      let previous = scalars[index - 1]
      if let next, Self.isApostrophe(scalar), Self.isLetter(previous), Self.isLetter(next) {
        index += 1
        continue
      }
      if let next, scalar == "-" || scalar == "\u{2011}", Self.isWordCharacter(next) || next == "\u{2019}",
        Self.isWordCharacter(previous) || previous == "."
      {
        index += 1
        continue
      }
      if let next, scalar == "," || scalar == ".", Self.isDigit(previous), Self.isDigit(next) {
        index += 1
        continue
      }
      if scalar == "." {
        // Inside a dotted abbreviation: U.S, e.g (single letters between dots).
        if let next, Self.isLetter(next), Self.isLetter(previous), isSingleLetterRun(scalars, start, index) {
          index += 1
          continue
        }
        // A final dot of a dotted abbreviation (`U.S.`), an initial (`W.`) or a known abbreviation (`Mr.`).
        let word = String(String.UnicodeScalarView(scalars[start..<index])).lowercased()
        if word.contains(".") || (lastSegment(scalars, start, index) == 1 && previous.properties.isUppercase)
          || abbreviations.contains(word)
        {
          index += 1
          // `U.S.-Japanese` stays one word.
          if index + 1 < count, scalars[index] == "-", Self.isLetter(scalars[index + 1]) { continue }
        }
        break
      }
      break
    }
    return index
  }

  /// Whether the word so far is letters separated by dots with single letters (`U.S`, `e.g`).
  private func isSingleLetterRun(_ scalars: [Unicode.Scalar], _ start: Int, _ end: Int) -> Bool {
    var length = 0
    for index in start..<end {
      if scalars[index] == "." {
        if length != 1 { return false }
        length = 0
      } else if Self.isLetter(scalars[index]) {
        length += 1
      } else {
        return false
      }
    }
    return length == 1
  }

  /// The length of the letters after the last dot or hyphen of the word so far.
  private func lastSegment(_ scalars: [Unicode.Scalar], _ start: Int, _ end: Int) -> Int {
    var length = 0
    for index in start..<end {
      if scalars[index] == "." || scalars[index] == "-" { length = 0 } else { length += 1 }
    }
    return length
  }

  static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
    if scalar.isASCII { return scalar == " " || scalar == "\n" || scalar == "\t" || scalar == "\r" || scalar.value == 0x0C }
    return scalar.properties.isWhitespace
  }

  static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
    scalar.isASCII ? (("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)) : scalar.properties.isAlphabetic
  }

  static func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }

  static func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
    isLetter(scalar) || isDigit(scalar) || (!scalar.isASCII && scalar.properties.generalCategory == .nonspacingMark)
  }

  static func isApostrophe(_ scalar: Unicode.Scalar) -> Bool { scalar == "'" || scalar == "\u{2019}" }

  static func isQuote(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar {
    case "\"", "\u{201C}", "\u{201D}", "\u{2018}", "\u{2019}", "'", "\u{00AB}", "\u{00BB}", "\u{201E}": true
    default: false
    }
  }
}
