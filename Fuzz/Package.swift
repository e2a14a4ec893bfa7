// swift-tools-version: 6.1
// Fuzz targets for what reads untrusted input: the scenario loader, the lexicon compiler
// and the move detector. Kept out of the main package: they build only with libFuzzer.
// Build and run from this folder (see docs/fuzzing.md):
//   swift build -c release -Xswiftc -sanitize=fuzzer --build-path .build-fuzz
//   .build-fuzz/release/FuzzDetector -runs=10000000 Corpus/detector
import PackageDescription

/// libFuzzer's own `main` is not used: SwiftPM names an executable's entry point
/// `<Target>_main`, which each target defines and hands to `LLVMFuzzerRunDriver`.
/// lld links that cleanly where gold fails on the two `main`s.
let fuzzerLink: [LinkerSetting] = [.unsafeFlags(["-sanitize=fuzzer", "-use-ld=lld"])]
let asLibrary: [SwiftSetting] = [.unsafeFlags(["-parse-as-library"])]

let package = Package(
    name: "CoachFuzz",
    platforms: [.macOS(.v15)],
    dependencies: [
        // An explicit name: the folder a clone of the repository lands in varies.
        .package(name: "coach", path: "..")
    ],
    targets: [
        .target(name: "FuzzDriver"),
        .executableTarget(
            name: "FuzzDetector",
            dependencies: ["FuzzDriver", .product(name: "CoachKit", package: "coach")],
            swiftSettings: asLibrary, linkerSettings: fuzzerLink),
        .executableTarget(
            name: "FuzzScenarioLoader",
            dependencies: ["FuzzDriver", .product(name: "CoachKit", package: "coach")],
            swiftSettings: asLibrary, linkerSettings: fuzzerLink),
        .executableTarget(
            name: "FuzzLexiconCompiler",
            dependencies: ["FuzzDriver", .product(name: "CoachKit", package: "coach")],
            swiftSettings: asLibrary, linkerSettings: fuzzerLink),
    ]
)
