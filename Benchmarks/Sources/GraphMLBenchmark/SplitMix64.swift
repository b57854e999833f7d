/// A tiny seeded random number generator (SplitMix64).
///
/// The benchmark graph must be the same bytes on every machine and every Swift
/// version, so this type also does its own bounded draws instead of relying on the
/// standard library's `random(in:using:)`, whose algorithm is not guaranteed.
struct SplitMix64 {
  private var state: UInt64

  /// Creates a generator; equal seeds give equal sequences.
  init(seed: UInt64) { state = seed }

  /// The next 64 random bits.
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A number in `0..<bound` (`bound` > 0). The modulo bias is below 2⁻⁴⁰ for
  /// the bounds used here, which is irrelevant for benchmark data.
  mutating func below(_ bound: Int) -> Int {
    precondition(bound > 0, "SplitMix64.below needs a positive bound, got \(bound)")
    return Int(next() % UInt64(bound))
  }

  /// A number in `range`.
  mutating func inRange(_ range: ClosedRange<Int>) -> Int {
    range.lowerBound + below(range.count)
  }

  /// True with probability `percent` / 100.
  mutating func chance(percent: Int) -> Bool { below(100) < percent }

  /// A random element of a non-empty array.
  mutating func pick<Element>(_ elements: [Element]) -> Element {
    elements[below(elements.count)]
  }
}
