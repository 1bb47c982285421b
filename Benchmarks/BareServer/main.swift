// The baseline of `make bench-collect`: a bare Hummingbird 2 app on loopback that reads the whole
// request body and answers 200, nothing else. Usage: BareServer [--port N] (0 picks a free port,
// printed as `listening on PORT`).
import Foundation
import Hummingbird
import Logging

var port = 0
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let argument = arguments.next() {
    if argument == "--port", let value = arguments.next(), let number = Int(value) { port = number }
}

let router = Router()
router.post("**") { request, _ -> Response in
    var size = 0
    for try await buffer in request.body { size += buffer.readableBytes }
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
