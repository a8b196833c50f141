import Logging
public import PersonaRelay

/// How the gateway listens and reaches Persona (relay-protocol.md §8, "Local gateway").
///
/// The gateway itself holds no credentials: the API key and the relay secret travel with each request. Every
/// setting comes from a command-line flag or an environment variable (the flag wins); see ``Setting``.
public struct RelayGatewayConfiguration: Sendable {
    /// The address the gateway binds when nothing else is configured: loopback only.
    public static let defaultHost = "127.0.0.1"
    /// The port the gateway binds when nothing else is configured.
    public static let defaultPort = 8080
    /// Persona's production API (relay-protocol.md §1).
    public static let defaultUpstreamBaseURL = Persona.defaultBaseURL
    /// The time one upstream attempt may take (relay-protocol.md §7: 10 s per attempt).
    public static let defaultUpstreamTimeout = Duration.seconds(10)
    /// Retries after a first failed upstream attempt (relay-protocol.md §7: three, so four attempts).
    public static let defaultUpstreamRetries = 3
    /// The largest request body the gateway reads (64 KiB); a longer one is refused with 400.
    public static let defaultMaximumBodyBytes = 64 * 1024

    /// The host name or address to bind.
    public var host: String
    /// The port to bind; 0 lets the system choose one.
    public var port: Int
    /// Persona's base URL, without a trailing `/`.
    public var upstreamBaseURL: String
    /// The time one upstream attempt may take, from sending the request to the last byte of the response.
    public var upstreamTimeout: Duration
    /// Retries after a failed upstream attempt (the §7 policy decides which failures are retried).
    public var upstreamRetries: Int
    /// The largest request body the gateway reads (at least one byte is always allowed).
    public var maximumBodyBytes: Int
    /// The lowest level the gateway logs.
    public var logLevel: Logger.Level

    /// A configuration; one trailing `/` of `upstreamBaseURL` is removed.
    public init(
        host: String = RelayGatewayConfiguration.defaultHost, port: Int = RelayGatewayConfiguration.defaultPort,
        upstreamBaseURL: String = RelayGatewayConfiguration.defaultUpstreamBaseURL,
        upstreamTimeout: Duration = RelayGatewayConfiguration.defaultUpstreamTimeout,
        upstreamRetries: Int = RelayGatewayConfiguration.defaultUpstreamRetries,
        maximumBodyBytes: Int = RelayGatewayConfiguration.defaultMaximumBodyBytes, logLevel: Logger.Level = .info
    ) {
        self.host = host
        self.port = port
        self.upstreamBaseURL = upstreamBaseURL.hasSuffix("/") ? String(upstreamBaseURL.dropLast()) : upstreamBaseURL
        self.upstreamTimeout = upstreamTimeout
        self.upstreamRetries = upstreamRetries
        self.maximumBodyBytes = maximumBodyBytes
        self.logLevel = logLevel
    }

    /// The client configuration each per-request `Persona` (PersonaRelay) uses: the upstream timeout per attempt
    /// and the configured number of retries, otherwise the SDK's defaults.
    public var personaConfiguration: PersonaConfiguration {
        PersonaConfiguration(maxRetries: upstreamRetries, requestTimeout: upstreamTimeout)
    }

    /// Checks that every value is usable.
    ///
    /// - Throws: ``RelayGatewayConfigurationError`` naming the first unusable setting.
    public func validate() throws(RelayGatewayConfigurationError) {
        guard !host.isEmpty else { throw RelayGatewayConfigurationError(.host, "the host is empty") }
        guard (0...65_535).contains(port) else {
            throw RelayGatewayConfigurationError(.port, "the port must be between 0 and 65535")
        }
        guard RelayGatewayConfiguration.isUsableBaseURL(upstreamBaseURL) else {
            throw RelayGatewayConfigurationError(
                .upstream, "the upstream must be an http:// or https:// base URL without query or fragment")
        }
        guard upstreamTimeout > .zero else {
            throw RelayGatewayConfigurationError(.upstreamTimeout, "the upstream timeout must be positive")
        }
        guard (0...10).contains(upstreamRetries) else {
            throw RelayGatewayConfigurationError(.upstreamRetries, "the upstream retries must be between 0 and 10")
        }
    }

    /// Whether `url` is an `http://` or `https://` URL with a host and no space, query or fragment.
    static func isUsableBaseURL(_ url: String) -> Bool {
        let lowered = url.lowercased()
        let rest: Substring
        if lowered.hasPrefix("https://") {
            rest = lowered.dropFirst(8)
        } else if lowered.hasPrefix("http://") {
            rest = lowered.dropFirst(7)
        } else {
            return false
        }
        return !rest.isEmpty && !rest.hasPrefix("/")
            && !url.contains(where: { $0 == " " || $0 == "?" || $0 == "#" || $0.isNewline })
    }
}
