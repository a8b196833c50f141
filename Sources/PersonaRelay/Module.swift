// Module PersonaRelay: see Package.swift for its role.
