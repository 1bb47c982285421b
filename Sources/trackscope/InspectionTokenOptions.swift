import ArgumentParser
import Collector
import Foundation

/// The `--inspect-token-env NAME` option of the commands that run a collector (`collect`, `ui`).
struct InspectionTokenOptions: ParsableArguments {
    @Option(name: .customLong("inspect-token-env"), help: ArgumentHelp(
        "The environment variable holding the token the inspection API (/_trackscope/*) asks for, as Authorization: Bearer TOKEN. Without it, a token is generated and printed when --host is not loopback; on loopback none is asked for.",
        valueName: "name"
    ))
    var variable: String?

    func validate() throws {
        _ = try token()
    }

    /// The token from the named variable; nil when none is named. Throws when the variable is unset or empty.
    func token() throws -> InspectionToken? {
        guard let variable else { return nil }
        guard let value = ProcessInfo.processInfo.environment[variable], !value.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ValidationError("--inspect-token-env names \(variable), but it is not set (or empty).")
        }
        return InspectionToken(value.trimmingCharacters(in: .whitespaces))
    }

    /// What to say at start about a collector listening on `host`:`port` whose inspection API
    /// asks for `token` (the core's); nil on loopback.
    func exposureWarning(host: String, port: Int, token: InspectionToken?) -> String? {
        guard let token else { return nil }
        let source: ExposureWarning.TokenSource = variable.map { .environment($0) } ?? .generated(token)
        return ExposureWarning.text(host: host, port: port, token: source)
    }
}
