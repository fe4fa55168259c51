// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Kutip",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "Kutip", targets: ["Kutip"]),
        .executable(name: "kutip", targets: ["KutipCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")
    ],
    targets: [
        // ICU behind a header that only uses <stdint.h> types.
        .target(
            name: "CICU",
            linkerSettings: [.linkedLibrary("icuuc"), .linkedLibrary("icui18n"), .linkedLibrary("icudata")]
        ),
        .target(name: "KutipCore"),
        .target(name: "KutipUnicode", dependencies: ["CICU", "KutipCore"]),
        .target(name: "KutipTokenize", dependencies: ["KutipCore", "KutipUnicode"]),
        .target(name: "KutipBoilerplate", dependencies: ["KutipCore"]),
        .target(name: "KutipAbbreviations", dependencies: ["KutipCore"]),
        .target(name: "KutipDates", dependencies: ["KutipCore", "KutipUnicode"]),
        .target(name: "KutipEntities", dependencies: ["KutipCore"]),
        .target(name: "KutipQuotes", dependencies: ["KutipCore", "KutipEntities"]),
        .target(name: "KutipEvaluation", dependencies: ["KutipCore"]),
        .target(
            name: "KutipLexicons",
            path: "Lexicons",
            exclude: ["README.md"],
            sources: ["LexiconBundle.swift"],
            resources: [.copy("data")]
        ),
        .target(
            name: "Kutip",
            dependencies: [
                "KutipCore", "KutipUnicode", "KutipTokenize", "KutipBoilerplate", "KutipAbbreviations", "KutipDates",
                "KutipEntities", "KutipQuotes", "KutipEvaluation",
                "KutipLexicons",
            ]
        ),
        .executableTarget(
            name: "KutipCLI",
            dependencies: ["Kutip", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        // The libFuzzer target; scripts/fuzz builds it with -sanitize=fuzzer. A plain
        // build gives a replayer that runs the same checks on files.
        .executableTarget(name: "KutipFuzz", dependencies: ["Kutip"]),
        .target(name: "KutipTestSupport", dependencies: ["KutipCore"], path: "Tests/KutipTestSupport"),
        .testTarget(name: "KutipCoreTests", dependencies: ["KutipCore", "KutipTestSupport"]),
        .testTarget(name: "KutipTokenizeTests", dependencies: ["Kutip", "KutipTestSupport"]),
        .testTarget(name: "KutipBoilerplateTests", dependencies: ["Kutip", "KutipTestSupport"]),
        .testTarget(name: "KutipAbbreviationsTests", dependencies: ["Kutip", "KutipTestSupport"]),
        .testTarget(name: "KutipDatesTests", dependencies: ["Kutip", "KutipTestSupport"]),
        .testTarget(name: "KutipEntitiesTests", dependencies: ["Kutip", "KutipTestSupport"]),
        .testTarget(name: "KutipQuotesTests", dependencies: ["Kutip", "KutipTestSupport"]),
        .testTarget(name: "KutipEvaluationTests", dependencies: ["Kutip", "KutipTestSupport"]),
        .testTarget(
            name: "KutipTests",
            dependencies: ["Kutip", "KutipTestSupport"]
        ),
        .testTarget(name: "KutipCLITests", dependencies: ["KutipCLI", "Kutip", "KutipTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
