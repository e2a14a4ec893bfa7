// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "coach",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "coach", targets: ["coach"]),
        .library(name: "CoachKit", targets: ["CoachKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
    ],
    targets: [
        // GNU readline, linked from the system; no pkg-config (it adds flags SwiftPM rejects).
        .systemLibrary(name: "CReadline", path: "Sources/CReadline"),
        .target(
            name: "CoachKit",
            dependencies: [
                .product(name: "Yams", package: "Yams"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            resources: [.copy("Resources/scenarios")]
        ),
        // One LRS upload attempt in a process of its own, which `coach report --lrs` runs. The
        // URLSession transport lives only here: FoundationNetworking brings libcurl and some
        // thirty libraries that every command would otherwise load at start (docs/performance.md).
        .executableTarget(name: "coach-lrs-post", dependencies: ["CoachKit"]),
        .executableTarget(
            name: "coach",
            dependencies: [
                "CoachKit",
                "CReadline",
                // Not linked: built beside `coach`, which runs it as a child (IsolatedLRSTransport).
                "coach-lrs-post",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "CoachKitTests",
            // GRDB directly too: the records tests hold locks and read tables as another process would.
            dependencies: ["CoachKit", "coach-lrs-post", .product(name: "GRDB", package: "GRDB.swift")],
            exclude: ["Fixtures"]),
        // Depends on the executable so that `swift test` builds the binary it runs; on GRDB to
        // damage a database as sqlite3 would before the binary reads it.
        .testTarget(
            name: "CoachEndToEndTests",
            dependencies: ["CoachKit", "coach", .product(name: "GRDB", package: "GRDB.swift")]),
    ],
    swiftLanguageModes: [.v6]
)
