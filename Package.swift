// swift-tools-version:6.1
import PackageDescription

// Shared dependencies, declared once.
let argumentParser = Target.Dependency.product(name: "ArgumentParser", package: "swift-argument-parser")
let asyncHTTPClient = Target.Dependency.product(name: "AsyncHTTPClient", package: "async-http-client")
let crypto = Target.Dependency.product(name: "Crypto", package: "swift-crypto")
let grdb = Target.Dependency.product(name: "GRDB", package: "GRDB.swift")
let hummingbird = Target.Dependency.product(name: "Hummingbird", package: "hummingbird")
let hummingbirdTesting = Target.Dependency.product(name: "HummingbirdTesting", package: "hummingbird")
let nio = Target.Dependency.product(name: "NIOCore", package: "swift-nio")
let nioHTTP1 = Target.Dependency.product(name: "NIOHTTP1", package: "swift-nio")
let logging = Target.Dependency.product(name: "Logging", package: "swift-log")
let yams = Target.Dependency.product(name: "Yams", package: "Yams")
let serviceLifecycle = Target.Dependency.product(name: "ServiceLifecycle", package: "swift-service-lifecycle")

// The SSH gate's programs start on every login and push (rack-keys twice, rack-serve, rack-hook): with the Swift
// runtime and Foundation linked in statically, one starts in about 2 ms instead of 9 (see bench/README.md).
// Release builds only: debug binaries would grow to 160 MB each, and the tests copy them into every rack's home.
// (The static Foundation archives depend on each other in a cycle, hence the group.)
let staticFoundation = ["Foundation", "CoreFoundation", "FoundationEssentials", "FoundationInternationalization", "_FoundationICU",
    "_FoundationCShims", "_FoundationCollections"].flatMap { ["-Xlinker", "-l:lib\($0).a"] }
let staticSwiftRuntime: [LinkerSetting] = [
    .unsafeFlags(["-static-stdlib", "-Xlinker", "--start-group"] + staticFoundation + ["-Xlinker", "--end-group"], .when(configuration: .release))
]

let package = Package(
    name: "rack",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "rackd", targets: ["rackd"]),
        .executable(name: "rack", targets: ["rack"]),
        .executable(name: "rack-keys", targets: ["rack-keys"]),
        .executable(name: "rack-serve", targets: ["rack-serve"]),
        .executable(name: "rack-hook", targets: ["rack-hook"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // The domain core: names, keys, API resource shapes, errors. No networking.
        .target(name: "RackCore", dependencies: [crypto]),
        // The embedded store: SQLite through GRDB, secrets encrypted at rest.
        .target(name: "RackStore", dependencies: ["RackCore", grdb, crypto]),
        // The HTTP API (Heroku Platform API v3 shapes) and the internal API.
        .target(name: "RackAPI", dependencies: ["RackCore", "RackStore", hummingbird, logging]),
        // `rackd`'s commands: serve, users:create, tokens:create.
        .target(name: "RackDaemon", dependencies: ["RackAPI", "RackBuilder", "RackStore", "RackCore", "RackSlug", argumentParser, hummingbird, logging, serviceLifecycle]),
        // A client of the public API.
        .target(name: "RackClient", dependencies: ["RackCore", asyncHTTPClient, nio, nioHTTP1]),
        // `rack`'s commands.
        .target(name: "RackCLI", dependencies: ["RackClient", "RackCore", argumentParser]),

        // What a build reads from buildpacks and apps: bin/release output (YAML), process types, buildpack URLs.
        .target(name: "RackBuild", dependencies: ["RackCore", crypto, yams]),
        // libarchive, for slugs (Debian's libarchive-dev).
        .systemLibrary(name: "CArchive", pkgConfig: "libarchive", providers: [.apt(["libarchive-dev"])]),
        // Slugs: deterministic, streamed, size-capped tar.gz of a build dir.
        .target(name: "RackSlug", dependencies: ["CArchive", "RackCore", crypto]),
        // The build runner (in rackd, as root): buildpacks in a bubblewrap sandbox as the build user, slugs, records.
        .target(name: "RackBuilder", dependencies: ["RackCore", "RackStore", "RackBuild", "RackSlug"]),
        // The SSH gate: sshd's AuthorizedKeysCommand and the forced command.
        .target(name: "RackGate", dependencies: ["RackCore", "RackClient", nio]),

        .executableTarget(name: "rackd", dependencies: ["RackDaemon"]),
        .executableTarget(name: "rack-keys", dependencies: ["RackGate"], linkerSettings: staticSwiftRuntime),
        .executableTarget(name: "rack-serve", dependencies: ["RackGate"], linkerSettings: staticSwiftRuntime),
        .executableTarget(name: "rack-hook", dependencies: ["RackGate"], linkerSettings: staticSwiftRuntime),
        .executableTarget(name: "rack", dependencies: ["RackCLI"]),

        .testTarget(name: "RackCoreTests", dependencies: ["RackCore"]),
        .testTarget(name: "RackStoreTests", dependencies: ["RackStore", "RackCore"]),
        .testTarget(name: "RackAPITests", dependencies: ["RackAPI", "RackStore", "RackCore", hummingbird, hummingbirdTesting]),
        .testTarget(name: "RackGateTests", dependencies: ["RackGate", "RackCore"]),
        .testTarget(name: "RackSlugTests", dependencies: ["RackSlug", "RackCore"]),
        .testTarget(name: "RackBuildTests", dependencies: ["RackBuild", "RackCore"]),
        .testTarget(name: "RackBuilderTests", dependencies: ["RackBuilder", "RackCore"]),
        .testTarget(name: "EndToEndTests", dependencies: ["RackCore"]),
    ]
)
