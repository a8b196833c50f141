import ArgumentParser
import Foundation

/// `privacy-pass bench [--bits N] [--seconds S] [--json]`: quick timing of every operation.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Quick single-process timing of every operation (operations per second)."
    )

    @Option(help: "Modulus size: 2048, 3072 or 4096.")
    var bits: Int = 2048

    @Option(help: "Time budget per operation, in seconds.")
    var seconds: Double = 1.0

    @Flag(help: "Print {\"bits\": N, \"ops\": {name: ops_per_second, …}} instead of a table.")
    var json = false

    func validate() throws {
        guard [2048, 3072, 4096].contains(bits) else {
            throw ValidationError("--bits must be 2048, 3072 or 4096")
        }
        guard seconds > 0, seconds.isFinite else {
            throw ValidationError("--seconds must be positive")
        }
    }

    func run() throws {
        #if DEBUG
        // Figures from a debug build are not comparable with Benchmarks/ or with other libraries' release builds.
        StandardStreams.writeErrorLine(
            "privacy-pass bench: this is a debug build; build with `swift build -c release` for representative figures")
        #endif
        let results = try QuickBenchmark(bits: bits, seconds: seconds).run()
        let names = QuickBenchmark.operations.filter { results[$0] != nil }
        if json {
            let ops = names.map { "\"\($0)\": \(String(format: "%.3f", results[$0] ?? 0))" }.joined(separator: ", ")
            print("{\"bits\": \(bits), \"ops\": {\(ops)}}")
        } else {
            print("RSA-\(bits)")
            print("operation".padding(toLength: 18, withPad: " ", startingAt: 0) + "      ops/s      µs/op")
            for name in names {
                let rate = results[name] ?? 0
                let line = name.padding(toLength: 18, withPad: " ", startingAt: 0)
                    + String(format: "%11.1f %10.1f", rate, rate > 0 ? 1e6 / rate : 0)
                print(line)
            }
        }
    }
}
