// swift-tools-version: 6.0
import PackageDescription

let package = Package(
  name: "NewsGraph",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "newsgraph", targets: ["newsgraph"]),
    .library(name: "KGGraph", targets: ["KGGraph"]),
    .library(name: "KGGraphML", targets: ["KGGraphML"]),
    .library(name: "KGCypher", targets: ["KGCypher"]),
    .library(name: "KGStore", targets: ["KGStore"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.0"),
  ],
  targets: [
    // libxml2 through pkg-config; only KGGraphML imports it.
    .systemLibrary(
      name: "CLibXML2",
      pkgConfig: "libxml-2.0",
      providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]),
    // Source locations, typed errors, JSON values, atomic files. No dependencies.
    .target(name: "KGCore"),
    // Article text to tokens and sentences.
    .target(name: "KGText", dependencies: ["KGCore"]),
    // The property graph model, entity ids, the node-link JSON form, statistics.
    .target(name: "KGGraph", dependencies: ["KGCore"]),
    // Articles to knowledge graphs: mentions, entities, relations. Lexicons are data files.
    .target(
      name: "KGExtraction",
      dependencies: ["KGText", "KGGraph", "KGCore"],
      resources: [.copy("Resources/lexicon"), .copy("Resources/rules")]),
    // Many article graphs into one: entity resolution across articles, edge aggregation.
    .target(name: "KGMerge", dependencies: ["KGGraph", "KGCore"], resources: [.copy("Resources/variants.tsv")]),
    // The openCypher subset: lexer, parser, binder, executor over a graph.
    .target(name: "KGCypher", dependencies: ["KGGraph", "KGStore", "KGCore", "KGMerge"]),
    // A graph frozen for queries: flat columns, CSR adjacency, indexes; in memory or
    // memory-mapped from the snapshot file kept beside a GraphML file.
    .target(name: "KGStore", dependencies: ["KGGraph", "KGCore"]),
    // GraphML reading, writing and schema validation through libxml2.
    .target(name: "KGGraphML", dependencies: ["KGGraph", "KGCore", "CLibXML2"]),
    .executableTarget(
      name: "newsgraph",
      dependencies: [
        "KGCore", "KGGraph", "KGGraphML", "KGText", "KGExtraction", "KGMerge", "KGStore", "KGCypher",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),

    .target(name: "KGTestSupport", dependencies: ["KGCore", "KGGraph"], path: "Tests/KGTestSupport"),
    .testTarget(name: "KGCoreTests", dependencies: ["KGCore"]),
    .testTarget(name: "KGTextTests", dependencies: ["KGText"]),
    .testTarget(name: "KGExtractionTests", dependencies: ["KGExtraction", "KGGraphML", "KGTestSupport"]),
    .testTarget(name: "KGMergeTests", dependencies: ["KGMerge", "KGExtraction", "KGGraphML", "KGTestSupport"]),
    .testTarget(name: "KGGraphTests", dependencies: ["KGGraph", "KGTestSupport"]),
    .testTarget(name: "KGCypherTests", dependencies: ["KGCypher", "KGGraph"]),
    .testTarget(name: "KGStoreTests", dependencies: ["KGStore", "KGGraph", "KGTestSupport"]),
    .testTarget(
      name: "KGGraphMLTests",
      dependencies: ["KGGraphML", "KGTestSupport"],
      resources: [.copy("Fixtures")]),
    .testTarget(name: "newsgraphTests", dependencies: ["newsgraph", "KGTestSupport"]),
  ]
)
