import Foundation
import TrackingModel

extension JSONWriter {
    /// Header fields as `[["name","value"],...]`.
    mutating func headers(_ fields: [CaptureRecord.HeaderField]) {
        raw("[")
        for (index, field) in fields.enumerated() {
            if index > 0 { comma() }
            raw("[")
            string(field.name)
            comma()
            string(field.value)
            raw("]")
        }
        raw("]")
    }

    /// Strings as `["a","b"]`.
    mutating func strings(_ values: [String]) {
        raw("[")
        for (index, value) in values.enumerated() {
            if index > 0 { comma() }
            string(value)
        }
        raw("]")
    }

    /// A body: `"<key>":"text"` when it is valid UTF-8, else `"<key>_base64":"..."`.
    mutating func body(_ body: [UInt8], key: StaticString, base64Key: StaticString) {
        let isText = body.withUnsafeBufferPointer { buffer -> Bool in
            // JSON bodies are nearly always ASCII: check that first, validate UTF-8 only otherwise.
            buffer.allSatisfy { $0 < 0x80 } || String(validating: buffer, as: UTF8.self) != nil
        }
        if isText {
            self.key(key)
            body.withUnsafeBufferPointer { string(utf8: $0) }
        } else {
            self.key(base64Key)
            raw("\"")
            bytes.append(contentsOf: Data(body).base64EncodedData())
            raw("\"")
        }
    }
}
