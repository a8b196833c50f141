import BigNum

// The byte helpers the schemes share.

/// `count` bytes from the system CSPRNG.
func randomBytes(_ count: Int) -> [UInt8] {
    SystemRandom.bytes(count: count)
}

/// I2OSP into exactly `length` bytes, as an ``RSAError``.
func i2osp(_ value: BigNum, _ length: Int) throws(RSAError) -> [UInt8] {
    do {
        return try value.bigEndianBytes(count: length)
    } catch {
        throw RSAError(.invalidInput, "integer too large")
    }
}
