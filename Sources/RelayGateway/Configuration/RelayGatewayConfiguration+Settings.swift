import Logging

extension RelayGatewayConfiguration {
    /// One setting that a flag or an environment variable can give.
    public enum Setting: String, Sendable, CaseIterable, CustomStringConvertible {
        /// The listen host (`--host`, `RELAY_GATEWAY_HOST`).
        case host
        /// The listen port (`--port`, `RELAY_GATEWAY_PORT`).
        case port
        /// Persona's base URL (`--upstream`, `RELAY_GATEWAY_UPSTREAM`).
        case upstream
        /// Seconds one upstream attempt may take, decimals allowed (`--upstream-timeout`,
        /// `RELAY_GATEWAY_UPSTREAM_TIMEOUT`).
        case upstreamTimeout
        /// Retries after a failed upstream attempt (`--upstream-retries`, `RELAY_GATEWAY_UPSTREAM_RETRIES`).
        case upstreamRetries
        /// `trace`, `debug`, `info`, `notice`, `warning`, `error` or `critical` (`--log-level`,
        /// `RELAY_GATEWAY_LOG_LEVEL`).
        case logLevel

        /// The command-line flag: `--host`, `--upstream-timeout`, ….
        public var flag: String { "--" + kebabName }

        /// The environment variable: `RELAY_GATEWAY_HOST`, `RELAY_GATEWAY_UPSTREAM_TIMEOUT`, ….
        public var environmentVariable: String {
            "RELAY_GATEWAY_" + kebabName.uppercased().map { $0 == "-" ? "_" : String($0) }.joined()
        }

        /// The flag.
        public var description: String { flag }

        private var kebabName: String {
            switch self {
            case .host: "host"
            case .port: "port"
            case .upstream: "upstream"
            case .upstreamTimeout: "upstream-timeout"
            case .upstreamRetries: "upstream-retries"
            case .logLevel: "log-level"
            }
        }
    }

    /// A configuration from command-line values and the environment: a flag's value wins over the environment
    /// variable of the same setting, which wins over the default.
    ///
    /// - Parameters:
    ///   - flags: the values given on the command line.
    ///   - environment: the process environment (`ProcessInfo.processInfo.environment`).
    /// - Throws: ``RelayGatewayConfigurationError`` for a value that does not parse or is out of range; the message
    ///   names the flag or the variable it came from.
    public static func resolve(
        flags: [Setting: String], environment: [String: String]
    ) throws(RelayGatewayConfigurationError) -> RelayGatewayConfiguration {
        func value(_ setting: Setting) -> (text: String, source: String)? {
            if let text = flags[setting] { return (text, setting.flag) }
            if let text = environment[setting.environmentVariable], !text.isEmpty {
                return (text, setting.environmentVariable)
            }
            return nil
        }

        var configuration = RelayGatewayConfiguration()
        if let (text, _) = value(.host) { configuration.host = text }
        if let (text, source) = value(.port) {
            guard let port = Int(text), (0...65_535).contains(port) else {
                throw RelayGatewayConfigurationError(.port, "\(source) must be a port number (0–65535)")
            }
            configuration.port = port
        }
        if let (text, source) = value(.upstream) {
            configuration.upstreamBaseURL = text.hasSuffix("/") ? String(text.dropLast()) : text
            guard RelayGatewayConfiguration.isUsableBaseURL(configuration.upstreamBaseURL) else {
                throw RelayGatewayConfigurationError(
                    .upstream, "\(source) must be an http:// or https:// base URL without query or fragment")
            }
        }
        if let (text, source) = value(.upstreamTimeout) {
            guard let seconds = Double(text), seconds.isFinite, seconds > 0, seconds <= 3_600 else {
                throw RelayGatewayConfigurationError(
                    .upstreamTimeout, "\(source) must be a number of seconds above 0 and at most 3600")
            }
            configuration.upstreamTimeout = .milliseconds(Int64((seconds * 1_000).rounded(.up)))
        }
        if let (text, source) = value(.upstreamRetries) {
            guard let retries = Int(text), (0...10).contains(retries) else {
                throw RelayGatewayConfigurationError(.upstreamRetries, "\(source) must be a whole number from 0 to 10")
            }
            configuration.upstreamRetries = retries
        }
        if let (text, source) = value(.logLevel) {
            guard let level = Logger.Level(rawValue: text.lowercased()) else {
                throw RelayGatewayConfigurationError(
                    .logLevel,
                    "\(source) must be one of " + Logger.Level.allCases.map(\.rawValue).joined(separator: ", "))
            }
            configuration.logLevel = level
        }
        try configuration.validate()
        return configuration
    }
}
