import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The user's editor (`$VISUAL`, else `$EDITOR`), run on a text: the text goes to a temporary
/// file readable by its owner only, the editor runs as a child with the terminal (its command
/// line is read by `/bin/sh`, as git reads `GIT_EDITOR`), the file is read back and removed.
public struct ExternalEditor: Sendable {
    /// What came of an edit.
    public enum Outcome: Sendable, Equatable {
        case edited(String)
        /// The editor could not run or failed; the text is lost only if the user wants it so.
        case failed(String)
    }

    /// The editor's command line, as set in the environment.
    public let command: String

    /// The editor `environment` names, nil when neither variable is set.
    public init?(environment: [String: String]) {
        let named = [environment["VISUAL"], environment["EDITOR"]].compactMap { $0 }
            .first { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        guard let named else { return nil }
        command = named
    }

    public init(command: String) {
        self.command = command
    }

    /// Runs the editor on `text` and returns the text it saved. The caller hands the terminal
    /// over first (`TerminalBackend.suspend`).
    public func edit(_ text: String) async -> Outcome {
        var template = Array((NSTemporaryDirectory() + "/trackscope-edit-XXXXXX").utf8CString)
        guard let folder = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }).map({ String(cString: $0) }) else {
            return .failed("cannot make a temporary folder for the editor: \(String(cString: strerror(errno)))")
        }
        let path = folder + "/event.json"
        defer {
            unlink(path)
            rmdir(folder)
        }
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else { return .failed("cannot write \(path): \(String(cString: strerror(errno)))") }
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        close(descriptor)
        guard written == bytes.count else { return .failed("cannot write \(path)") }

        let status = await run(path: path)
        guard status == 0 else {
            return .failed("the editor (\(command)) ended with status \(status): nothing sent")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failed("the editor removed \(path): nothing sent")
        }
        let edited = String(decoding: data, as: UTF8.self)
        guard !edited.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            return .failed("the file was left empty: nothing sent")
        }
        return .edited(edited)
    }

    /// Starts `sh -c 'exec COMMAND "$1"' trackscope-editor PATH` with the terminal and default
    /// signal handling, and waits for it off the cooperative threads; returns its exit status.
    /// The shell replaces itself with the editor (`exec`): otherwise a Ctrl-C that the editor
    /// handles would stop the shell, and the UI would take the terminal back from an editor
    /// still running.
    private func run(path: String) async -> Int32 {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // The UI ignores SIGINT and others (it watches them): the editor gets the defaults back.
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var defaultSignals = sigset_t()
        sigfillset(&defaultSignals)
        posix_spawnattr_setsigdefault(&attributes, &defaultSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let argv = ["/bin/sh", "-c", "exec " + command + " \"$1\"", "trackscope-editor", path]
        var cArguments = argv.map { strdup($0) } + [nil]
        defer { for pointer in cArguments { free(pointer) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, "/bin/sh", nil, &attributes, &cArguments, environ) == 0 else { return 127 }
        let child = pid
        return await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                var status: Int32 = 0
                while waitpid(child, &status, 0) == -1 && errno == EINTR {}
                let exit = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
                continuation.resume(returning: exit)
            }
        }
    }
}
