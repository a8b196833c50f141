/// The points where secrets are born and where they are declassified, as hooks a constant-time checker can watch.
///
/// The library never branches on, indexes with, or passes to variable-time code a value derived from a secret,
/// except at a *declassification point*: a place where the value is public by construction (a signature, a
/// ciphertext, the verdict of a check whose failure is public, a uniformly random blinded value). Each such place
/// calls ``declassify(_:byteCount:)``; each place where secret limbs come into being calls
/// ``markSecret(_:byteCount:)``.
///
/// In production both hooks are `nil` and each call costs one load. The valgrind harness (`scripts/ctgrind.sh`)
/// installs hooks that mark the bytes undefined (secret) and defined (declassified); memcheck then reports every
/// conditional jump or memory address computed from a secret that was not declassified first — the ctgrind method.
package enum ConstantTimeAudit {
    /// A hook that receives the address and byte count of a region.
    package typealias Hook = @convention(c) (UnsafeRawPointer?, Int) -> Void

    /// Called on every region of secret limbs or bytes when it is created. `nil` in production.
    nonisolated(unsafe) package static var secretHook: Hook?
    /// Called on every region whose value is declassified. `nil` in production.
    nonisolated(unsafe) package static var publicHook: Hook?

    /// Reports that `byteCount` bytes at `pointer` hold a secret.
    @inline(__always)
    package static func markSecret(_ pointer: UnsafeRawPointer, byteCount: Int) {
        if let hook = secretHook, byteCount > 0 {
            hook(pointer, byteCount)
        }
    }

    /// Reports that `byteCount` bytes at `pointer` are declassified: from here on they are public.
    @inline(__always)
    package static func declassify(_ pointer: UnsafeRawPointer, byteCount: Int) {
        if let hook = publicHook, byteCount > 0 {
            hook(pointer, byteCount)
        }
    }

    /// Declassifies a word (a mask or a count) and returns it: the one way a secret-derived word may reach a branch.
    @inline(never)
    package static func declassify(_ value: UInt) -> UInt {
        var copy = value
        withUnsafeMutableBytes(of: &copy) { declassify($0.baseAddress!, byteCount: $0.count) }
        return copy
    }

    /// Declassifies an all-ones/all-zeros mask into a `Bool` (`true` for all ones).
    @inline(__always)
    package static func declassify(mask: UInt) -> Bool {
        declassify(mask) != 0
    }

    /// Marks a word as secret (for tests of the checker and for values computed from secrets in registers).
    @inline(never)
    package static func markSecret(_ value: UInt) -> UInt {
        var copy = value
        withUnsafeMutableBytes(of: &copy) { markSecret($0.baseAddress!, byteCount: $0.count) }
        return copy
    }
}
