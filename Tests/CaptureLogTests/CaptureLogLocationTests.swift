import Testing
@testable import CaptureLog

@Suite struct CaptureLogLocationTests {
    @Test func prefersXDGStateHome() {
        let url = CaptureLogLocation.defaultURL(environment: ["XDG_STATE_HOME": "/tmp/state", "HOME": "/home/u"])
        #expect(url.path == "/tmp/state/trackscope/capture.jsonl")
    }

    @Test func fallsBackToLocalStateUnderHome() {
        #expect(CaptureLogLocation.defaultURL(environment: ["HOME": "/home/u"]).path == "/home/u/.local/state/trackscope/capture.jsonl")
        // A relative XDG_STATE_HOME is invalid per the XDG spec and is ignored.
        #expect(CaptureLogLocation.defaultURL(environment: ["XDG_STATE_HOME": "rel", "HOME": "/home/u"]).path == "/home/u/.local/state/trackscope/capture.jsonl")
    }
}
