// Module RelayGateway: see Package.swift for its role.
