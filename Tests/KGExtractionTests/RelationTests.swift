import KGExtraction
import KGGraph
import Testing

@Suite struct RelationTests {
  @Test(arguments: [
    "Prime Minister Maria Lindqvist met President Tomás Herrera in Santiago.",
    "Prime Minister Maria Lindqvist met with President Tomás Herrera on Monday.",
    "Maria Lindqvist and Tomás Herrera met in Santiago.",
    "Maria Lindqvist held talks with Tomás Herrera.",
    "The talks between Maria Lindqvist and Tomás Herrera lasted two hours.",
    "During Maria Lindqvist's meeting with Tomás Herrera, protesters gathered outside.",
  ])
  func meetingsInManyPhrasings(text: String) throws {
    let found = try Shipped.relations(text)
    #expect(found.contains("Maria Lindqvist met Tomás Herrera") || found.contains("Tomás Herrera met Maria Lindqvist"), "\(found)")
  }

  @Test(arguments: [
    ("Maria Lindqvist will meet Tomás Herrera next week.", "planned"),
    ("Maria Lindqvist plans to meet Tomás Herrera.", "planned"),
    ("Maria Lindqvist could meet Tomás Herrera if the talks go well.", "hypothetical"),
    ("Maria Lindqvist did not meet Tomás Herrera.", "negated"),
    ("Maria Lindqvist refused to meet Tomás Herrera.", "negated"),
    ("Maria Lindqvist met Tomás Herrera on Monday.", "occurred"),
  ])
  func statusFollowsModality(text: String, status: String) throws {
    let found = try Shipped.relations(text, status: true)
    #expect(found.contains("Maria Lindqvist met Tomás Herrera [\(status)]"), "\(found)")
  }

  @Test(arguments: [
    "Maria Lindqvist spoke by phone with Tomás Herrera on Tuesday.",
    "Maria Lindqvist talked to Tomás Herrera about copper.",
    "Maria Lindqvist telephoned Tomás Herrera.",
  ])
  func callsAreTalks(text: String) throws {
    let found = try Shipped.relations(text)
    #expect(found.contains("Maria Lindqvist talked_to Tomás Herrera"), "\(found)")
  }

  @Test func quotesAreSaidByTheirSpeakerWhereverTheSpeakerStands() throws {
    for text in [
      "“Chile and Sweden are partners,” Maria Lindqvist said.",
      "“Chile and Sweden are partners,” said Maria Lindqvist, the Swedish prime minister.",
      "Maria Lindqvist said: “Chile and Sweden are partners.”",
    ] {
      let found = try Shipped.relations(text)
      #expect(found.contains("Maria Lindqvist said Chile"), "\(text): \(found)")
    }
  }

  @Test func reportedSpeechAndAddressees() throws {
    let found = try Shipped.relations("Indian Finance Minister Ravi Menon told Reuters that India would keep buying oil from Russia.")
    #expect(found.contains("Ravi Menon said Reuters"))
    #expect(found.contains("Ravi Menon said Russia"))
    #expect(found.contains("Ravi Menon member_of India"))
  }

  @Test func firstPersonInAQuoteIsTheSpeaker() throws {
    let found = try Shipped.relations("“I will meet Tomás Herrera next week,” Maria Lindqvist said.", status: true)
    #expect(found.contains("Maria Lindqvist met Tomás Herrera [planned]"), "\(found)")
  }

  @Test(arguments: [
    ("Japanese Prime Minister Kenji Sato", "Kenji Sato leads Japan"),
    ("Canada's foreign minister Claire Dubois", "Claire Dubois member_of Canada"),
    ("Ruth Adler, Israel's ambassador to the UN,", "Ruth Adler member_of Israel"),
  ])
  func officesFromTitlesAndAppositions(phrase: String, expected: String) throws {
    let found = try Shipped.relations("\(phrase) arrived in Oslo on Monday.")
    #expect(found.contains(expected), "\(found)")
  }

  @Test func aProposalToAParty() throws {
    let found = try Shipped.relations("Sweden offered Chile a joint research fund.")
    #expect(found.contains("Sweden proposed Chile"), "\(found)")
  }

  @Test func theArticleGraphValidatesAndCarriesEvidence() throws {
    let result = try Shipped.result("Maria Lindqvist met Tomás Herrera. “We agreed,” Herrera said of Chile.")
    let graph = result.graph()
    #expect(graph.nodeCount >= 2)
    let met = try #require(graph.edges.first { $0.type == "met" })
    #expect(met.properties["evidence"] == ["Maria Lindqvist met Tomás Herrera."])
    #expect(met.properties["evidence_start"] == 0)
    #expect(met.properties["articles"] == ["test"])
  }
}
