/// A configuration value the gateway cannot use (a flag or environment variable that does not parse, or is out of
/// range).
public struct RelayGatewayConfigurationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The setting at fault.
    public var setting: RelayGatewayConfiguration.Setting
    /// What is wrong with it, naming the flag or variable.
    public var message: String

    /// An error about `setting`.
    public init(_ setting: RelayGatewayConfiguration.Setting, _ message: String) {
        self.setting = setting
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
