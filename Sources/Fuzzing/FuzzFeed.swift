import Foundation
import Synchronization

/// Hands out the inputs of one fuzz run: the fixtures first, as they are, then mutations of the
/// seeds until the count or the time is used up. Before it hands an input out it writes it to the
/// `lastInput` file when one is given, so that when the reader crashes the process, the input
/// that did it is on disk for `make fuzz` to keep.
public final class FuzzFeed: Sendable {
    private struct State {
        var mutator: FuzzMutator
        var fixtures: [[UInt8]]
        var tried = 0
    }

    private let state: Mutex<State>
    private let seeds: [[UInt8]]
    private let limit: Int
    private let deadline: ContinuousClock.Instant
    private let lastInput: Int32

    /// - Parameters:
    ///   - seed: the mutator's seed: the same seed gives the same inputs.
    ///   - limit: the most inputs handed out (fixtures included).
    ///   - seconds: how long mutations may go on.
    ///   - lastInputPath: where each input is written before it is handed out.
    public init(target: FuzzTarget, fixtures: [[UInt8]] = [], seed: UInt64, limit: Int = .max, seconds: Double = .infinity,
                lastInputPath: String? = nil) {
        state = Mutex(State(mutator: FuzzMutator(seed: seed), fixtures: fixtures.reversed()))
        seeds = target.seeds
        self.limit = limit
        deadline = seconds.isFinite ? .now + .milliseconds(Int64(seconds * 1000)) : .now + .seconds(365 * 86_400)
        lastInput = lastInputPath.map { open($0, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600) } ?? -1
    }

    deinit {
        if lastInput >= 0 { close(lastInput) }
    }

    /// How many inputs were handed out.
    public var tried: Int { state.withLock { $0.tried } }

    /// The next input, or nil when the run is over.
    public func next() -> [UInt8]? {
        let input: [UInt8]? = state.withLock { state in
            guard state.tried < limit else { return nil }
            if let fixture = state.fixtures.popLast() {
                state.tried += 1
                return fixture
            }
            guard state.tried % 64 != 0 || ContinuousClock.now < deadline else { return nil }
            state.tried += 1
            return state.mutator.input(from: seeds)
        }
        if let input, lastInput >= 0 { record(input) }
        return input
    }

    private func record(_ input: [UInt8]) {
        _ = ftruncate(lastInput, 0)
        _ = input.withUnsafeBytes { pwrite(lastInput, $0.baseAddress, $0.count, 0) }
    }
}
