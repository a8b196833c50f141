import RelayProtocol
/// Identifiers the sandbox mints (relay-protocol.md §1 "Identifiers"), all from the system CSPRNG.
enum RandomIdentifiers {
    private static let alphanumerics = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".utf8)

    /// `count` characters drawn uniformly from [A-Za-z0-9].
    static func alphanumeric(_ count: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        let characters = (0..<count).map { _ in
            alphanumerics[Int.random(in: 0..<alphanumerics.count, using: &generator)]
        }
        return String(decoding: characters, as: UTF8.self)
    }

    /// A relay token: `relay_` and 27 alphanumerics, as in the docs' example.
    static func relayToken() -> String { "relay_" + alphanumeric(27) }

    /// A request id: `req_` and 24 alphanumerics.
    static func requestID() -> String { "req_" + alphanumeric(24) }

    /// A relay secret: a random (version 4) UUID in lowercase.
    static func relaySecret() -> String {
        var bytes = randomBytes(16)
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hex = Hex.lowercase(bytes)
        let characters = Array(hex)
        let groups = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(characters[$0]) }
        return groups.joined(separator: "-")
    }

    /// `count` bytes from the system CSPRNG.
    static func randomBytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }
}
