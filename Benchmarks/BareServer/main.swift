// The baselines of `make bench-collect`: a bare Hummingbird 2 app on loopback that reads the whole
// request body and answers 200, nothing else; with `--record PATH`, it also appends each body as one
// line to PATH and answers only once that line is on disk (`LineRecorder`: group commit), the floor
// of any durable capture sink on this framework; `--pad-to BYTES` pads each line with spaces to that
// length, to tell what writing as many bytes as another sink costs.
// Usage: BareServer [--port N] [--record PATH [--pad-to BYTES]] (port 0 picks a free port, printed as
// `listening on PORT`).
import Foundation
import Hummingbird
import Logging

var port = 0
var recordPath: String?
var padTo = 0
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let argument = arguments.next() {
    switch argument {
    case "--port": if let value = arguments.next(), let number = Int(value) { port = number }
    case "--record": recordPath = arguments.next()
    case "--pad-to": if let value = arguments.next(), let number = Int(value) { padTo = number }
    default:
        FileHandle.standardError.write(Data("usage: BareServer [--port N] [--record PATH [--pad-to BYTES]]\n".utf8))
        exit(2)
    }
}

let recorder: LineRecorder?
do {
    recorder = try recordPath.map(LineRecorder.init(path:))
} catch {
    FileHandle.standardError.write(Data("BareServer: \(error)\n".utf8))
    exit(1)
}

let router = Router()
router.post("**") { request, _ -> Response in
    if let recorder {
        let body = try await request.body.collect(upTo: 16 << 20)
        try await recorder.record(LineRecorder.line(of: body.readableBytesView, paddedTo: padTo))
    } else {
        var size = 0
        for try await buffer in request.body { size += buffer.readableBytes }
    }
    return Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: "{\"status\":\"ok\"}")))
}
var logger = Logger(label: "bare-server")
logger.logLevel = .error
let app = Application(
    router: router,
    configuration: .init(address: .hostname("127.0.0.1", port: port), serverName: "bare"),
    onServerRunning: { channel in
        let bound = channel.localAddress?.port ?? 0
        FileHandle.standardOutput.write(Data("listening on \(bound)\n".utf8))
    },
    logger: logger
)
try await app.runService()
