// swift-tools-version: 6.1
// Benchmarks of CoachKit's move detector and engine, kept out of the main package so
// that building or testing `coach` never pulls in package-benchmark.
// Run from this folder: `swift package benchmark` (see docs/performance.md).
import PackageDescription

let package = Package(
    name: "CoachPerf",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(url: "https://github.com/ordo-one/package-benchmark", exact: "1.38.1", traits: ["MallocInterposer"]),
        // An explicit name: the folder a clone of the repository lands in varies.
        .package(name: "coach", path: ".."),
    ],
    targets: [
        .executableTarget(
            name: "CoachBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "package-benchmark"),
                .product(name: "CoachKit", package: "coach"),
            ],
            path: "Benchmarks/CoachBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        ),
        // Not a benchmark: dumps every detection over a corpus, to check that an optimisation
        // changes nothing (see docs/performance.md).
        .executableTarget(
            name: "DetectionDump",
            dependencies: [.product(name: "CoachKit", package: "coach")],
            path: "Sources/DetectionDump"
        ),
    ]
)
