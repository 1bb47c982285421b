import TrackingModel

/// Decodes request bodies for display: one JSON document, or JSON Lines (by `EventBody`'s rule).
enum PayloadDecoder {
    enum Outcome: Sendable, Hashable {
        case empty
        /// Not JSON; `message` says where it broke ("line 4, column 3: expected ',' ...").
        case invalid(message: String)
        /// The body as read: one document, or one per line for JSON Lines bodies.
        case body(EventBody)
    }

    static func decode(_ bytes: [UInt8]) -> Outcome {
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return .empty }
        do {
            return .body(try EventBody.read(bytes))
        } catch {
            return .invalid(message: "line \(error.position.line), column \(error.position.column): \(error.message)")
        }
    }
}
