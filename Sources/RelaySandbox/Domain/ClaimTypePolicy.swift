/// Which claim types the sandbox accepts (relay-protocol.md §2.1): any `^[a-z][a-z0-9_]{0,63}$`, or only a strict
/// list.
struct ClaimTypePolicy: Sendable {
    /// The strict list, when set.
    let strictList: Set<String>?

    /// Whether `claimType` matches `^[a-z][a-z0-9_]{0,63}$`.
    static func hasValidSyntax(_ claimType: String) -> Bool {
        let bytes = Array(claimType.utf8)
        guard let first = bytes.first, (0x61...0x7A).contains(first), bytes.count <= 64 else { return false }
        return bytes.dropFirst().allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x5F }
    }

    /// Whether `claimType` is accepted.
    func accepts(_ claimType: String) -> Bool {
        guard Self.hasValidSyntax(claimType) else { return false }
        return strictList.map { $0.contains(claimType) } ?? true
    }
}
