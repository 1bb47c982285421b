import Crypto
import Foundation

/// The inputs that once broke a reader, kept in a folder per target and replayed by the tests
/// (and first in every `make fuzz` run). A file's name is a digest of its bytes, so an input is
/// kept once.
public enum FuzzFixtures {
    /// The folder of the project's fixtures for `target`: `Tests/Fixtures/fuzz/<target>`.
    public static func folder(for target: String, inProjectAt root: URL) -> URL {
        root.appendingPathComponent("Tests/Fixtures/fuzz").appendingPathComponent(target)
    }

    /// Every fixture in `folder` (none when it does not exist), in name order.
    public static func load(from folder: URL) -> [(name: String, bytes: [UInt8])] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.sorted().compactMap { name in
            guard !name.hasPrefix("."), let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) else { return nil }
            return (name, [UInt8](data))
        }
    }

    /// Keeps `input` in `folder` (created when missing) and returns its file.
    @discardableResult
    public static func save(_ input: [UInt8], in folder: URL) throws -> URL {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let digest = SHA256.hash(data: input).prefix(8).map { String(format: "%02x", $0) }.joined()
        let file = folder.appendingPathComponent("input-\(digest).bin")
        try Data(input).write(to: file)
        return file
    }
}
