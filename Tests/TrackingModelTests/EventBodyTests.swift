import Testing
import TrackingModel

@Suite struct EventBodyTests {
    static let bodies: [(String, [String])] = [
        (#"{"event_name":"purchase","value":1}"#, ["purchase"]),
        (#"{"event":"search","properties":{"event_name":"inner"}}"#, ["search"]),
        (#"{"event_name":5,"event":"legacy"}"#, ["legacy"]),
        (#"{"event_name":"first","event_name":7}"#, []),
        (#"{"event_name":7,"event_name":"last"}"#, ["last"]),
        (#"{"batch":[{"event_name":"a"},{"x":1},{"event":"b"},3]}"#, ["a", "b"]),
        (#"{"batch":[{"event_name":"a"}],"batch":{}}"#, []),
        (#"{"event_name":"outer","batch":[{"event_name":"a"}]}"#, ["outer"]),
        (#"{"event":null,"batch":[{"event_name":"a"}]}"#, []),
        (#"[{"event_name":"a"},{"event_name":"c"},[{"event_name":"nested"}]]"#, ["a", "c"]),
        ("\u{FEFF}" + #" {"event_name":"after-bom"}"#, ["after-bom"]),
        (#""just a string""#, []),
        ("{\"event_name\":\"a\"}\n\n{\"event\":\"b\"}\r\n[1]\n", ["a", "b"]),
        ("{\"event_name\":\"a\"}\n{\"event_name\":\"cut\n", []),
        ("[1]\n{\"event_name\":\"a\"}\n", []),
        (#"{"event_name":"cut"#, []),
        (#"{"event_name":"bad\x"}"#, []),
        (#"{"event_name":"\ud800"}"#, []),
        ("not json", []),
        ("\n  \n\u{FEFF}{\"event_name\":\"a\"}\n{\"event_name\":\"b\"}", ["a", "b"]),
        ("x\n{\"event_name\":\"b\"}", []),
        ("", []),
    ]

    /// The quick reading (pull reader, no tree) and the full one give the same names.
    @Test func theQuickAndTheFullReadingAgree() {
        for (body, expected) in Self.bodies {
            let bytes = Array(body.utf8)
            let full = (try? EventBody.read(bytes))?.eventNames ?? []
            #expect(full == expected, "\(body)")
            #expect(EventBodySummary.quickScan(bytes).eventNames == expected, "\(body)")
        }
    }

    @Test func theEventsOfADocument() {
        #expect(EventBody.events(in: ["batch": [["event_name": "a"], 2]]) == [["event_name": "a"], 2])
        #expect(EventBody.events(in: [1, 2]) == [1, 2])
        #expect(EventBody.events(in: ["event_name": "x", "batch": []]) == [["event_name": "x", "batch": []]])
        #expect(EventBody.events(in: "s") == ["s"])
        #expect(EventBody.nameKey(in: .legacy) == "event")
        #expect(EventBody.nameKey(in: .v2) == "event_name")
    }

    @Test func jsonLinesAreOneEventPerLine() throws {
        let body = try EventBody.read(Array("{\"event_name\":\"a\"}\n[{\"event_name\":\"b\"}]\n".utf8))
        #expect(body.form == .jsonLines)
        #expect(body.events.count == 2)
        #expect(body.eventNames == ["a"])
        #expect(EventBody.isJSONLines(Array("{\"a\":1}\n{\"b\":\n".utf8)))
        #expect(!EventBody.isJSONLines(Array("{\"a\":1}\n".utf8)))
        #expect(!EventBody.isJSONLines(Array("[{\"a\":1},\n{\"b\":2}]".utf8)))
    }

    /// The normalised view names events by the same rule.
    @Test func theNormalisedViewNamesEventsByTheSameRule() {
        for (body, _) in Self.bodies {
            guard let value = try? JSONParser.parse(body).value else { continue }
            #expect(NormalizedEvent(value).name == EventBody.name(of: value), "\(body)")
        }
    }
}
