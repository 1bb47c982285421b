import Foundation
import TrackingModel

/// The capture log's file format: its name, version and header line.
public enum CaptureLogFormat {
    /// The `format` value of the header line.
    public static let name = "trackscope-capture"
    /// The version this trackscope writes. Readers accept this one and every older one.
    public static let currentVersion = 1
    /// The trackscope version written in headers (kept in step with the executable's `--version`).
    public static let trackscopeVersion = "0.1.0"
}

/// The first line of a capture log:
/// `{"format":"trackscope-capture","version":1,"created":"...","trackscope":"0.1.0"}`.
public struct CaptureLogHeader: Sendable, Hashable {
    public var format: String
    public var version: Int
    public var created: Date
    public var trackscopeVersion: String

    public init(format: String = CaptureLogFormat.name, version: Int = CaptureLogFormat.currentVersion,
                created: Date = Date(), trackscopeVersion: String = CaptureLogFormat.trackscopeVersion) {
        self.format = format
        self.version = version
        self.created = created
        self.trackscopeVersion = trackscopeVersion
    }

    /// The header as one line, newline included.
    public var line: [UInt8] {
        var writer = JSONWriter(capacity: 128)
        writer.raw("{")
        writer.key("format"); writer.string(format); writer.comma()
        writer.key("version"); writer.int(version); writer.comma()
        writer.key("created"); writer.string(ISOTime.string(milliseconds: ISOTime.milliseconds(created))); writer.comma()
        writer.key("trackscope"); writer.string(trackscopeVersion)
        writer.raw("}\n")
        return writer.bytes
    }

    /// Whether a line looks like a header (rather than a record) without parsing it fully.
    static func looksLikeHeader(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        let prefix: StaticString = "{\"format\":"
        guard line.count >= prefix.utf8CodeUnitCount else { return false }
        return memcmp(line.baseAddress!, prefix.utf8Start, prefix.utf8CodeUnitCount) == 0
    }

    /// Parses a header line; throws `CaptureLogError` for another format or a newer major version.
    static func parse(_ line: [UInt8]) throws(CaptureLogError) -> CaptureLogHeader {
        var header = CaptureLogHeader(format: "", version: 0, created: Date(timeIntervalSince1970: 0), trackscopeVersion: "")
        do throws(JSONReadError) {
            try line.withUnsafeBufferPointer { buffer throws(JSONReadError) in
                var reader = JSONPullReader(buffer)
                try reader.readObject { (reader: inout JSONPullReader, key: JSONPullKey) throws(JSONReadError) in
                    switch key.string {
                    case "format": header.format = try reader.readString()
                    case "version": header.version = Int(try reader.readInt())
                    case "created":
                        let text = try reader.readString()
                        if let milliseconds = ISOTime.milliseconds(parsing: text) {
                            header.created = Date(timeIntervalSince1970: Double(milliseconds) / 1000)
                        }
                    case "trackscope": header.trackscopeVersion = try reader.readString()
                    default: try reader.skipValue()
                    }
                }
            }
        } catch {
            throw .notACaptureLog("the first line is not a capture log header: \(CaptureDecodeError(error))")
        }
        guard !header.format.isEmpty else {
            throw .notACaptureLog("the first line has no \"format\" member, so it is not a capture log header")
        }
        guard header.format == CaptureLogFormat.name else {
            throw .notACaptureLog("the first line names format \"\(header.format)\", not \"\(CaptureLogFormat.name)\"")
        }
        guard header.version >= 1, header.version <= CaptureLogFormat.currentVersion else {
            throw .unsupportedVersion(header.version)
        }
        return header
    }
}
