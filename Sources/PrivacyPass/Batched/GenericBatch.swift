// Generic Token Batch Issuance, draft-ietf-privacypass-batched-tokens-07 §6:
//
//   struct { uint16_t token_type; select (token_type) { ... TokenRequest token_request; } } GenericTokenRequest;
//   struct { GenericTokenRequest generic_token_requests<V>; } GenericBatchTokenRequest;
//   struct { uint16_t token_type; select (token_type) { ... TokenResponse token_response; } } GenericTokenResponse;
//   struct { optional<GenericTokenResponse> generic_token_response; } OptionalTokenResponse;
//   struct { OptionalTokenResponse optional_token_responses<V>; } GenericBatchTokenResponse;
//
// The elements carry no length of their own, so every element's size follows from its token type. The wire layout
// in the draft's test vectors: each GenericTokenRequest is the RFC 9578 TokenRequest itself (which starts with
// token_type); each present OptionalTokenResponse is 0x01 || token_type || TokenResponse, an absent one is 0x00.

/// The sizes the generic batch framing needs for each token type it can frame.
enum BatchFraming {
    /// TokenRequest size after token_type: truncated_token_key_id || blinded element/message.
    static func requestBodyLength(_ type: TokenType) -> Int? {
        switch type.rawValue {
        case 0x0001: return 1 + 49  // VOPRF(P-384, SHA-384): Ne = 49
        case 0x0002: return 1 + 256  // Blind RSA (2048-bit): Nk = 256
        case 0x0005: return 1 + 32  // VOPRF(ristretto255, SHA-512): Ne = 32
        default: return nil
        }
    }

    /// TokenResponse size: evaluated element || proof (2 * Ns) for VOPRF, blind_sig for Blind RSA.
    static func responseLength(_ type: TokenType) -> Int? {
        switch type.rawValue {
        case 0x0001: return 49 + 2 * 48
        case 0x0002: return 256
        case 0x0005: return 32 + 2 * 32
        default: return nil
        }
    }

    static func unsupported(_ type: TokenType) -> PrivacyPassError {
        PrivacyPassError(.unsupportedTokenType, "token type \(type) cannot be framed in a generic batch")
    }
}

/// One element of a ``GenericBatchTokenRequest``: a TokenRequest of any type the framing knows (0x0001, 0x0002,
/// 0x0005). Only type 0x0002 is issued and finalized by this library; the others are carried as bytes.
public struct GenericTokenRequest: Hashable, Sendable {
    /// The token type (the first two bytes of ``bytes``).
    public let tokenType: TokenType
    /// The whole TokenRequest encoding, token_type included.
    public let bytes: [UInt8]

    /// Wraps a type-0x0002 request.
    public init(_ request: TokenRequest) {
        self.tokenType = request.tokenType
        self.bytes = request.bytes
    }

    /// A request of any framable type from its whole encoding.
    ///
    /// - Throws: ``PrivacyPassError/Code/malformed`` when shorter than 2 bytes;
    ///   ``PrivacyPassError/Code/unsupportedTokenType`` for a type the framing does not know;
    ///   ``PrivacyPassError/Code/invalidLength`` when the length is not the type's.
    public init<Bytes: Collection>(bytes: Bytes) throws(PrivacyPassError) where Bytes.Element == UInt8 {
        var reader = ByteReader(bytes, parsing: "GenericTokenRequest")
        let type = TokenType(rawValue: try reader.readUInt16())
        guard let body = BatchFraming.requestBodyLength(type) else { throw BatchFraming.unsupported(type) }
        guard reader.remaining == body else {
            throw PrivacyPassError(.invalidLength, "a \(type) TokenRequest must be \(2 + body) bytes")
        }
        self.tokenType = type
        self.bytes = Array(bytes)
    }

    /// The request as a type-0x0002 ``TokenRequest``, or nil for another type.
    public var privateTokenRequest: TokenRequest? {
        guard tokenType == .privateToken else { return nil }
        return try? TokenRequest(bytes: bytes)
    }
}

/// A batch of token requests of possibly different types (draft-ietf-privacypass-batched-tokens-07 §6.1), media
/// type `application/private-token-generic-batch-request`.
public struct GenericBatchTokenRequest: Hashable, Sendable {
    /// The media type of a batch request body: `application/private-token-generic-batch-request`.
    public static let mediaType = "application/private-token-generic-batch-request"

    /// The requests, in order.
    public let requests: [GenericTokenRequest]

    /// A batch of these requests, of any framable types, in order.
    public init(requests: [GenericTokenRequest]) {
        self.requests = requests
    }

    /// A batch of type-0x0002 requests.
    public init(_ requests: [TokenRequest]) {
        self.requests = requests.map(GenericTokenRequest.init)
    }

    /// Parses the wire encoding: exactly one batch, nothing after it.
    ///
    /// - Throws: ``PrivacyPassError/Code/malformed`` for a truncated, non-minimal or overlong length, a truncated
    ///   element, or trailing bytes; ``PrivacyPassError/Code/unsupportedTokenType`` for an element whose type the
    ///   framing does not know (its size cannot be known).
    public init<Bytes: Collection>(bytes: Bytes) throws(PrivacyPassError) where Bytes.Element == UInt8 {
        var outer = ByteReader(bytes, parsing: "GenericBatchTokenRequest")
        let body = try outer.readVectorV()
        try outer.finish()
        var reader = ByteReader(body, parsing: "GenericBatchTokenRequest")
        var requests: [GenericTokenRequest] = []
        while reader.remaining > 0 {
            let typeBytes = try reader.read(count: 2)
            let type = TokenType(rawValue: UInt16(typeBytes[0]) << 8 | UInt16(typeBytes[1]))
            guard let length = BatchFraming.requestBodyLength(type) else { throw BatchFraming.unsupported(type) }
            requests.append(try GenericTokenRequest(bytes: typeBytes + (try reader.read(count: length))))
        }
        self.requests = requests
    }

    /// The wire encoding; ``init(bytes:)`` reads it back to an equal value.
    public var bytes: [UInt8] {
        var out: [UInt8] = []
        out.appendVectorV(requests.flatMap(\.bytes))
        return out
    }
}

/// One present element of a ``GenericBatchTokenResponse``: token_type || TokenResponse.
public struct GenericTokenResponse: Hashable, Sendable {
    /// The token type of the request this response answers.
    public let tokenType: TokenType
    /// The TokenResponse encoding (without token_type).
    public let body: [UInt8]

    /// A response of any framable type from its token type and its TokenResponse encoding.
    ///
    /// - Throws: ``PrivacyPassError/Code/unsupportedTokenType`` for a type the framing does not know;
    ///   ``PrivacyPassError/Code/invalidLength`` when `body` is not the type's response length.
    public init(tokenType: TokenType, body: [UInt8]) throws(PrivacyPassError) {
        guard let length = BatchFraming.responseLength(tokenType) else { throw BatchFraming.unsupported(tokenType) }
        guard body.count == length else {
            throw PrivacyPassError(.invalidLength, "a \(tokenType) TokenResponse must be \(length) bytes")
        }
        self.tokenType = tokenType
        self.body = body
    }

    /// Wraps a type-0x0002 response.
    public init(_ response: TokenResponse) {
        self.tokenType = .privateToken
        self.body = response.bytes
    }

    /// The response as a type-0x0002 ``TokenResponse``, or nil for another type.
    public var privateTokenResponse: TokenResponse? {
        guard tokenType == .privateToken else { return nil }
        return try? TokenResponse(bytes: body)
    }
}

/// The issuer's answer to a ``GenericBatchTokenRequest`` (draft-ietf-privacypass-batched-tokens-07 §6.2), media
/// type `application/private-token-generic-batch-response`: one optional response per request, in order; an
/// absent entry means the issuer failed or refused to issue that request.
public struct GenericBatchTokenResponse: Hashable, Sendable {
    /// The media type of a batch response body: `application/private-token-generic-batch-response`.
    public static let mediaType = "application/private-token-generic-batch-response"

    /// The responses, nil where the issuer issued nothing.
    public let responses: [GenericTokenResponse?]

    /// A batch response from one optional response per request, in the requests' order.
    public init(responses: [GenericTokenResponse?]) {
        self.responses = responses
    }

    /// Some but not all entries are present (the draft's HTTP 206).
    public var isPartial: Bool { issuedCount > 0 && issuedCount < responses.count }
    /// The number of present entries.
    public var issuedCount: Int { responses.reduce(0) { $0 + ($1 == nil ? 0 : 1) } }

    /// Parses the wire encoding: exactly one batch, nothing after it.
    ///
    /// - Throws: ``PrivacyPassError/Code/malformed`` for a bad length, a presence octet other than 0 or 1, a
    ///   truncated element or trailing bytes; ``PrivacyPassError/Code/unsupportedTokenType`` for a present element
    ///   whose type the framing does not know.
    public init<Bytes: Collection>(bytes: Bytes) throws(PrivacyPassError) where Bytes.Element == UInt8 {
        var outer = ByteReader(bytes, parsing: "GenericBatchTokenResponse")
        let body = try outer.readVectorV()
        try outer.finish()
        var reader = ByteReader(body, parsing: "GenericBatchTokenResponse")
        var responses: [GenericTokenResponse?] = []
        while reader.remaining > 0 {
            switch try reader.readUInt8() {
            case 0:
                responses.append(nil)
            case 1:
                let type = TokenType(rawValue: try reader.readUInt16())
                guard let length = BatchFraming.responseLength(type) else { throw BatchFraming.unsupported(type) }
                responses.append(try GenericTokenResponse(tokenType: type, body: try reader.read(count: length)))
            case let other:
                throw PrivacyPassError(.malformed, "optional presence octet \(other) is neither 0 nor 1")
            }
        }
        self.responses = responses
    }

    /// The wire encoding; ``init(bytes:)`` reads it back to an equal value.
    public var bytes: [UInt8] {
        var body: [UInt8] = []
        for response in responses {
            if let response {
                body.append(1)
                body.appendUInt16(response.tokenType.rawValue)
                body += response.body
            } else {
                body.append(0)
            }
        }
        var out: [UInt8] = []
        out.appendVectorV(body)
        return out
    }
}
