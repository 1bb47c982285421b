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

    /// `milliseconds` since the epoch as an ISO-8601 JSON string (`ISOTime`; nothing in it needs
    /// escaping).
    mutating func time(milliseconds: Int64) {
        raw("\"")
        ISOTime.append(milliseconds: milliseconds, to: &bytes)
        raw("\"")
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
        body.withUnsafeBufferPointer { buffer in
            // One pass measures the escapes and sees whether the body is ASCII (JSON bodies nearly
            // always are): UTF-8 is validated only otherwise.
            let scan = JSONEscapeScan(buffer)
            if scan.isASCII || String(validating: buffer, as: UTF8.self) != nil {
                self.key(key)
                string(utf8: buffer, scan: scan)
            } else {
                self.key(base64Key)
                raw("\"")
                bytes.append(contentsOf: Data(body).base64EncodedData())
                raw("\"")
            }
        }
    }
}
