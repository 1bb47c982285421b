import Foundation
import Logging
import TrackingModel

/// The log handler of `trackscope collect`: one line per message on standard error.
///
/// swift-log's `StreamLogHandler` renders its metadata again each time a key is set, and the
/// server sets a request id on every request's logger, so that rendering cost every request
/// something even with nothing logged. This handler keeps the metadata as given and renders it
/// only when a message is written.
///
/// The server also copies each request's logger to set that id: a handler larger than three words
/// is boxed, and the box copied on every request, so the label and the provider are kept in one
/// shared object and the handler itself stays three words.
struct StandardErrorLogHandler: LogHandler {
    /// What every copy of a handler shares and never changes.
    private final class Shared: Sendable {
        let label: String
        let metadataProvider: Logger.MetadataProvider?

        init(label: String, metadataProvider: Logger.MetadataProvider?) {
            self.label = label
            self.metadataProvider = metadataProvider
        }
    }

    private var shared: Shared
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    var label: String { shared.label }

    var metadataProvider: Logger.MetadataProvider? {
        get { shared.metadataProvider }
        set { shared = Shared(label: shared.label, metadataProvider: newValue) }
    }

    init(label: String) {
        self.shared = Shared(label: label, metadataProvider: nil)
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var all = metadataProvider?.get() ?? [:]
        all.merge(metadata) { _, own in own }
        if let extra = event.metadata { all.merge(extra) { _, given in given } }
        let rendered = all.isEmpty ? "" : " " + all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        let line = "\(ISOTime.string(Date())) \(event.level) \(label):\(rendered) \(event.message)\n"
        FileHandle.standardError.write(Data(line.utf8))
    }
}
