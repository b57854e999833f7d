// swift-tools-version: 6.0
import PackageDescription

// Benchmarks for NewsGraph, kept in a nested package (as swift-collections and
// swift-nio do) so that nothing here ever reaches the product.
//
// Build and run from this folder, always in release mode:
//
//   cd Benchmarks && swift run -c release GraphMLBenchmark run
//
// The build folder is Benchmarks/.build, separate from the root package's.

/// The identity SwiftPM gives the root package: the name of the folder it is checked
/// out in (`main`, `NewsGraph`, ...), which a path dependency's products are named by.
let rootPackage = Context.packageDirectory.split(separator: "/").dropLast().last.map(String.init) ?? "NewsGraph"

let package = Package(
  name: "NewsGraphBenchmarks",
  platforms: [.macOS(.v13)],
  dependencies: [
    .package(path: ".."),
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.0"),
  ],
  targets: [
    .executableTarget(
      name: "GraphMLBenchmark",
      dependencies: [
        .product(name: "KGGraph", package: rootPackage),
        .product(name: "KGGraphML", package: rootPackage),
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),
    // bench_query.py's queries (../shared/bench/query_peers) in our Cypher engine, beside Kùzu.
    .executableTarget(
      name: "QueryBenchmark",
      dependencies: [
        .product(name: "KGCypher", package: rootPackage),
        .product(name: "KGStore", package: rootPackage),
        .product(name: "KGGraph", package: rootPackage),
        .product(name: "KGGraphML", package: rootPackage),
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),
  ]
)
