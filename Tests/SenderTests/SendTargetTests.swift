import Testing
@testable import Sender

@Suite struct SendTargetTests {
    @Test func readsKeyFromNamedVariableOnly() {
        let target = SendTarget(baseURL: "http://127.0.0.1:9", keyEnvironmentVariable: "TS_KEY")
        #expect(target.sourceKey(in: ["TS_KEY": "abc"]) == "abc")
        #expect(target.sourceKey(in: ["TS_KEY": ""]) == nil)
        #expect(target.sourceKey(in: [:]) == nil)
        #expect(SendTarget(baseURL: "x").sourceKey(in: ["TS_KEY": "abc"]) == nil)
    }
}
