/// How far an append goes before it returns.
public enum Durability: String, Sendable, Hashable, CaseIterable {
    /// On disk: the batch is written and fsync'd (fdatasync) before any of its appends return.
    case fsync
    /// Handed to the operating system (written, not synced): faster, may be lost on a power cut.
    case os
}
