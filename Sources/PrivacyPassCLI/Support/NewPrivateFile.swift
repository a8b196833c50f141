#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A file created for the owner alone, for secrets such as `keygen --out`: mode 0600 from the moment it exists,
/// never over an existing file, never through a symbolic link, and written through the descriptor that created it.
///
/// The file is created by `open(path, O_WRONLY|O_CREAT|O_EXCL|O_NOFOLLOW|O_CLOEXEC, 0600)`: with `O_EXCL` the call
/// fails when anything — a file, a directory, a symbolic link, even a dangling one — already has that name, so
/// nothing is ever written through a link or over another file. The umask can only remove permissions from 0600.
final class NewPrivateFile {
    /// The path the file was created at.
    let path: String
    /// The descriptor, or -1 once closed.
    private var descriptor: Int32
    /// The device and inode of the created file, so that ``discard()`` removes only this file.
    private let identity: (device: UInt64, inode: UInt64)?

    /// Creates `path`, which must not exist, with mode 0600.
    ///
    /// - Throws: ``CLIError`` ("… already exists …" when the name is taken, including by a symbolic link).
    init(creating path: String) throws {
        self.path = path
        var descriptor: Int32
        repeat {
            descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        } while descriptor < 0 && errno == EINTR
        guard descriptor >= 0 else {
            let code = errno
            // With O_CREAT | O_EXCL, a name taken by anything, a symbolic link included, is EEXIST.
            guard code != EEXIST else {
                throw CLIError("\(path) already exists; keygen --out does not overwrite a file or follow a link")
            }
            throw CLIError("cannot create \(path): \(Self.message(code))")
        }
        self.descriptor = descriptor
        var status = stat()
        identity = fstat(descriptor, &status) == 0
            ? (device: UInt64(status.st_dev), inode: UInt64(status.st_ino)) : nil
    }

    deinit {
        if descriptor >= 0 {
            _ = Self.systemClose(descriptor)
        }
    }

    /// Writes all of `bytes` at the current offset, continuing after short writes and interrupted calls.
    ///
    /// - Throws: ``CLIError`` when a write fails or makes no progress, or the file is already closed.
    func writeAll(_ bytes: [UInt8]) throws {
        guard descriptor >= 0 else {
            throw CLIError("cannot write \(path): the file is closed")
        }
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return Self.systemWrite(descriptor, base + offset, raw.count - offset)
            }
            if written > 0 {
                offset += written
            } else if written < 0 && errno == EINTR {
                continue
            } else {
                let reason = written < 0 ? Self.message(errno) : "no bytes were written"
                throw CLIError("cannot write \(path): \(reason)")
            }
        }
    }

    /// Closes the descriptor.
    ///
    /// - Throws: ``CLIError`` when `close` reports an error (e.g. a deferred write error); the descriptor is
    ///   released either way (on Linux, `close` is not retried after EINTR).
    func close() throws {
        guard descriptor >= 0 else { return }
        let result = Self.systemClose(descriptor)
        let code = errno
        descriptor = -1
        if result != 0 && code != EINTR {
            throw CLIError("cannot write \(path): \(Self.message(code))")
        }
    }

    /// After a failure: closes the descriptor if it is open and removes the file, if the path still names the
    /// file this object created (not something put in its place since).
    func discard() {
        if descriptor >= 0 {
            _ = Self.systemClose(descriptor)
            descriptor = -1
        }
        guard let identity else { return }
        var status = stat()
        if lstat(path, &status) == 0, UInt64(status.st_dev) == identity.device,
            UInt64(status.st_ino) == identity.inode
        {
            _ = unlink(path)
        }
    }

    private static func message(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text)
    }

    private static func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
        Glibc.write(descriptor, buffer, count)
        #elseif canImport(Musl)
        Musl.write(descriptor, buffer, count)
        #else
        Darwin.write(descriptor, buffer, count)
        #endif
    }

    private static func systemClose(_ descriptor: Int32) -> Int32 {
        #if canImport(Glibc)
        Glibc.close(descriptor)
        #elseif canImport(Musl)
        Musl.close(descriptor)
        #else
        Darwin.close(descriptor)
        #endif
    }
}
