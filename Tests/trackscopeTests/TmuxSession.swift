import Foundation

/// A program running in a detached tmux session, on a tmux server of its own, read back with
/// `capture-pane` as a person would see it.
final class TmuxSession {
    enum Failure: Error, CustomStringConvertible {
        case tmuxMissing
        case commandFailed(arguments: [String], status: Int32, output: String)
        case timedOut(waitingFor: String, screen: String)

        var description: String {
            switch self {
            case .tmuxMissing:
                "tmux is not installed: the terminal UI tests need it (`make test` installs it; or apt-get install tmux)"
            case .commandFailed(let arguments, let status, let output):
                "tmux \(arguments.joined(separator: " ")) failed (\(status)): \(output)"
            case .timedOut(let what, let screen):
                "timed out waiting for \(what); the screen was:\n\(screen)"
            }
        }
    }

    let name: String
    /// The tmux server socket name (`-L`), one per session so tests never touch a user's tmux.
    let socket: String

    /// The tmux executable, or nil when it is not installed.
    static var executable: URL? {
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent("tmux")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }

    /// Starts `command` (a shell command line) in a `width` x `height` session. The pane stays
    /// after the program exits, so that its exit status and the restored screen can be read.
    /// The pane's environment is the test process's, without what describes the runner's own
    /// terminal (`unsetFromRunner`), plus `environment`. Its `TERM` is tmux's `default-terminal`
    /// (tmux sets a pane's TERM itself, over `-e`), so a `TERM` given here is set there.
    init(command: String, width: Int, height: Int, environment: [String: String] = [:]) throws {
        guard Self.executable != nil else { throw Failure.tmuxMissing }
        let unique = "\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))"
        name = "ts-\(unique)"
        socket = "trackscope-test-\(unique)"
        var arguments = ["-f", "/dev/null"]
        if let term = environment["TERM"] {
            arguments += ["start-server", ";", "set-option", "-g", "default-terminal", term, ";"]
        }
        arguments += ["new-session", "-d", "-s", name, "-x", String(width), "-y", String(height)]
        for (key, value) in environment.sorted(by: { $0.key < $1.key }) where key != "TERM" {
            arguments += ["-e", "\(key)=\(value)"]
        }
        arguments.append(command)
        try tmux(arguments)
        try tmux(["set-option", "-t", name, "remain-on-exit", "on"])
        serverProcess = Int32(try tmux(["display-message", "-p", "-t", name, "#{pid}"]).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Variables that describe the terminal the tests run from, not the pane's: the test runner
    /// sets `NO_COLOR=1`, and a developer's terminal may set `COLORTERM`. A test that wants one
    /// gives it in `environment`.
    static let unsetFromRunner: Set<String> = ["NO_COLOR", "COLORTERM"]

    /// This process's environment (`NAME=value` entries) without `unsetFromRunner`.
    private static var environmentWithoutRunnerTerminal: [String] {
        ProcessInfo.processInfo.environment
            .filter { !unsetFromRunner.contains($0.key) }
            .map { "\($0.key)=\($0.value)" }
    }

    /// The tmux server's process, killed with the session whatever state it is in.
    private var serverProcess: Int32?

    deinit {
        // The pane's shell and what it runs, then the server: none may outlive the test.
        let shell = (try? paneValue("#{pane_pid}")).flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        let programs = (try? childProcessIDs()) ?? []
        _ = try? tmux(["kill-server"])
        for process in programs + [shell].compactMap({ $0 }) where process > 1 { kill(process, SIGKILL) }
        if let serverProcess, serverProcess > 1 { kill(serverProcess, SIGKILL) }
    }

    @discardableResult
    func tmux(_ arguments: [String]) throws -> String {
        guard let executable = Self.executable else { throw Failure.tmuxMissing }
        // posix_spawn and waitpid rather than Process: output goes to a file, not a pipe (the
        // tmux server that `new-session` starts inherits the client's descriptors, so a pipe
        // would never reach end-of-file), and the exit is awaited directly.
        let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("tmux-\(UUID().uuidString).out").path
        defer { unlink(outputPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        // The tmux server outlives this call: it must not keep copies of the test process's files
        // and sockets (a test's "closed" connection would stay open in it).
        Self.closeDescriptorsFromThree(&actions)
        let argv = [executable.path, "-L", socket] + arguments
        var cArguments = argv.map { strdup($0) } + [nil]
        defer { for pointer in cArguments { free(pointer) } }
        // The tmux server forked from this client inherits its signal mask, and a thread of the
        // test runner may block signals: a server that never sees SIGCHLD never notices that its
        // pane's program ended, and did not quit on kill-server. So tmux starts with none blocked.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var defaultSignals = sigset_t()
        sigfillset(&defaultSignals)
        posix_spawnattr_setsigdefault(&attributes, &defaultSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var cEnvironment = Self.environmentWithoutRunnerTerminal.map { strdup($0) } + [nil]
        defer { for pointer in cEnvironment { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable.path, &actions, &attributes, &cArguments, &cEnvironment)
        guard spawned == 0 else {
            throw Failure.commandFailed(arguments: arguments, status: spawned, output: "cannot start tmux")
        }
        var waitStatus: Int32 = 0
        while waitpid(pid, &waitStatus, 0) == -1 && errno == EINTR {}
        let exitStatus = (waitStatus & 0x7F) == 0 ? (waitStatus >> 8) & 0xFF : 128 + (waitStatus & 0x7F)
        let text = String(decoding: FileManager.default.contents(atPath: outputPath) ?? Data(), as: UTF8.self)
        guard exitStatus == 0 else {
            throw Failure.commandFailed(arguments: arguments, status: exitStatus, output: text)
        }
        return text
    }

    /// The screen as text, one string a row, trailing blanks removed.
    func screen() throws -> [String] {
        let text = try tmux(["capture-pane", "-p", "-t", name])
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            var row = String(line)
            while row.last == " " { row.removeLast() }
            return row
        }
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    /// The screen with its colours and attributes as escape sequences (`capture-pane -e`), one
    /// string a row.
    func styledScreen() throws -> [String] {
        try tmux(["capture-pane", "-p", "-e", "-t", name]).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// Appends every byte the pane's program writes from now on to `path` (`pipe-pane`).
    func recordOutput(to path: String) throws {
        try tmux(["pipe-pane", "-o", "-t", name, "cat >> '\(path)'"])
    }

    /// Presses keys: tmux key names (`Enter`, `Escape`, `Up`, `C-c`) or literal text.
    func send(_ keys: String...) throws {
        try tmux(["send-keys", "-t", name] + keys)
    }

    func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", name, "-x", String(width), "-y", String(height)])
    }

    /// A tmux format value of the pane, such as `#{pane_dead}` or `#{alternate_on}`.
    func paneValue(_ format: String) throws -> String {
        try tmux(["display-message", "-p", "-t", name, format]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Polls the screen until `predicate` holds (at most `timeout`) on a settled screen, and
    /// returns that screen. Settled means two captures 30 ms apart read the same: tmux may show
    /// a frame while the program is still writing it, and a predicate that matches its top half
    /// would otherwise hand the test a screen whose lower half is the previous frame's.
    /// Waits with `Task.sleep`, never blocking one of the few threads Swift concurrency has: the
    /// collectors that other tests run at the same time need them.
    @discardableResult
    func waitForScreen(_ what: String, timeout: Duration = .seconds(10), _ predicate: ([String]) -> Bool) async throws -> [String] {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        var last: [String] = []
        while clock.now < deadline {
            last = try screen()
            if predicate(last) {
                try await Task.sleep(for: .milliseconds(30))
                let again = try screen()
                if again == last { return last }
                last = again
                continue
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw Failure.timedOut(waitingFor: what, screen: last.joined(separator: "\n"))
    }

    /// Waits until the screen shows `text` somewhere.
    @discardableResult
    func waitFor(_ text: String, timeout: Duration = .seconds(10)) async throws -> [String] {
        try await waitForScreen("“\(text)”", timeout: timeout) { $0.contains { $0.contains(text) } }
    }

    /// Waits until the screen shows `[exited N]` (what `exitMarker` prints after the command) and
    /// returns N.
    func waitForExitMarker(timeout: Duration = .seconds(10)) async throws -> Int {
        let screen = try await waitForScreen("the program to exit", timeout: timeout) { lines in
            lines.contains { $0.hasPrefix("[exited ") }
        }
        let line = screen.first { $0.hasPrefix("[exited ") }!
        return Int(line.dropFirst(8).prefix { $0.isNumber }) ?? -1
    }

    /// Appended to a command line: prints the exit status and keeps the shell (and its restored
    /// terminal state) around to be inspected.
    static let exitMarker = "; echo \"[exited $?]\"; sleep 60"

    /// Adds "close every descriptor from 3 up" to `actions` (glibc's addclosefrom_np, looked up at
    /// run time: Swift's Glibc module does not export it).
    private static func closeDescriptorsFromThree(_ actions: inout posix_spawn_file_actions_t) {
        typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
        guard let symbol = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np") else { return }
        _ = unsafeBitCast(symbol, to: AddCloseFrom.self)(&actions, 3)
    }

    /// The process ids of the children of the pane's shell.
    func childProcessIDs() throws -> [Int32] {
        let shell = try paneValue("#{pane_pid}")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/pgrep")
        process.arguments = ["-P", shell]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).split(separator: "\n").compactMap { Int32($0) }
    }

    /// Waits until the program in the pane has exited; returns its exit status.
    func waitForExit(timeout: Duration = .seconds(10)) async throws -> Int {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        while clock.now < deadline {
            if try paneValue("#{pane_dead}") == "1" {
                return Int(try paneValue("#{pane_dead_status}")) ?? -1
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw Failure.timedOut(waitingFor: "the program to exit", screen: (try? screen().joined(separator: "\n")) ?? "")
    }
}
