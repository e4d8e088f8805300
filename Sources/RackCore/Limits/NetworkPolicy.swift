/// What a build's network is: the host's (buildpacks may download; the default), or none (a network namespace of
/// its own with only loopback).
public enum NetworkPolicy: String, Codable, Sendable, CaseIterable {
    case host, none
}
