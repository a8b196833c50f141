import Crypto

/// SHA-256 as a byte array (RFC 9577 §2.2 challenge_digest, RFC 9578 §6.5 token_key_id).
func sha256(_ bytes: [UInt8]) -> [UInt8] {
    Array(SHA256.hash(data: bytes))
}
