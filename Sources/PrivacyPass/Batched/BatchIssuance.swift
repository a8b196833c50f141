import RSA

/// The issuer's result for a generic batch: the response to send and, per entry, why nothing was issued.
public struct GenericBatchIssuance: Sendable {
    /// What the draft's §6.2 HTTP status would be.
    public enum Status: Sendable, Equatable {
        /// Every entry was issued (HTTP 200).
        case complete
        /// Some but not all entries were issued (HTTP 206).
        case partial
        /// Nothing was issued (HTTP 400); ``response`` still lists every entry as absent.
        case none
    }

    /// One optional response per request; absent where ``failures`` has an error.
    public let response: GenericBatchTokenResponse
    /// Per entry: nil when issued, otherwise why not (e.g. unsupported type, unknown key, BlindSign failure).
    public let failures: [PrivacyPassError?]

    /// Some but not all entries were issued: the response's ``GenericBatchTokenResponse/isPartial``.
    public var isPartial: Bool { response.isPartial }

    /// Whether every entry, some, or none was issued; an empty batch is ``Status-swift.enum/complete``.
    public var status: Status {
        let issued = response.issuedCount
        if issued == 0 && !response.responses.isEmpty { return .none }
        return issued == response.responses.count ? .complete : .partial
    }
}

extension Issuer {
    /// Generic batch issuance (draft-ietf-privacypass-batched-tokens-07 §6.2) for type 0x0002: every type-0x0002
    /// entry with a known key is signed with `blindSignatures(for:)` (all cores, one call per key); entries of other
    /// types, with an unknown key, or whose BlindSign fails are absent from the response.
    public func issue(batch: GenericBatchTokenRequest) -> GenericBatchIssuance {
        let count = batch.requests.count
        var responses = [GenericTokenResponse?](repeating: nil, count: count)
        var failures = [PrivacyPassError?](repeating: nil, count: count)
        // Per key pair: the entry indices and their blinded messages.
        var work = [[(index: Int, message: BlindSigning.BlindedMessage)]](repeating: [], count: keyPairs.count)
        for (index, entry) in batch.requests.enumerated() {
            guard let request = entry.privateTokenRequest else {
                failures[index] = PrivacyPassError(
                    .unsupportedTokenType, "token type \(entry.tokenType) is not issued here")
                continue
            }
            guard let key = keyPairs.firstIndex(where: { $0.tokenKey.truncatedTokenKeyID == request.truncatedTokenKeyID })
            else {
                failures[index] = PrivacyPassError(
                    .unknownKey, "no key has truncated token key ID \(request.truncatedTokenKeyID)")
                continue
            }
            work[key].append((index, BlindSigning.BlindedMessage(rawRepresentation: request.blindedMessage)))
        }
        for (key, items) in work.enumerated() where !items.isEmpty {
            let results = keyPairs[key].privateKey.blindSignatures(for: items.map(\.message))
            for (item, result) in zip(items, results) {
                switch result {
                case .success(let signature):
                    do {
                        responses[item.index] = try GenericTokenResponse(
                            tokenType: .privateToken, body: signature.rawRepresentation)
                    } catch {
                        failures[item.index] = error
                    }
                case .failure(let error):
                    failures[item.index] = PrivacyPassError(.issuanceFailure, "BlindSign failed: \(error)")
                }
            }
        }
        return GenericBatchIssuance(response: GenericBatchTokenResponse(responses: responses), failures: failures)
    }
}

extension TokenClient {
    /// A generic batch of type-0x0002 requests, one per (challenge, key), with the states to finalize them.
    public func batchRequest(for items: [(challenge: TokenChallenge, tokenKey: TokenKey)]) throws(PrivacyPassError) -> (
        request: GenericBatchTokenRequest, states: [PendingToken]
    ) {
        var requests: [TokenRequest] = []
        var states: [PendingToken] = []
        for item in items {
            let (request, state) = try request(for: item.challenge, tokenKey: item.tokenKey)
            requests.append(request)
            states.append(state)
        }
        return (GenericBatchTokenRequest(requests), states)
    }

    /// Finalizes a generic batch response (draft §6.3): each present type-0x0002 entry becomes a verified Token;
    /// absent entries are skipped (nil). `states[i]` is the state for request i (nil for a request this client
    /// does not finalize, e.g. another token type, whose entry is then nil too).
    ///
    /// - Throws: ``PrivacyPassError/Code/malformed`` when the response and the states differ in count;
    ///   ``PrivacyPassError/Code/invalidToken`` when a present entry's type is not its request's;
    ///   as ``finalize(_:state:)`` when a present entry does not verify.
    public func finalize(batch response: GenericBatchTokenResponse, states: [PendingToken?]) throws(PrivacyPassError)
        -> [Token?]
    {
        guard response.responses.count == states.count else {
            throw PrivacyPassError(
                .malformed, "the batch response has \(response.responses.count) entries for \(states.count) requests")
        }
        var tokens: [Token?] = []
        tokens.reserveCapacity(states.count)
        for (entry, state) in zip(response.responses, states) {
            guard let entry, let state else {
                tokens.append(nil)
                continue
            }
            guard entry.tokenType == state.tokenKey.tokenType, let single = entry.privateTokenResponse else {
                throw PrivacyPassError(
                    .invalidToken, "a \(entry.tokenType) response answers a \(state.tokenKey.tokenType) request")
            }
            tokens.append(try finalize(single, state: state))
        }
        return tokens
    }
}
