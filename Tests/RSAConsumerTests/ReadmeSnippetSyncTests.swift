import Foundation
import Testing

/// The README's Swift code blocks are compiled as written: each block's lines appear, in order and unchanged (up
/// to indentation), in `ReadmeExampleTests.swift`, whose test bodies compile and run. A README edit that is not
/// carried over to the tests (or the reverse) fails here.
@Suite("README snippets stay in step with the compiled examples")
struct ReadmeSnippetSyncTests {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The ```swift blocks of a Markdown text, as arrays of trimmed, non-empty lines.
    static func swiftBlocks(_ markdown: String) -> [[String]] {
        var blocks: [[String]] = []
        var current: [String]?
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if current == nil, trimmed == "```swift" {
                current = []
            } else if current != nil, trimmed == "```" {
                blocks.append(current ?? [])
                current = nil
            } else if !trimmed.isEmpty {
                current?.append(trimmed)
            }
        }
        return blocks
    }

    @Test("Every ```swift block of the README is a compiled example")
    func readmeBlocksAreCompiled() throws {
        let readme = try String(contentsOf: Self.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let examples = try String(
            contentsOf: Self.packageRoot.appendingPathComponent("Tests/RSAConsumerTests/ReadmeExampleTests.swift"),
            encoding: .utf8)
        let exampleLines = examples.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        let blocks = Self.swiftBlocks(readme)
        #expect(!blocks.isEmpty, "the README has Swift examples")
        for block in blocks {
            // The imports are the file's own; the rest must appear as one contiguous run of lines.
            let body = block.filter { !$0.hasPrefix("import ") }
            let found = exampleLines.indices.contains { (start: Int) -> Bool in
                let end: Int = start + body.count
                guard end <= exampleLines.count else { return false }
                let run: [String] = Array(exampleLines[start..<end])
                return run == body
            }
            #expect(found, "README block not found verbatim in ReadmeExampleTests.swift: \(body.first ?? "")")
        }
    }
}
