/// An error caused by input (a file, a query, an argument) rather than by a bug.
///
/// The command-line tool prints it on one line as
/// `newsgraph: error: FILE:LINE:COL: message` and exits with status 1.
public protocol NewsGraphError: Error, CustomStringConvertible {
  /// Where in the input the problem is, when it is known.
  var location: SourceLocation? { get }
  /// What is wrong, in one sentence, without the location.
  var message: String { get }
}

extension NewsGraphError {
  /// The location (when known) and the message, as printed to the user.
  public var description: String {
    if let location { return "\(location): \(message)" }
    return message
  }
}

/// A plain error with a location and a message, for the places that need no enum.
public struct InputError: NewsGraphError, Equatable {
  public var location: SourceLocation?
  public var message: String

  /// Creates an input error.
  public init(_ message: String, at location: SourceLocation? = nil) {
    self.message = message
    self.location = location
  }
}
