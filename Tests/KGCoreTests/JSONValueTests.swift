import KGCore
import Testing

@Suite struct JSONValueTests {
  @Test func integersAndFloatsStayApart() throws {
    let value = try JSONValue.parse(#"{"a": 1, "b": 1.0, "c": -2e3, "d": [true, null, "x"]}"#)
    #expect(value["a"] == .integer(1))
    #expect(value["b"] == .float(1.0))
    #expect(value["c"] == .float(-2000))
    #expect(value["d"] == .array([.bool(true), .null, .string("x")]))
    #expect(value.serialized() == #"{"a":1,"b":1.0,"c":-2000.0,"d":[true,null,"x"]}"#)
  }

  @Test func membersKeepTheirOrder() throws {
    let text = #"{"z":1,"a":2,"m":3}"#
    #expect(try JSONValue.parse(text).serialized() == text)
  }

  @Test func stringsRoundTripEscapesAndNonASCII() throws {
    let original = "quote \" backslash \\ tab \t newline \n nul \u{0} emoji 🎉 Ж \u{2028}"
    var encoded = ""
    JSONValue.writeString(original, to: &encoded)
    #expect(try JSONValue.parse(encoded) == .string(original))
    #expect(try JSONValue.parse(#""\ud83c\udf89 \u00e9""#) == .string("🎉 é"))
  }

  @Test func integersTooLargeForIntBecomeFloats() throws {
    #expect(try JSONValue.parse("123456789012345678901234567890") == .float(1.2345678901234568e29))
  }

  @Test(arguments: [
    ("{\"a\": }", 1, 7), ("[1,\n 2,,]", 2, 4), ("{\"a\":1} x", 1, 9), ("\"open", 1, 1), ("[01]", 1, 3),
    ("{\"a\":1,\"a\":2}", 1, 8), ("tru", 1, 1), ("", 1, 1),
  ])
  func malformedTextGivesLineAndColumn(text: String, line: Int, column: Int) {
    #expect {
      try JSONValue.parse(text, file: "x.json")
    } throws: { error in
      guard let error = error as? InputError else { return false }
      return error.location == SourceLocation(file: "x.json", line: line, column: column)
    }
  }

  @Test func deepNestingIsRefused() {
    let text = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
    #expect(throws: InputError.self) { try JSONValue.parse(text) }
  }

  @Test func nonFiniteFloatsAreWrittenAsNull() {
    #expect(JSONValue.array([.float(.infinity), .float(.nan)]).serialized() == "[null,null]")
  }
}
