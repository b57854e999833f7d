import KGText

/// A quotation in the article: its tokens (without the marks) and who said it.
struct QuoteSpan: Sendable {
  /// Token indices inside the quotation marks.
  var inner: Range<Int>
  /// The opening and closing mark tokens.
  var open: Int
  var close: Int
  /// The speaking entity, once attributed.
  var speaker: Int?
  /// The rule that attributed it.
  var rule: String = ""

  /// Pairs quotation marks over the whole document: “…”, «…», and straight "…"
  /// (toggled). Single quotes ‘…’ pair when an opening one is open. A quotation left
  /// open at a paragraph end closes there (news style reopens it in the next paragraph).
  static func find(in document: TextDocument) -> [QuoteSpan] {
    var spans: [QuoteSpan] = []
    var openDouble: Int?
    var openSingle: Int?
    var paragraphOfOpen = 0
    var paragraph = 0
    var sentenceOfToken = [Int](repeating: 0, count: document.tokens.count)
    for (index, sentence) in document.sentences.enumerated() {
      for token in sentence.tokens { sentenceOfToken[token] = index }
    }
    for (position, token) in document.tokens.enumerated() {
      let sentence = document.sentences[sentenceOfToken[position]]
      if sentence.startsParagraph && sentence.tokens.lowerBound == position {
        if let open = openDouble, paragraphOfOpen == paragraph, open + 1 < position {
          spans.append(QuoteSpan(inner: (open + 1)..<position, open: open, close: position - 1))
        }
        openDouble = nil
        openSingle = nil
        paragraph += 1
      }
      guard token.kind == .quote else { continue }
      switch token.text {
      case "\u{201C}", "\u{00AB}", "\u{201E}":
        openDouble = position
        paragraphOfOpen = paragraph
      case "\u{201D}", "\u{00BB}":
        if let open = openDouble {
          spans.append(QuoteSpan(inner: (open + 1)..<position, open: open, close: position))
          openDouble = nil
        }
      case "\"":
        if let open = openDouble {
          spans.append(QuoteSpan(inner: (open + 1)..<position, open: open, close: position))
          openDouble = nil
        } else {
          openDouble = position
          paragraphOfOpen = paragraph
        }
      case "\u{2018}":
        openSingle = position
      case "\u{2019}", "'":
        if let open = openSingle, position > open + 1 {
          spans.append(QuoteSpan(inner: (open + 1)..<position, open: open, close: position))
          openSingle = nil
        }
      default:
        break
      }
    }
    return spans.filter { !$0.inner.isEmpty }
  }
}
