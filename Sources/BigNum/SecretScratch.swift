internal import CGMP

/// Scratch byte buffers for secret material: zero-initialized, wiped before they are freed.
enum SecretScratch {
    /// Wipes and releases a byte buffer that held secret material.
    static func withBytes<R>(_ count: Int, _ body: (UnsafeMutableBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(count, 1))
        buffer.initialize(repeating: 0)
        defer {
            cgmp_wipe(buffer.baseAddress, buffer.count)
            buffer.deallocate()
        }
        return try body(UnsafeMutableBufferPointer(rebasing: buffer[0..<count]))
    }
}
