// Module RelayProtocol: see Package.swift for its role.
