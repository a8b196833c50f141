import HTTPTypes

/// The gateway's paths (relay-protocol.md §8) and which method each one allows.
enum GatewayRoutes {
    /// `POST /relays`: create a relay.
    static let createRelay = "/relays"
    /// `POST /relays/privacy-passes`: issue a Privacy Pass.
    static let privacyPasses = "/relays/privacy-passes"
    /// `POST /relays/{relay-token}/redeem`: redeem a pass on a relay.
    static let redeem = "/relays/{relay-token}/redeem"
    /// The Hummingbird route of ``redeem``.
    static let redeemRoute = "/relays/:relay-token/redeem"
    /// The name of the relay-token path parameter.
    static let relayTokenParameter = "relay-token"
    /// `GET /health`: readiness, without contacting the upstream.
    static let health = "/health"
    /// `GET /openapi.yaml`: the OpenAPI document.
    static let openAPI = "/openapi.yaml"

    /// The route `path` matches and the one method it allows, or `nil` for an unknown path. The route is the
    /// template (`/relays/{relay-token}/redeem`), so that logs never contain a relay token.
    static func match(path: String) -> (route: String, method: HTTPRequest.Method)? {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        switch segments.count {
        case 1 where segments[0] == "relays": return (createRelay, .post)
        case 1 where segments[0] == "health": return (health, .get)
        case 1 where segments[0] == "openapi.yaml": return (openAPI, .get)
        case 2 where segments[0] == "relays" && segments[1] == "privacy-passes": return (privacyPasses, .post)
        case 3 where segments[0] == "relays" && segments[2] == "redeem": return (redeem, .post)
        default: return nil
        }
    }
}
