import Hummingbird
import NIOCore
import RelayProtocol

/// A request's JSON body with every key normalised to kebab-case (relay-protocol.md §1, §13.4), and typed access to
/// its members. Every refusal is a 400 in the error shape (§8).
struct GatewayRequestBody: Sendable {
    /// The members, keys in kebab-case.
    let members: [String: JSONValue]

    /// Reads and parses the body of `request`.
    ///
    /// - Throws: ``GatewayError`` 400 when the `Content-Type` is not `application/json`, the body is longer than
    ///   `maximumBytes`, is not JSON, is not a JSON object, or spells one key twice.
    static func read(_ request: Request, maximumBytes: Int) async throws(GatewayError) -> GatewayRequestBody {
        guard GatewayRequestBody.isJSON(contentType: request.headers[.contentType]) else {
            throw .badRequest("Content-Type must be application/json")
        }
        var request = request
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: max(1, maximumBytes))
        } catch {
            throw .badRequest("the request body exceeds \(maximumBytes) bytes")
        }
        do {
            return GatewayRequestBody(members: try RelayRequestBody.parse(buffer.readableBytesView))
        } catch {
            switch error.code {
            case .notAnObject: throw .badRequest("the request body must be a JSON object")
            case .duplicateKey: throw .badRequest(error.message)
            default: throw .badRequest("the request body is not valid JSON")
            }
        }
    }

    /// Whether a `Content-Type` value names `application/json` (parameters such as `charset` allowed).
    static func isJSON(contentType: String?) -> Bool {
        guard let contentType else { return false }
        let mediaType = contentType.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        return mediaType.trimmingCharacters(in: [" ", "\t"]).lowercased() == "application/json"
    }

    /// The string member `key`.
    ///
    /// - Throws: ``GatewayError`` 400 when it is absent, `null` or not a string.
    func requiredString(_ key: String) throws(GatewayError) -> String {
        guard let value = members[key], !value.isNull else { throw .badRequest("\(key) is required") }
        guard let string = value.stringValue else { throw .badRequest("\(key) must be a string") }
        return string
    }

    /// The string member `key`, or `nil` when it is absent or `null`.
    ///
    /// - Throws: ``GatewayError`` 400 when it is present with another type.
    func optionalString(_ key: String) throws(GatewayError) -> String? {
        guard let value = members[key], !value.isNull else { return nil }
        guard let string = value.stringValue else { throw .badRequest("\(key) must be a string or null") }
        return string
    }

    /// The Boolean member `key`, or `nil` when it is absent or `null`.
    ///
    /// - Throws: ``GatewayError`` 400 when it is present with another type.
    func optionalBool(_ key: String) throws(GatewayError) -> Bool? {
        guard let value = members[key], !value.isNull else { return nil }
        guard let bool = value.boolValue else { throw .badRequest("\(key) must be a boolean") }
        return bool
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in set: Set<Character>) -> Substring {
        var result = self
        while let first = result.first, set.contains(first) { result.removeFirst() }
        while let last = result.last, set.contains(last) { result.removeLast() }
        return result
    }
}
