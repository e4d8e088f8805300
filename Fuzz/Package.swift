// swift-tools-version:6.1
import PackageDescription

// Fuzz targets for Rack's parsers of untrusted input, one libFuzzer executable per parser.
//
// Build and run them with `scripts/fuzz.sh` (see README.md). The targets link only with libFuzzer's `main`, and
// swiftc needs both sanitizers in one flag (SwiftPM passes two, and swiftc keeps the last: no coverage):
//
//     swift build -c release --sanitize=fuzzer --sanitize=address -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
//
// `Sources/RackCore` and `Sources/RackBuild` are symlinks to the main package's targets of the same name: the
// main package exports no library products, so this package compiles those sources itself, with the same
// dependencies. When RackCore or RackBuild gains a dependency there, add it here too.

// Shared dependencies, declared once (the same packages and versions as the main package).
let crypto = Target.Dependency.product(name: "Crypto", package: "swift-crypto")
let yams = Target.Dependency.product(name: "Yams", package: "Yams")

/// The parsers fuzzed, each the name of an executable target `Fuzz<name>` with a seed corpus in `Corpus/<name>/`.
let parsers: [(name: String, dependencies: [Target.Dependency])] = [
    ("AppName", ["RackCore"]),
    ("BuildRunnerFrame", ["RackCore"]),
    ("BuildpackSource", ["RackBuild"]),
    ("ConfigVarName", ["RackCore"]),
    ("DotEnv", ["RackCore"]),
    ("HostAndPort", ["RackCore"]),
    ("InternalRequests", ["RackCore"]),
    ("Procfile", ["RackCore"]),
    ("PublicKey", ["RackCore"]),
    ("RangeHeader", ["RackCore"]),
    ("ReleaseOutput", ["RackBuild", "RackCore"]),
    ("SSHCommand", ["RackCore"]),
    ("SlugIgnore", ["RackCore"]),
]

let package = Package(
    name: "rack-fuzz",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // The main package's sources, through symlinks.
        .target(name: "RackCore", dependencies: [crypto]),
        .target(name: "RackBuild", dependencies: ["RackCore", crypto, yams]),
        // What every fuzz target shares: the input as bytes and text, and invariant checks that crash on failure.
        .target(name: "FuzzChecks"),
    ]
        + parsers.map { parser in
            .executableTarget(name: "Fuzz\(parser.name)", dependencies: ["FuzzChecks"] + parser.dependencies)
        }
)
