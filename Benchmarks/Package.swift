// swift-tools-version:6.1
//
// Benchmarks for privacy-pass-swift (ordo-one/benchmark), kept in their own package so that the library itself
// does not depend on the benchmark harness. Run from this directory: `swift package benchmark`.

import PackageDescription

// SwiftPM names a path dependency after its directory, so the library package (the parent directory) is referred
// to by that name, whatever the checkout directory is called.
let library = Context.packageDirectory.split(separator: "/").dropLast().last.map { String($0).lowercased() }
    ?? "privacy-pass-swift"

let package = Package(
    name: "privacy-pass-swift-benchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(path: ".."),
        // "MallocInterposer" only: this also turns off the harness's default "RuntimeInterposer" trait, whose
        // extra dependency is not needed (and not available everywhere).
        .package(url: "https://github.com/ordo-one/benchmark.git", from: "1.38.1", traits: ["MallocInterposer"]),
        // The comparison: swift-crypto's _CryptoExtras (BoringSSL).
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        // The sandbox's control endpoint in the Relay round trip.
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        // A bare HTTP server: the floor of one loopback request, beside the round trip.
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
    ],
    targets: [
        // Raw GMP for the reference benchmarks (the root package's CGMP is not a product).
        .systemLibrary(
            name: "CGMPBench",
            path: "Sources/CGMPBench",
            pkgConfig: "gmp",
            providers: [.apt(["libgmp-dev"]), .brew(["gmp"])]
        ),
        // Fixed RSA keys shared by the RSA and blind-signing benchmarks, so that setup does no key generation.
        .target(
            name: "BenchmarkKeys",
            path: "Sources/BenchmarkKeys"
        ),
        // Interleaved ours-vs-swift-crypto timing, robust to a machine whose speed drifts (see README).
        .executableTarget(
            name: "PairedComparison",
            dependencies: [
                .product(name: "RSA", package: library),
                .product(name: "PrivacyPass", package: library),
                .product(name: "BigNum", package: library),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                "BenchmarkKeys",
            ],
            path: "Paired"
        ),
        // The Persona Relay round trip (client ↔ in-process sandbox over loopback HTTP) beside the same crypto
        // steps alone, and the sandbox's redemption throughput.
        .executableTarget(
            name: "RelayRoundTrip",
            dependencies: [
                .product(name: "PersonaRelay", package: library),
                .product(name: "RelaySandbox", package: library),
                .product(name: "RSA", package: library),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            path: "RelayRoundTrip"
        ),
        .executableTarget(
            name: "BigNumBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "BigNum", package: library),
                "CGMPBench",
            ],
            path: "Benchmarks/BigNumBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "RSABenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "RSA", package: library),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                "BenchmarkKeys",
            ],
            path: "Benchmarks/RSABenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "BlindSigningBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "RSA", package: library),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                "BenchmarkKeys",
            ],
            path: "Benchmarks/BlindSigningBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
