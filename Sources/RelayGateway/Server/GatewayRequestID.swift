/// The gateway's own request identifiers (`req_` + 24 alphanumerics from the system CSPRNG), sent as `Request-Id`
/// when the upstream gave none and logged with every request (relay-protocol.md §1).
enum GatewayRequestID {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".utf8)

    /// A fresh identifier.
    static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        var characters: [UInt8] = Array("req_".utf8)
        for _ in 0..<24 {
            // 62 symbols: rejection sampling keeps the choice uniform.
            var byte: UInt8
            repeat { byte = generator.next() } while byte >= 248
            characters.append(alphabet[Int(byte) % alphabet.count])
        }
        return String(decoding: characters, as: UTF8.self)
    }
}
