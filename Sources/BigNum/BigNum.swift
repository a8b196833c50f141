internal import CGMP

/// An arbitrary-precision non-negative integer over GMP, with value semantics.
///
/// `BigNum` is a copy-on-write struct over one owned `mpz_t`. Copies share storage until one of them is
/// mutated. Every storage is wiped (its limbs overwritten with zeros) before GMP frees it, so values that
/// held secrets do not linger in freed memory.
///
/// ## Which functions are safe for secrets
/// A `BigNum` is normalised: its limb count follows its value, and GMP's `mpz_` functions branch on it. The RSA
/// module therefore keeps its secrets at a fixed limb width in a package-internal type and never in a `BigNum`.
/// For callers of this type:
/// - Constant-time in the *values* of its operands, for a **public** modulus: ``secretPower(_:modulus:)``
///   (`mpn_sec_powm`, the exponent processed at full width). The limb count of a normalised operand still shows,
///   and GMP derives constants from the modulus by table lookup, so the modulus must be public.
/// - **Variable-time**, for public values only (`BigNum+VariableTime.swift`): ``publicPower(_:modulus:)``,
///   ``inverse(modulo:)``, ``greatestCommonDivisor(with:)``, the arithmetic operators, division, comparison and
///   hashing.
/// - Conversions (`BigNum+Bytes.swift`): I2OSP/OS2IP and hex. Their running time depends on lengths only.
public struct BigNum: Sendable {
    var storage: Storage

    init(storage: Storage) {
        self.storage = storage
    }

    /// Zero.
    public init() {
        self.storage = Storage(capacityInBits: 0)
    }

    /// The value of a machine word.
    public init(_ value: UInt) {
        self.storage = Storage(capacityInBits: UInt.bitWidth)
        __gmpz_set_ui(storage.value, value)
    }

    /// The value of a non-negative `Int`, or `nil` when it is negative.
    public init?(exactly value: Int) {
        guard value >= 0 else { return nil }
        self.init(UInt(value))
    }

    /// Runs `body` with a pointer GMP may write through, copying the storage first if it is shared.
    mutating func withMutableMPZ<R>(_ body: (UnsafeMutablePointer<__mpz_struct>) throws -> R) rethrows -> R {
        if !isKnownUniquelyReferenced(&storage) {
            storage = Storage(copying: storage, extraBits: 0)
        }
        return try body(storage.value)
    }

    /// The read-only `mpz_t` of this value.
    var mpz: UnsafePointer<__mpz_struct> { UnsafePointer(storage.value) }

    /// Number of limbs in use (0 for zero).
    var limbCount: Int { Int(cgmp_mpz_size(mpz)) }

    /// Bits per GMP limb.
    static let limbBits = Int(cgmp_limb_bits())

    /// Builds a value with a fresh storage pre-sized to `bits`, written by `body`.
    ///
    /// Pre-sizing means GMP does not reallocate (and leave unwiped copies of) intermediate results.
    static func make(capacityInBits bits: Int, _ body: (UnsafeMutablePointer<__mpz_struct>) throws -> Void) rethrows
        -> BigNum
    {
        let storage = Storage(capacityInBits: bits)
        try body(storage.value)
        return BigNum(storage: storage)
    }

    /// Builds a value from little-endian limbs, normalizing the size.
    static func fromLimbs(_ limbs: UnsafeBufferPointer<mp_limb_t>) -> BigNum {
        make(capacityInBits: max(limbs.count, 1) * limbBits) { z in
            guard limbs.count > 0 else { return }
            let destination = __gmpz_limbs_write(z, limbs.count)!
            destination.update(from: limbs.baseAddress!, count: limbs.count)
            __gmpz_limbs_finish(z, limbs.count)
        }
    }

    /// Copies this value's limbs into `buffer` (little-endian), zero-filling the rest.
    ///
    /// - Requires: `buffer.count >= limbCount`.
    func copyLimbs(into buffer: UnsafeMutableBufferPointer<mp_limb_t>) {
        let used = limbCount
        if used > 0 {
            buffer.baseAddress!.update(from: cgmp_mpz_limbs(mpz)!, count: used)
        }
        if buffer.count > used {
            (buffer.baseAddress! + used).initialize(repeating: 0, count: buffer.count - used)
        }
    }
}

// MARK: - Storage

extension BigNum {
    /// The single owner of one `mpz_t`. Never copied by value; wiped before it is freed.
    final class Storage: @unchecked Sendable {
        let value: UnsafeMutablePointer<__mpz_struct>

        /// A zero value with room for `bits` bits, so results of that size need no reallocation.
        init(capacityInBits bits: Int) {
            value = .allocate(capacity: 1)
            __gmpz_init2(value, mp_bitcnt_t(max(bits, 1)))
        }

        /// A deep copy of `other` with room for `extraBits` more bits.
        init(copying other: Storage, extraBits: Int) {
            value = .allocate(capacity: 1)
            let bits = Int(cgmp_mpz_size(other.value)) * BigNum.limbBits + extraBits
            __gmpz_init2(value, mp_bitcnt_t(max(bits, 1)))
            __gmpz_set(value, other.value)
        }

        deinit {
            let allocated = Int(cgmp_mpz_alloc(value))
            if allocated > 0, let limbs = cgmp_mpz_limbs_all(value) {
                cgmp_wipe(limbs, allocated * MemoryLayout<mp_limb_t>.stride)
                WipeObserver.notify(limbs, count: allocated)
            }
            __gmpz_clear(value)
            value.deallocate()
        }
    }
}

// MARK: - Equatable, Comparable, Hashable

extension BigNum: Equatable, Comparable, Hashable {
    /// Variable-time comparison: do not use on secret values.
    public static func == (lhs: BigNum, rhs: BigNum) -> Bool {
        __gmpz_cmp(lhs.mpz, rhs.mpz) == 0
    }

    /// Variable-time comparison: do not use on secret values.
    public static func < (lhs: BigNum, rhs: BigNum) -> Bool {
        __gmpz_cmp(lhs.mpz, rhs.mpz) < 0
    }

    public func hash(into hasher: inout Hasher) {
        let count = limbCount
        hasher.combine(count)
        if count > 0 {
            hasher.combine(bytes: UnsafeRawBufferPointer(start: cgmp_mpz_limbs(mpz), count: count * MemoryLayout<mp_limb_t>.stride))
        }
    }
}

// MARK: - Literals and descriptions

extension BigNum: ExpressibleByIntegerLiteral {
    /// A value from a non-negative integer literal.
    public init(integerLiteral value: UInt) {
        self.init(value)
    }
}

extension BigNum: CustomStringConvertible, CustomDebugStringConvertible {
    /// The decimal representation.
    public var description: String { string(radix: 10) }

    /// `BigNum(0x…)`, the hexadecimal representation.
    public var debugDescription: String { "BigNum(0x\(string(radix: 16)))" }

    /// The representation in `radix` (2…36), lowercase, without prefix; "0" for zero.
    public func string(radix: Int) -> String {
        let radix = Int32(min(max(radix, 2), 36))
        let size = __gmpz_sizeinbase(mpz, radix) + 2
        var buffer = [CChar](repeating: 0, count: size)
        buffer.withUnsafeMutableBufferPointer { pointer in
            _ = __gmpz_get_str(pointer.baseAddress, radix, mpz)
        }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
