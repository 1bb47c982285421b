import CaptureLog
import Testing
@testable import Sender

@Suite struct HTTPForwarderTests {
    @Test func forwarderPutsTheUpstreamKeyWhereTheClientsWas() {
        let headers = [CaptureRecord.HeaderField(name: "Authorization", value: "Bearer local"), .init(name: "Content-Type", value: "application/json")]
        let withToken = HTTPForwarder.applyKey("up key", query: "tc_s=1&token=local", headers: headers)
        #expect(withToken.query == "tc_s=1&token=up%20key")
        #expect(withToken.headers == headers)
        let withBearer = HTTPForwarder.applyKey("up", query: "tc_s=1", headers: headers)
        #expect(withBearer.query == "tc_s=1")
        #expect(withBearer.headers.filter { $0.name == "Authorization" }.map(\.value) == ["Bearer up"])
        let none = HTTPForwarder.applyKey(nil, query: "tc_s=1&token=local", headers: headers)
        #expect(none.query == "tc_s=1&token=local")
    }

    @Test func anUnreachableTargetIsAFailureNotAThrow() async {
        let forwarder = HTTPForwarder(baseURL: "http://127.0.0.1:9/", sourceKey: "k", timeout: .seconds(2))
        #expect(forwarder.baseURL == "http://127.0.0.1:9")
        let exchange = await forwarder.send(method: "POST", path: "/events", query: "tc_s=1", headers: [], body: Array("{}".utf8))
        #expect(exchange.response == nil)
        #expect(exchange.failure != nil)
        #expect(exchange.url == "http://127.0.0.1:9/events?tc_s=1")
        #expect(exchange.headers.contains { $0.name == "Authorization" && $0.value == "Bearer k" })
    }
}
