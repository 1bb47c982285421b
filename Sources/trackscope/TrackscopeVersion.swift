/// The version trackscope reports (`--version`, and in the capture log's header).
enum TrackscopeVersion {
    static let current = "0.1.0"
}
