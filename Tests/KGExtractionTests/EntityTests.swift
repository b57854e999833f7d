import KGExtraction
import KGGraph
import Testing

@Suite struct EntityTests {
  @Test(arguments: [
    ("French President Emmanuel Macron arrived on Tuesday.", ["Person:Emmanuel Macron", "Country:France"]),
    ("The talks were hosted by Kenyan President Amara Otieno.", ["Person:Amara Otieno", "Country:Kenya"]),
    ("Germany's foreign minister Annalena Baerbock spoke first.", ["Person:Annalena Baerbock", "Country:Germany"]),
    ("NATO Secretary-General Mark Rutte warned allies.", ["Person:Mark Rutte", "Organization:North Atlantic Treaty Organization"]),
    ("Mr. Okonkwo declined to comment.", ["Person:Okonkwo"]),
    ("Dmitri Volkov, the Kremlin's spokesman, said nothing.", ["Person:Dmitri Volkov", "Organization:Kremlin"]),
  ])
  func namesAreFoundFromTitlesHonorificsAndAppositions(text: String, expected: [String]) throws {
    let found = try Shipped.entities(text)
    for entity in expected { #expect(found.contains(entity), "\(text): \(found)") }
  }

  @Test(arguments: [
    ("Syrian President Karim al-Haddad did not attend.", "Person:Karim al-Haddad"),
    ("President Omar Nabil el-Masri of Egypt opened the summit.", "Person:Omar Nabil el-Masri"),
    ("The envoy met Sheikh Hamad bin-Rashid in Doha.", "Person:Hamad bin-Rashid"),
  ])
  func hyphenatedNameParticlesStayInTheName(text: String, expected: String) throws {
    let found = try Shipped.entities(text)
    #expect(found.contains(expected), "\(text): \(found)")
  }

  @Test(arguments: ["“Growth is strong,” said Henrik Vale, an IMF director.", "Peter Shell chaired the meeting on Monday."])
  func aOneWordOrganizationAfterAGivenNameIsASurname(text: String) throws {
    let found = try Shipped.entities(text)
    #expect(found.contains { $0.hasPrefix("Person:") && ($0.hasSuffix(" Vale") || $0.hasSuffix(" Shell")) }, "\(found)")
    #expect(!found.contains { $0.hasPrefix("Organization:Vale") || $0.hasPrefix("Organization:Shell") }, "\(found)")
  }

  @Test func aNameKeepsItsParticlesAsWritten() throws {
    let result = try Shipped.result("Brazil's President Lula da Silva met reporters. Later, Silva left for Lima.")
    let people = result.entities.filter { $0.type == .person }
    #expect(people.count == 1)
    #expect(people.first?.name == "Lula da Silva")
  }

  @Test func aSurnameJoinsTheFullNameEvenWhenItComesFirst() throws {
    let result = try Shipped.result("Okafor said the plan was ready. Later, Nigerian President Bola Okafor signed it.")
    let people = result.entities.filter { $0.type == .person }
    #expect(people.count == 1)
    #expect(people.first?.name == "Bola Okafor")
    #expect(people.first?.aliases.contains("Okafor") == true)
  }

  @Test func demonymsCapitalsAndAcronymsNameTheirCountry() throws {
    let result = try Shipped.result("Russian troops moved closer. Moscow said the U.S. was to blame, and Washington rejected it.")
    let countries = Set(result.entities.filter { $0.type == .country }.map(\.name))
    #expect(countries == ["Russia", "United States"])
  }

  @Test func aCapitalThatIsOnlyAPlaceIsNoEntity() throws {
    let found = try Shipped.entities("The talks will be held in Geneva next week, officials said.")
    #expect(!found.contains("Country:Switzerland"))
  }

  @Test func sentenceStartsAndHeadlineCapitalsMakeNoJunkEntities() throws {
    let found = try Shipped.entities(
      "LEADERS PLEDGE NEW AID FOR FARMERS\nHowever, the ministers disagreed. Speaking on Monday, Chancellor Ingrid Falk said Germany would pay.",
      headline: true)
    #expect(found.allSatisfy { !$0.contains("Leaders") && !$0.contains("However") && !$0.contains("Speaking") && !$0.contains("Aid") })
    #expect(found.contains("Person:Ingrid Falk"))
  }

  @Test func anAcronymInBracketsIsAnAlias() throws {
    let result = try Shipped.result("The Progressive Farmers Party (PFP) won. The PFP will govern alone.")
    let party = try #require(result.entities.first { $0.type == .organization })
    #expect(party.aliases.contains("PFP"))
    #expect(result.entities.filter { $0.type == .organization }.count == 1)
  }
}
