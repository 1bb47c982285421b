import Testing
@testable import Collector

/// The inspection API's token: compared whole, in constant time; generated fresh.
@Suite struct InspectionTokenTests {
    @Test func theTokenIsComparedWhole() {
        let token = InspectionToken("s3cret-token")
        #expect(token.isPresented(in: "Bearer s3cret-token"))
        #expect(token.isPresented(in: "bearer s3cret-token"))
        #expect(token.isPresented(in: "  Bearer   s3cret-token  "))
        for wrong in [nil, "", "Bearer", "Bearer ", "Bearer s3cret-toke", "Bearer s3cret-token2", "Bearer S3CRET-TOKEN",
                      "s3cret-token", "Basic s3cret-token", "Bearer s3cret-tokens3cret-token"] {
            #expect(!token.isPresented(in: wrong), "\(String(describing: wrong))")
        }
        #expect(InspectionToken.constantTimeEqual([], []))
        #expect(!InspectionToken.constantTimeEqual([], [1]))
        #expect(!InspectionToken.constantTimeEqual([1, 2], [1, 2, 1, 2]))
    }

    @Test func generatedTokensAreHexAndFresh() {
        let tokens = (0..<20).map { _ in InspectionToken.generate().value }
        #expect(Set(tokens).count == tokens.count)
        #expect(tokens.allSatisfy { $0.count == 32 && $0.allSatisfy { "0123456789abcdef".contains($0) } })
    }
}
