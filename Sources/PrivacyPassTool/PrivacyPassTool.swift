import ArgumentParser
import PrivacyPassCLI

/// The `privacy-pass` executable: a thin wrapper, all logic lives in PrivacyPassCLI. Its entry point is async so
/// that the async subcommands (`demo`) run in an async context.
@main
struct PrivacyPassTool {
    static func main() async {
        await PrivacyPassCommand.main()
    }
}
