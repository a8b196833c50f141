public import AsyncHTTPClient
public import Logging

/// The Persona Relay client: the Relay Server SDK's surface (seed 000: `new Persona({ apiKey })`,
/// `persona.relays.create / issuePrivacyPass / generateClaim`) over relay-protocol.md.
///
/// ```swift
/// let persona = Persona(apiKey: apiKey)
/// let session = try await persona.relays.create(claimType: "age_over18_germany", encryptionKeyPEM: keys.publicKeyPEM)
/// let pass = try await persona.relays.issuePrivacyPass(claimType: "age_over18_germany")
/// // … the end user completes the relay in the widget …
/// let claim = try await persona.relays.generateClaim(
///     privacyPassToken: pass.privacyPassToken, relayToken: session.relayToken, relaySecret: session.relaySecret)
/// let payload = try Persona.decodeClaimPayload(Persona.decryptClaimPayload(claim.claimPayload, privateKey: keys.privateKey))
/// try await persona.shutdown()
/// ```
///
/// Every call is a JSON `POST` (§1) retried per §7; every failure is a ``PersonaError``. The API key is sent only
/// as the `Authorization: Bearer` of the issuance call (§2.4, §13.1), and nothing secret is ever logged.
public struct Persona: Sendable {
    /// Persona's production API (§1).
    public static let defaultBaseURL = "https://api.withpersona.com"

    let apiKey: String?
    let transport: PersonaTransport
    private let ownsHTTPClient: Bool

    /// A client.
    ///
    /// - Parameters:
    ///   - apiKey: the Persona API key; only ``Relays/issuePrivacyPass(claimType:sandbox:)`` and
    ///     ``Relays/issuePrivacyPass(relayToken:relaySecret:)`` need it.
    ///   - baseURL: the API's base URL (one trailing `/` is removed); a loopback sandbox in tests.
    ///   - httpClient: the client to send with; `nil` creates one that ``shutdown()`` ends, with redirects disallowed
    ///     and without AsyncHTTPClient's own connection retries (a refused connection is a ``PersonaError/Kind/network``
    ///     error at once, retried per §7). An injected client keeps its own configuration: with AsyncHTTPClient's
    ///     default `retryConnectionEstablishment`, an unreachable host surfaces as a timeout.
    ///   - configuration: retries, timeouts, size limits.
    ///   - logger: receives one debug line per attempt (method, path, status, request id, attempt).
    public init(
        apiKey: String? = nil, baseURL: String = Persona.defaultBaseURL, httpClient: HTTPClient? = nil,
        configuration: PersonaConfiguration = .init(), logger: Logger = Logger(label: "persona-relay")
    ) {
        let client: HTTPClient
        if let httpClient {
            client = httpClient
            ownsHTTPClient = false
        } else {
            client = HTTPClient(
                eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: Persona.httpClientConfiguration)
            ownsHTTPClient = true
        }
        self.apiKey = apiKey
        let trimmedBaseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        transport = PersonaTransport(
            httpClient: client, baseURL: trimmedBaseURL, configuration: configuration, logger: logger)
    }

    /// The configuration of the `HTTPClient` a `Persona` creates for itself, recommended for an injected one:
    /// redirects disallowed, and a refused connection fails the attempt at once (a NetworkError that the §7 retry
    /// policy handles) instead of AsyncHTTPClient reconnecting until the attempt times out.
    public static var httpClientConfiguration: HTTPClient.Configuration {
        var configuration = HTTPClient.Configuration()
        configuration.redirectConfiguration = .disallow
        configuration.connectionPool.retryConnectionEstablishment = false
        return configuration
    }

    /// The relay calls (`persona.relays` in the Node SDK).
    public var relays: Relays { Relays(persona: self) }

    /// Shuts down the `HTTPClient` this value created; does nothing for an injected one (its owner shuts it down).
    public func shutdown() async throws {
        if ownsHTTPClient {
            try await transport.httpClient.shutdown()
        }
    }
}
