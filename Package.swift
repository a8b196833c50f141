// swift-tools-version:6.1
//
// privacy-pass-swift: RSA blind signatures (RFC 9474), RSA (RFC 8017) and Privacy Pass for Swift,
// over GMP.

import PackageDescription

let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "privacy-pass-swift",
    products: [
        .library(name: "BigNum", targets: ["BigNum"]),
        .library(name: "RSA", targets: ["RSA"]),
        .library(name: "PrivacyPass", targets: ["PrivacyPass"]),
        .library(name: "PersonaRelay", targets: ["PersonaRelay"]),
        .library(name: "RelaySandbox", targets: ["RelaySandbox"]),
        .library(name: "RelayGateway", targets: ["RelayGateway"]),
        .executable(name: "privacy-pass", targets: ["PrivacyPassTool"]),
        .executable(name: "relay-sandbox", targets: ["RelaySandboxTool"]),
        .executable(name: "relay-gateway", targets: ["RelayGatewayTool"]),
        // The valgrind constant-time check (scripts/ctgrind.sh); not for use outside this repository.
        .executable(name: "ctgrind-harness", targets: ["CTGrindHarness"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-asn1.git", from: "1.7.4"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/swiftlang/swift-docc-plugin.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        // Already in the graph through AsyncHTTPClient and Hummingbird; named so that their modules are imported
        // explicitly (ByteBuffer, HTTP types).
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        // Test-only oracle for BigNum's property tests.
        .package(url: "https://github.com/attaswift/BigInt.git", from: "6.0.1"),
    ],
    targets: [
        // The C boundary: libgmp through pkg-config, with shims for GMP's macros.
        .systemLibrary(
            name: "CGMP",
            pkgConfig: "gmp",
            providers: [.apt(["libgmp-dev"]), .brew(["gmp"])]
        ),
        .target(
            name: "BigNum",
            dependencies: ["CGMP"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "RSA",
            dependencies: [
                "BigNum",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ],
            swiftSettings: strictSettings
        ),
        // Privacy Pass (RFC 9577, RFC 9578 token type 0x0002): wire structures, token keys, the client, issuer and
        // origin roles. No networking; swift-crypto for SHA-256 only.
        .target(
            name: "PrivacyPass",
            dependencies: [
                "BigNum",
                "RSA",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strictSettings
        ),
        // Persona Relay's wire format (relay-protocol.md §3, §4, §7, key inflection): pure functions from bytes to
        // typed values, shared by the client and the sandbox. No networking.
        .target(
            name: "RelayProtocol",
            dependencies: [
                "RSA",
                "PrivacyPass",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strictSettings
        ),
        // The Persona Relay client (the Relay Server SDK's surface): AsyncHTTPClient, retries, idempotency, errors.
        .target(
            name: "PersonaRelay",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                "RSA",
                "PrivacyPass",
                "RelayProtocol",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        // The local sandbox service: the server side of the Relay protocol over Hummingbird and SQLite (GRDB).
        .target(
            name: "RelaySandbox",
            dependencies: [
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                "BigNum",
                "RSA",
                "PrivacyPass",
                "RelayProtocol",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "RelaySandboxTool",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                "RelaySandbox",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        // The Gateway Service: three HTTP endpoints over the client.
        .target(
            name: "RelayGateway",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                "PersonaRelay",
                "RelayProtocol",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "RelayGatewayTool",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                "RelayGateway",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "PrivacyPassCLI",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                "BigNum",
                "RSA",
                "PrivacyPass",
                "RelayProtocol",
                "PersonaRelay",
                "RelaySandbox",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "PrivacyPassTool",
            dependencies: [
                "PrivacyPassCLI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),
        // The constant-time check (the ctgrind method, scripts/ctgrind.sh): valgrind client requests in C, and the
        // harness that drives every secret-handling operation under memcheck. Only the harness uses the hooks; the
        // library targets never see valgrind's headers.
        .target(name: "CTGrindHooks"),
        .executableTarget(
            name: "CTGrindHarness",
            dependencies: ["BigNum", "RSA", "CGMP", "CTGrindHooks"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "BigNumTests",
            dependencies: [
                "BigNum",
                .product(name: "BigInt", package: "BigInt"),
            ]
        ),
        .testTarget(
            name: "RSATests",
            dependencies: [
                "BigNum",
                "RSA",
                // The vector schema's decoder (ProjectVectorSchema.swift), shared with `privacy-pass vectors`.
                "PrivacyPassCLI",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ]
        ),
        // The public API as a consumer sees it: no `@testable import` (the README's examples, every entry point).
        .testTarget(
            name: "RSAConsumerTests",
            dependencies: [
                "BigNum",
                "RSA",
                "PrivacyPass",
                "PersonaRelay",
                "RelaySandbox",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ]
        ),
        .testTarget(
            name: "PrivacyPassTests",
            dependencies: [
                "BigNum",
                "RSA",
                "PrivacyPass",
                .product(name: "Crypto", package: "swift-crypto"),
                // Oracle: a token's authenticator is an ordinary RSASSA-PSS signature.
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ]
        ),
        .testTarget(
            name: "PrivacyPassCLITests",
            dependencies: ["PrivacyPassCLI", "RSA", "BigNum"]
        ),
            .testTarget(
            name: "RelayProtocolTests",
            dependencies: [
                "RSA",
                "PrivacyPass",
                "RelayProtocol",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ]
        ),
        // The client against a scripted loopback server and against the sandbox, over real HTTP.
        .testTarget(
            name: "PersonaRelayTests",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                "RSA",
                "PrivacyPass",
                "RelayProtocol",
                "PersonaRelay",
                "RelaySandbox",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "RelaySandboxTests",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                "RSA",
                "PrivacyPass",
                "RelayProtocol",
                "RelaySandbox",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The client against the sandbox over real loopback HTTP (the Relay issue's end-to-end cases).
        .testTarget(
            name: "RelayIntegrationTests",
            dependencies: [
                "RSA",
                "PrivacyPass",
                "RelayProtocol",
                "PersonaRelay",
                "RelaySandbox",
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "RelayGatewayTests",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                "RSA",
                "RelayProtocol",
                "PersonaRelay",
                "RelaySandbox",
                "RelayGateway",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
    ]
)
