import Foundation
import RelayGateway
import Testing

/// The committed `docs/relay-gateway.openapi.yaml` is the document the gateway serves, byte for byte.
@Suite("OpenAPI document file")
struct OpenAPIFileTests {
    @Test("docs/relay-gateway.openapi.yaml equals the served document")
    func fileMatchesServedDocument() throws {
        let root = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let file = try String(
            contentsOf: root.appendingPathComponent("docs/relay-gateway.openapi.yaml"), encoding: .utf8)
        #expect(file == RelayGatewayOpenAPI.document)
    }
}
