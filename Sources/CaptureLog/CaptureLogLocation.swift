import Foundation

/// Where the capture log lives when no `--log PATH` is given:
/// `$XDG_STATE_HOME/trackscope/capture.jsonl`, falling back to `~/.local/state/trackscope/`.
public enum CaptureLogLocation {
    public static let fileName = "capture.jsonl"

    public static func defaultURL(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        stateFolder(environment: environment).appendingPathComponent(fileName)
    }

    /// trackscope's folder for state kept between runs (the log, the filter history):
    /// `$XDG_STATE_HOME/trackscope`, else `~/.local/state/trackscope`.
    public static func stateFolder(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        let stateHome: URL
        if let xdg = environment["XDG_STATE_HOME"], xdg.hasPrefix("/") {
            stateHome = URL(fileURLWithPath: xdg, isDirectory: true)
        } else {
            let home = environment["HOME"].map { URL(fileURLWithPath: $0, isDirectory: true) }
                ?? FileManager.default.homeDirectoryForCurrentUser
            stateHome = home.appendingPathComponent(".local/state", isDirectory: true)
        }
        return stateHome.appendingPathComponent("trackscope", isDirectory: true)
    }
}
