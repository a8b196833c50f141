// Module RelaySandbox: see Package.swift for its role.
