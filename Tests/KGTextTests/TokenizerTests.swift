import KGText
import Testing

let testAbbreviations: Set<String> = ["mr", "mrs", "ms", "dr", "gen", "sen", "jan", "feb", "st", "no", "gov", "rep", "prof", "lt", "col", "corp", "inc", "co", "vs"]
let testStarters: Set<String> = ["the", "he", "she", "it", "they", "we", "i", "but", "in", "a", "an", "this", "that"]
let analyzer = TextAnalyzer(
  tokenizer: Tokenizer(abbreviations: testAbbreviations),
  splitter: SentenceSplitter(sentenceStarters: testStarters, titleAbbreviations: ["mr", "mrs", "ms", "dr", "gen", "sen", "gov", "rep", "prof", "lt", "col", "st"]))

func words(_ text: String) -> [String] {
  Tokenizer(abbreviations: testAbbreviations).tokens(of: text).map(\.text)
}

func sentences(_ text: String, headline: Bool = false) -> [String] {
  let document = analyzer.analyze(id: "t", text: text, headline: headline)
  return document.sentences.map { document.text(of: $0) }
}

@Suite struct TokenizerTests {
  @Test(arguments: [
    ("Trump's plan", ["Trump", "'s", "plan"]),
    ("Trump’s plan", ["Trump", "’s", "plan"]),
    ("the allies' plan", ["the", "allies", "'", "plan"]),
    ("O'Brien didn't go", ["O'Brien", "didn't", "go"]),
    ("U.S. officials", ["U.S.", "officials"]),
    ("the U.S.-Japanese talks", ["the", "U.S.-Japanese", "talks"]),
    ("NATO Secretary-General Mark Rutte", ["NATO", "Secretary-General", "Mark", "Rutte"]),
    ("Mr. Smith and Gen. Jones", ["Mr.", "Smith", "and", "Gen.", "Jones"]),
    ("George W. Bush", ["George", "W.", "Bush"]),
    ("5,000 billion yen and 1.5 pct", ["5,000", "billion", "yen", "and", "1.5", "pct"]),
    ("“I will,” he said.", ["“", "I", "will", ",", "”", "he", "said", "."]),
    ("war -- no matter", ["war", "--", "no", "matter"]),
    ("in 1987.", ["in", "1987", "."]),
    ("Zoë Müller-Łukasz", ["Zoë", "Müller-Łukasz"]),
  ])
  func splitsWordsPossessivesAbbreviationsAndQuotes(text: String, expected: [String]) {
    #expect(words(text) == expected)
  }

  @Test func offsetsPointIntoTheText() {
    let text = "Zoë met “Ada” in Kyiv."
    let tokens = Tokenizer(abbreviations: []).tokens(of: text)
    let utf8 = Array(text.utf8)
    for token in tokens {
      #expect(String(decoding: utf8[token.start..<token.end], as: UTF8.self) == token.text)
    }
    #expect(tokens.map(\.kind) == [.word, .word, .quote, .word, .quote, .word, .word, .punctuation])
  }
}

@Suite struct SentenceSplitterTests {
  @Test func headlineAndParagraphsAreSentences() {
    #expect(
      sentences("LEADERS MEET IN OSLO\nThe two leaders met. They spoke.\nA new paragraph", headline: true) == [
        "LEADERS MEET IN OSLO", "The two leaders met.", "They spoke.", "A new paragraph",
      ])
  }

  @Test(arguments: [
    ("Mr. Smith met Gen. Jones on Jan. 5. They talked.", ["Mr. Smith met Gen. Jones on Jan. 5.", "They talked."]),
    ("President George W. Bush spoke. He left.", ["President George W. Bush spoke.", "He left."]),
    ("The U.S. Senate voted. It passed.", ["The U.S. Senate voted.", "It passed."]),
    ("He went to the U.S. The trip was long.", ["He went to the U.S.", "The trip was long."]),
    ("Growth was 1.5 pct. Prices rose.", ["Growth was 1.5 pct.", "Prices rose."]),
    ("“We will win,” she said. “Soon.”", ["“We will win,” she said.", "“Soon.”"]),
    ("“We will win.” Then she left.", ["“We will win.”", "Then she left."]),
    ("Is it over? No. It is not!", ["Is it over?", "No.", "It is not!"]),
    ("He said it (in Paris.) Then left.", ["He said it (in Paris.)", "Then left."]),
    ("prices rose. they fell", ["prices rose. they fell"]),
  ])
  func sentencesSurviveAbbreviationsInitialsDecimalsAndQuotes(text: String, expected: [String]) {
    #expect(sentences(text) == expected)
  }

  @Test func emptyTextHasNoSentences() {
    #expect(sentences("").isEmpty)
    #expect(sentences("   \n  ").isEmpty)
  }

  @Test func windowsLineEndsAndNonBreakingSpacesAreNormalized() {
    let document = analyzer.analyze(id: "t", text: "One.\r\nTwo\u{00A0}words.", headline: false)
    #expect(document.text == "One.\nTwo words.")
    #expect(document.sentences.count == 2)
  }
}
