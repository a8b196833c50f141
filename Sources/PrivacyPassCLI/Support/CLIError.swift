/// A one-line error the tool prints (as `Error: <message>`) before exiting with status 1.
struct CLIError: Error, CustomStringConvertible {
    let message: String

    init(_ message: String) {
        self.message = message
    }

    var description: String { message }
}
