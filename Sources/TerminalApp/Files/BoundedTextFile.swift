import Foundation

/// Reads a small text file whole, refusing one larger than a bound (a theme or settings file that
/// is megabytes long is a mistake, not something to load).
public enum BoundedTextFile {
    /// Why the file could not be read.
    public struct ReadError: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// The file's text (UTF-8), or an error when it cannot be read, is larger than `maximumBytes`
    /// or is not UTF-8.
    public static func read(_ url: URL, maximumBytes: Int) throws(ReadError) -> String {
        guard let handle = try? FileHandle(forReadingFrom: url) else {
            throw ReadError(description: "cannot read the file")
        }
        defer { try? handle.close() }
        let data: Data
        do {
            data = try handle.read(upToCount: maximumBytes + 1) ?? Data()
        } catch {
            throw ReadError(description: "cannot read the file")
        }
        guard data.count <= maximumBytes else {
            throw ReadError(description: "the file is larger than \(maximumBytes / 1024) KiB")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ReadError(description: "the file is not UTF-8 text")
        }
        return text
    }
}
