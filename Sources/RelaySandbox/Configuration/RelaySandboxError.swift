/// A failure of the sandbox itself (configuration, storage, start-up), as opposed to a protocol error answered to a
/// client over HTTP.
public struct RelaySandboxError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kind of failure.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Backing: String, Hashable, Sendable {
            case invalidConfiguration, storageFailure, startFailure
        }

        private let backing: Backing

        /// A configuration value is out of range.
        public static let invalidConfiguration = Code(backing: .invalidConfiguration)
        /// The database could not be opened, migrated, read or written.
        public static let storageFailure = Code(backing: .storageFailure)
        /// The server did not start listening.
        public static let startFailure = Code(backing: .startFailure)

        /// The code's name.
        public var description: String { backing.rawValue }
    }

    /// The kind of failure.
    public let code: Code
    /// What went wrong, for people; never contains secrets.
    public let reason: String

    /// A failure of kind `code`.
    public init(_ code: Code, _ reason: String) {
        self.code = code
        self.reason = reason
    }

    /// `code: reason`.
    public var description: String { "\(code): \(reason)" }
}
