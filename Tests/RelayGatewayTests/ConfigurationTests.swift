import RelayGateway
import Testing

/// Flags, environment variables and defaults (relay-protocol.md §8, "Local gateway").
@Suite struct ConfigurationTests {
    @Test func defaults_areLoopback8080ProductionTenSeconds() throws {
        let configuration = try RelayGatewayConfiguration.resolve(flags: [:], environment: [:])
        #expect(configuration.host == "127.0.0.1")
        #expect(configuration.port == 8080)
        #expect(configuration.upstreamBaseURL == "https://api.withpersona.com")
        #expect(configuration.upstreamTimeout == .seconds(10))
        #expect(configuration.upstreamRetries == 3)
        #expect(configuration.logLevel == .info)
        #expect(configuration.personaConfiguration.requestTimeout == .seconds(10))
    }

    @Test func environment_isRead_andFlagsWin() throws {
        let environment = [
            "RELAY_GATEWAY_HOST": "0.0.0.0", "RELAY_GATEWAY_PORT": "9000",
            "RELAY_GATEWAY_UPSTREAM": "http://127.0.0.1:8081/", "RELAY_GATEWAY_UPSTREAM_TIMEOUT": "2.5",
            "RELAY_GATEWAY_UPSTREAM_RETRIES": "1", "RELAY_GATEWAY_LOG_LEVEL": "DEBUG",
        ]
        let fromEnvironment = try RelayGatewayConfiguration.resolve(flags: [:], environment: environment)
        #expect(fromEnvironment.host == "0.0.0.0")
        #expect(fromEnvironment.port == 9000)
        #expect(fromEnvironment.upstreamBaseURL == "http://127.0.0.1:8081")
        #expect(fromEnvironment.upstreamTimeout == .milliseconds(2_500))
        #expect(fromEnvironment.upstreamRetries == 1)
        #expect(fromEnvironment.logLevel == .debug)

        let flagged = try RelayGatewayConfiguration.resolve(
            flags: [.port: "8082", .upstream: "http://127.0.0.1:9999", .logLevel: "error"], environment: environment)
        #expect(flagged.port == 8082)
        #expect(flagged.upstreamBaseURL == "http://127.0.0.1:9999")
        #expect(flagged.logLevel == .error)
        #expect(flagged.host == "0.0.0.0")
    }

    @Test func upstream_losesExactlyOneTrailingSlash() throws {
        let configuration = try RelayGatewayConfiguration.resolve(
            flags: [.upstream: "http://127.0.0.1:8081//"], environment: [:])
        #expect(configuration.upstreamBaseURL == "http://127.0.0.1:8081/")
        #expect(RelayGatewayConfiguration(upstreamBaseURL: "https://x.example/").upstreamBaseURL == "https://x.example")
    }

    @Test(arguments: [
        (RelayGatewayConfiguration.Setting.port, "70000"), (.port, "eighty"), (.port, "-1"),
        (.upstreamTimeout, "0"), (.upstreamTimeout, "abc"), (.upstreamTimeout, "nan"), (.upstreamRetries, "11"),
        (.logLevel, "loud"), (.upstream, "ftp://example.com"), (.upstream, "api.withpersona.com"), (.host, ""),
    ])
    func badValues_areRefusedNamingTheSetting(setting: RelayGatewayConfiguration.Setting, value: String) {
        #expect(throws: RelayGatewayConfigurationError.self) {
            try RelayGatewayConfiguration.resolve(flags: [setting: value], environment: [:])
        }
        do {
            _ = try RelayGatewayConfiguration.resolve(flags: [:], environment: [setting.environmentVariable: value])
            if setting != .host { Issue.record("\(setting.environmentVariable)=\(value) was accepted") }
        } catch {
            #expect(error.setting == setting)
            #expect(error.message.contains(setting.environmentVariable))
        }
    }

    @Test func settings_spellTheirFlagsAndVariables() {
        #expect(RelayGatewayConfiguration.Setting.upstreamTimeout.flag == "--upstream-timeout")
        #expect(RelayGatewayConfiguration.Setting.upstreamTimeout.environmentVariable == "RELAY_GATEWAY_UPSTREAM_TIMEOUT")
        #expect(RelayGatewayConfiguration.Setting.logLevel.environmentVariable == "RELAY_GATEWAY_LOG_LEVEL")
        #expect(RelayGatewayConfiguration.Setting.port.flag == "--port")
        #expect(RelayGatewayConfiguration.Setting.upstream.flag == "--upstream")
    }
}
