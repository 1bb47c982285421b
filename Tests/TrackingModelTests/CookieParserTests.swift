import Testing
@testable import TrackingModel

@Suite struct CookieParserTests {
    func pairs(_ header: String) -> [String] { CookieParser.parse(header).map(\.description) }

    @Test func vendorExample() {
        #expect(pairs("_fbp=123; _fbc=456; _ga=789") == ["_fbp=123", "_fbc=456", "_ga=789"])
        #expect(CookieParser.parse("fbp=123; fbc=456; _ga=GA1.3.593276215.1565602323").last
                == Cookie(name: "_ga", value: "GA1.3.593276215.1565602323"))
    }

    @Test(arguments: [
        ("a=1;b=2", ["a=1", "b=2"]),
        ("  a = 1 ;\tb=2  ", ["a=1", "b=2"]),
        ("a=1;;; ;b=2;", ["a=1", "b=2"]),
        ("token=abc==; x=a=b=c", ["token=abc==", "x=a=b=c"]),
        ("q=\"quoted value\"; r=\"", ["q=quoted value", "r=\""]),
        ("flag; a=1", ["flag=", "a=1"]),
        ("a=; =b", ["a=", "=b"]),
        ("a=1; a=2", ["a=1", "a=2"]),
        ("", []),
        ("  ;  ", []),
        ("=", []),
        ("lang=fr-FR; caid=é✓", ["lang=fr-FR", "caid=é✓"]),
    ])
    func edgeCases(header: String, expected: [String]) {
        #expect(pairs(header) == expected)
    }

    @Test func orderIsKept() {
        let names = CookieParser.parse("z=1; a=2; m=3").map(\.name)
        #expect(names == ["z", "a", "m"])
    }
}
