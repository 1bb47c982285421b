// The client-side baseline of `make bench-replay`: one AsyncHTTPClient client (as `Sender` uses)
// posting one body COUNT times, CONCURRENCY in flight, with a connection pool as large as the
// concurrency; reads each answer whole and records nothing. It shows what the HTTP client alone
// costs against the same collector, so the replay's own work can be told apart from it.
// Usage: BareClient --url URL --body FILE [--count N] [--concurrency N]
// Prints `bare_client=RATE requests/s (N in S s, ok=K)`.
import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

var url = ""
var bodyPath = ""
var count = 10_000
var concurrency = 32
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let argument = arguments.next() {
    switch argument {
    case "--url": url = arguments.next() ?? ""
    case "--body": bodyPath = arguments.next() ?? ""
    case "--count": count = Int(arguments.next() ?? "") ?? count
    case "--concurrency": concurrency = Int(arguments.next() ?? "") ?? concurrency
    default: break
    }
}
guard !url.isEmpty, let body = FileManager.default.contents(atPath: bodyPath) else {
    FileHandle.standardError.write(Data("usage: BareClient --url URL --body FILE [--count N] [--concurrency N]\n".utf8))
    exit(2)
}

/// Posts `bytes` to `url` `count` times, `concurrency` in flight; returns how many were answered
/// 2xx and the seconds it took.
func run(url: String, bytes: [UInt8], count: Int, concurrency: Int) async -> (accepted: Int, seconds: Double) {
    var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow)
    configuration.decompression = .disabled
    configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: concurrency)
    let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    let post: @Sendable () async -> Bool = {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(bytes: bytes))
        guard let response = try? await client.execute(request, timeout: .seconds(10)),
              (try? await response.body.collect(upTo: 1 << 20)) != nil else { return false }
        return (200..<300).contains(Int(response.status.code))
    }
    let start = ContinuousClock.now
    let accepted = await withTaskGroup(of: Bool.self) { group in
        var accepted = 0
        var started = 0
        while started < min(concurrency, count) {
            group.addTask(operation: post)
            started += 1
        }
        while let ok = await group.next() {
            if ok { accepted += 1 }
            if started < count {
                group.addTask(operation: post)
                started += 1
            }
        }
        return accepted
    }
    let elapsed = ContinuousClock.now - start
    try? await client.shutdown()
    return (accepted, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
}

let (accepted, seconds) = await run(url: url, bytes: Array(body), count: count, concurrency: concurrency)
print("bare_client=\(String(format: "%.0f", Double(count) / seconds)) requests/s (\(count) in \(String(format: "%.2f", seconds)) s, ok=\(accepted))")
