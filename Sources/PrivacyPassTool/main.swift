import ArgumentParser
import PrivacyPassCLI

// The `privacy-pass` executable: a thin wrapper, all logic lives in PrivacyPassCLI.
await PrivacyPassCommand.main()
