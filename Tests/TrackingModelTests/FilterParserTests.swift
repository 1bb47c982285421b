import Testing
@testable import TrackingModel

@Suite struct FilterParserTests {
    private func parse(_ text: String) throws -> FilterQuery {
        try FilterQuery.parse(text)
    }

    private func text(_ word: String) -> FilterExpression {
        .term(.text(word, pieces: [word.lowercased()]))
    }

    // MARK: - Structure and precedence

    @Test func emptyQueryMatchesEverything() throws {
        #expect(try parse("").expression == .all)
        #expect(try parse("   \t ").expression == .all)
        #expect(try parse("").matchesEverything)
    }

    @Test func andBindsTighterThanOr() throws {
        let query = try parse("a b or c")
        #expect(query.expression == .or([.and([text("a"), text("b")]), text("c")]))
        #expect(query.description == "(a AND b) OR c")
        #expect(try parse("a or b c").description == "a OR (b AND c)")
        #expect(try parse("a or b or c").expression == .or([text("a"), text("b"), text("c")]))
    }

    @Test func parenthesesGroup() throws {
        #expect(try parse("a (b or c)").description == "a AND (b OR c)")
        #expect(try parse("((a))").expression == text("a"))
        #expect(try parse("(a b) c").expression == .and([text("a"), text("b"), text("c")]))
        #expect(try parse("(a or b)(c or d)").description == "(a OR b) AND (c OR d)")
    }

    @Test func negationBindsTighterThanAnd() throws {
        #expect(try parse("-a b").expression == .and([.not(text("a")), text("b")]))
        #expect(try parse("-(a or b)").description == "NOT (a OR b)")
        #expect(try parse("not a or b").expression == .or([.not(text("a")), text("b")]))
    }

    @Test(arguments: ["-a", "not a", "NOT a", "!a", "not(a)", "-(a)"])
    func negationSpellings(_ query: String) throws {
        #expect(try parse(query).expression == .not(text("a")))
    }

    @Test(arguments: ["a or b", "a OR b", "a | b", "a|b", "a || b", "(a)|(b)"])
    func orSpellings(_ query: String) throws {
        #expect(try parse(query).expression == .or([text("a"), text("b")]))
    }

    @Test(arguments: ["a b", "a and b", "a AND b", "a && b", "  a   b  "])
    func andSpellings(_ query: String) throws {
        #expect(try parse(query).expression == .and([text("a"), text("b")]))
    }

    // MARK: - Terms

    @Test func freeTextWordsAndPhrases() throws {
        #expect(try parse("Purchase").expression == .term(.text("Purchase", pieces: ["purchase"])))
        #expect(try parse("\"Search Page\"").expression == .term(.text("Search Page", pieces: ["search page"])))
        #expect(try parse("t-sh*rt").expression == .term(.text("t-sh*rt", pieces: ["t-sh", "rt"])))
        #expect(try parse("\"or\"").expression == .term(.text("or", pieces: ["or"])))
        #expect(try parse(#"a\*b"#).expression == .term(.text("a*b", pieces: ["a*b"])))
    }

    @Test func urlsAndTimesStayFreeText() throws {
        let url = "https://shop.com/search?q=x"
        #expect(try parse(url).expression == .term(.text(url, pieces: [url])))
        let time = "2015-12-12T19:11:01Z"
        #expect(try parse(time).expression == .term(.text(time, pieces: [time.lowercased()])))
    }

    @Test func fieldPaths() throws {
        #expect(try parse("user.id:42").expression == .term(.field("user.id", .equal, [FilterValue("42")])))
        #expect(try parse("items[0].product.id:SKU1").expression
            == .term(.field(JSONPath([.key("items"), .index(0), .key("product"), .key("id")]), .equal, [FilterValue("SKU1")])))
        let anyItem = FilterExpression.term(.field("items.id", .equal, [FilterValue("SKU1")]))
        #expect(try parse("items[].id:SKU1").expression == anyItem)
        #expect(try parse("items[*].id:SKU1").expression == anyItem)
        #expect(try parse("items.id:SKU1").expression == anyItem)
        #expect(try parse(#"a["odd key"].b:x"#).expression
            == .term(.field(JSONPath([.key("a"), .key("odd key"), .key("b")]), .equal, [FilterValue("x")])))
        #expect(try parse("items[-1].id:x").expression
            == .term(.field(JSONPath([.key("items"), .index(-1), .key("id")]), .equal, [FilterValue("x")])))
    }

    @Test func dollarPrefixReachesJSONFieldsWithReservedNames() throws {
        #expect(try parse("$.status:shipped").expression == .term(.field("status", .equal, [FilterValue("shipped")])))
        #expect(try parse("$.method:LinkedIn").expression == .term(.field("method", .equal, [FilterValue("LinkedIn")])))
        #expect(try parse("$.status:shipped").description == "$.status:shipped")
    }

    @Test func operators() throws {
        func op(_ query: String) throws -> FilterOperator? {
            if case .term(.field(_, let op, _)) = try parse(query).expression { return op }
            return nil
        }
        #expect(try op("value:5") == .equal)
        #expect(try op("value=5") == .equal)
        #expect(try op("value!=5") == .notEqual)
        #expect(try op("value<5") == .less)
        #expect(try op("value<=5") == .lessOrEqual)
        #expect(try op("value>5") == .greater)
        #expect(try op("value>=5") == .greaterOrEqual)
        #expect(try op("value:>=5") == .greaterOrEqual)
        #expect(try op("value:<5") == .less)
    }

    @Test func valuesQuotedAlternativesAndEscapes() throws {
        let query = try parse(#"name:"with spaces"|plain|"""#)
        guard case .term(.field(_, .equal, let values)) = query.expression else {
            Issue.record("not a field term: \(query)")
            return
        }
        #expect(values.map(\.glob.literalText) == ["with spaces", "plain", ""])
        #expect(values.map(\.quoted) == [true, false, true])
        #expect(query.description == #"name:"with spaces"|plain|"""#)
        let escaped = try parse(#"note:a\|b\*"#)
        guard case .term(.field(_, .equal, let escapedValues)) = escaped.expression else {
            Issue.record("not a field term")
            return
        }
        #expect(escapedValues.count == 1)
        #expect(escapedValues[0].glob.literalText == "a|b*")
        #expect(escapedValues[0].number == nil)
        #expect(try parse("value:22.50").description == "value:22.50")
    }

    @Test func numbersAreRecognisedOnlyWithoutWildcards() throws {
        guard case .term(.field(_, _, let values)) = try parse("value:22.5|2*|abc").expression else {
            Issue.record("not a field term")
            return
        }
        #expect(values[0].number == FilterDecimal("22.50"))
        #expect(values[1].number == nil)
        #expect(values[2].number == nil)
    }

    @Test func specialFields() throws {
        #expect(try parse("event:purchase|refund").expression == .term(.event(.equal, [FilterValue("purchase"), FilterValue("refund")])))
        #expect(try parse("dialect:legacy|V2").expression == .term(.dialect(.equal, [.legacy, .v2])))
        #expect(try parse("dir:received|sent").expression == .term(.direction(.equal, ["received", "sent"])))
        #expect(try parse("status:200|4XX").expression == .term(.status(.equal, [.code(200), .class(4)])))
        #expect(try parse("status>=400").expression == .term(.status(.greaterOrEqual, [.code(400)])))
        #expect(try parse("sev:warning").expression == .term(.severity(.equal, [.warning])))
        #expect(try parse("sev:warn").expression == .term(.severity(.equal, [.warning])))
        #expect(try parse("code:missing-*").expression == .term(.code(.equal, [FilterValue("missing-*")])))
        #expect(try parse("has:user.email|items[0].id").expression
            == .term(.has(["user.email", JSONPath([.key("items"), .index(0), .key("id")])])))
        #expect(try parse("site:29").expression == .term(.site(.equal, [FilterValue("29")])))
        #expect(try parse("method:POST").expression == .term(.method(.equal, [FilterValue("POST")])))
        #expect(try parse("path:/events*").expression == .term(.path(.equal, [FilterValue("/events*")])))
        #expect(try parse("seq>100").expression == .term(.sequence(.greater, [FilterValue("100")])))
    }

    @Test func hasPaths() throws {
        #expect(try parse(#"has:a["odd key"].b"#).expression == .term(.has([JSONPath([.key("a"), .key("odd key"), .key("b")])])))
        #expect(try parse(#"has:"odd key""#).expression == .term(.has([JSONPath([.key("odd key")])])))
        #expect(try parse("has:$.status").expression == .term(.has(["status"])))
        #expect(try parse("(has:items[].id)").expression == .term(.has(["items.id"])))
    }

    @Test func parenthesesInsideValues() throws {
        #expect(try parse("path:/a(b)").expression == .term(.path(.equal, [FilterValue("/a(b)")])))
        #expect(try parse("(path:/a(b))").expression == .term(.path(.equal, [FilterValue("/a(b)")])))
        #expect(try parse("(x:y) z").description == "x:y AND z")
        #expect(try parse("x:a(b").expression == .term(.field("x", .equal, [FilterValue("a(b")])))
    }

    @Test func ranges() throws {
        #expect(try parse("value:10..100").expression
            == .term(.field("value", .equal, [FilterValue(range: FilterRange(lower: "10", upper: "100"))])))
        #expect(try parse("value:10..100").description == "value:10..100")
        #expect(try parse("seq:100..").expression == .term(.sequence(.equal, [FilterValue(range: FilterRange(lower: "100", upper: nil))])))
        #expect(try parse("seq:100..").description == "seq:100..*")
        #expect(try parse("seq:*..5").description == "seq:*..5")
        #expect(try parse("status:400..451").expression == .term(.status(.equal, [.range(400, 451)])))
        #expect(try parse("t:2015-01-01..2016-01-01").expression
            == .term(.field("t", .equal, [FilterValue(range: FilterRange(lower: "2015-01-01", upper: "2016-01-01"))])))
        // Not ranges: quoted, words, or nothing on either side.
        #expect(try parse(#"v:"1..2""#).expression == .term(.field("v", .equal, [FilterValue(glob: .literal("1..2"), quoted: true)])))
        #expect(try parse("v:a..b").expression == .term(.field("v", .equal, [FilterValue("a..b")])))
        #expect(try parse("v:..").expression == .term(.field("v", .equal, [FilterValue("..")])))
        #expect(try parse("event:1..2").expression == .term(.event(.equal, [FilterValue("1..2")])))
    }

    @Test func canonicalDescriptionParsesBackToTheSameTree() throws {
        let queries = [
            "event:purchase value>100 -sev:error",
            "(status:4xx or status:5xx) dir:received",
            #"user.name:"Jean Dupont" or "search page""#,
            "has:user.email -code:missing-* seq<=10 dialect:v1|v2",
            "not (a or b) c",
            #""say \"hi\"" "back\\slash" "!bang" "or" -x"#,
            #"note:"a \"b\"" path:/a(b) x:a\*b|c\|d"#,
            "value:10..20 seq:*..5 status:400..451 has:a.b|c",
        ]
        for query in queries {
            let parsed = try parse(query)
            let reparsed = try parse(parsed.description)
            #expect(reparsed.expression == parsed.expression, "\(query) -> \(parsed.description)")
        }
    }

    // MARK: - Errors

    struct ErrorCase: Sendable, CustomTestStringConvertible {
        var query: String
        var message: String
        var offset: Int
        var testDescription: String { query }
    }

    static let errorCases: [ErrorCase] = [
        .init(query: "(a b", message: "unclosed '(': add a ')' to close it", offset: 0),
        .init(query: "a (b (c)", message: "unclosed '(': add a ')' to close it", offset: 2),
        .init(query: "a b)", message: "unmatched ')': there is no '(' before it", offset: 3),
        .init(query: ")", message: "unmatched ')': there is no '(' before it", offset: 0),
        .init(query: "\"abc", message: "unclosed quote: add a closing '\"'", offset: 0),
        .init(query: "x user.name:\"abc", message: "unclosed quote: add a closing '\"'", offset: 12),
        .init(query: "status:abc", message: "status needs a number such as 200 or a class such as 4xx, not 'abc'", offset: 7),
        .init(query: "status:200|abc", message: "status needs a number such as 200 or a class such as 4xx, not 'abc'", offset: 11),
        .init(query: "status>4xx", message: "'status>' needs a number such as 400, not a class", offset: 7),
        .init(query: "sev:fatal", message: "unknown severity 'fatal' (expected error, warning or info)", offset: 4),
        .init(query: "dialect:v3", message: "unknown dialect 'v3' (expected legacy, v1, v2 or unknown)", offset: 8),
        .init(query: "dialect:v1|v3", message: "unknown dialect 'v3' (expected legacy, v1, v2 or unknown)", offset: 11),
        .init(query: "dir:up", message: "unknown direction 'up' (expected received or sent)", offset: 4),
        .init(query: "a or", message: "expected a search term after 'or'", offset: 4),
        .init(query: "a or or b", message: "expected a search term after 'or', found 'or'", offset: 5),
        .init(query: "(a | )", message: "expected a search term after '|', found ')'", offset: 5),
        .init(query: "or a", message: "'or' needs a search term before it", offset: 0),
        .init(query: "a and", message: "expected a search term after 'and'", offset: 5),
        .init(query: "not", message: "expected a search term after 'not'", offset: 3),
        .init(query: "- a", message: "'-' must be followed directly by the term to exclude, as in -event:page_view", offset: 0),
        .init(query: "()", message: "empty parentheses: put a search term inside", offset: 1),
        .init(query: "value>", message: "missing value after 'value>'", offset: 6),
        .init(query: "value> 5", message: "missing value after 'value>'", offset: 6),
        .init(query: "name: x", message: "missing value after 'name:' (to match an empty string, write name:\"\")", offset: 5),
        .init(query: "dir:sent|", message: "missing value after '|'", offset: 9),
        .init(query: "value=>5", message: "unknown operator '=>' (did you mean '>='?)", offset: 5),
        .init(query: "value<>5", message: "unknown operator '<>' (did you mean '!='?)", offset: 5),
        .init(query: "value<<5", message: "unknown operator '<<' (use one of : != < <= > >=)", offset: 5),
        .init(query: "!=x", message: "'!=' needs a field name before it, as in currency!=EUR", offset: 0),
        .init(query: "value>1|2", message: "'|' alternatives cannot be used with '>'", offset: 7),
        .init(query: "value>1*", message: "wildcards cannot be used with '>'", offset: 6),
        .init(query: "event>a", message: "'event' can only be compared with ':' or '!=', not '>'", offset: 5),
        .init(query: "has>x", message: "'has' takes a field path after ':', as in has:user.email", offset: 3),
        .init(query: "has:a*", message: "'a*' is not a field path (write has:user.email or has:items[0].id)", offset: 4),
        .init(query: "has:", message: "missing field path after 'has:'", offset: 4),
        .init(query: "has:a|", message: "missing field path after '|'", offset: 6),
        .init(query: "has:a.", message: "'a.' is not a field path (write has:user.email or has:items[0].id)", offset: 4),
        .init(query: "status:", message: "missing value after 'status:'", offset: 7),
        .init(query: "seq:x", message: "seq needs a number such as 100, not 'x'", offset: 4),
        .init(query: "seq:a..b", message: "seq needs a number such as 100, not 'a..b'", offset: 4),
        .init(query: "value>1..2", message: "a range cannot be used with '>' (write field:low..high)", offset: 6),
        .init(query: "status:1.5..2", message: "a status range needs whole numbers, as in status:400..451, not '1.5..2'", offset: 7),
        .init(query: "status:4..x", message: "status needs a number such as 200 or a class such as 4xx, not '4..x'", offset: 7),
        .init(query: "name:\"a\"b", message: "unexpected 'b' after the closing quote: put a space between terms", offset: 8),
        .init(query: "\"a\"b", message: "unexpected 'b' after the closing quote: put a space between terms", offset: 3),
        .init(query: "été status:x", message: "status needs a number such as 200 or a class such as 4xx, not 'x'", offset: 11),
    ]

    @Test(arguments: errorCases)
    func errorsSayWhatAndWhere(_ errorCase: ErrorCase) {
        do {
            let query = try FilterQuery.parse(errorCase.query)
            Issue.record("expected an error, parsed \(query)")
        } catch {
            #expect(error.message == errorCase.message)
            #expect(error.offset == errorCase.offset)
        }
    }

    @Test func caretLinePointsAtTheOffset() {
        let error = FilterParseError(message: "x", offset: 7)
        #expect(error.caretLine(for: "status:abc") == "status:abc\n       ^")
        #expect(FilterParseError(message: "x", offset: 4).caretLine(for: "a or") == "a or\n    ^")
        #expect(FilterParseError(message: "x", offset: 2).caretLine(for: "\tb:c") == "\tb:c\n\t ^")
        #expect(FilterParseError(message: "x", offset: 2).caretLine(for: "a\nb") == "a b\n  ^")
    }

    @Test func caretLineOfAParseError() {
        let query = "event:purchase sev:fatal"
        do {
            _ = try FilterQuery.parse(query)
            Issue.record("expected an error")
        } catch {
            #expect(error.caretLine(for: query) == "event:purchase sev:fatal\n                   ^")
        }
    }
}
