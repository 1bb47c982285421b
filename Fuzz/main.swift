// `make fuzz` runs this once per target (see scripts/fuzz): it feeds the target the inputs that
// once broke it, then seeded mutations of its seeds until the time is up, and prints how many
// inputs it tried. Inputs that break a property are written to --failures; a crash ends the
// process, and scripts/fuzz keeps the input written to --last-input before it.
import Foundation
import Fuzzing

struct Options {
    var target: String?
    var seconds = 10.0
    var seed: UInt64 = 1
    var lastInput: String?
    var fixtures: String?
    var failures: String?
    var list = false

    init(_ arguments: [String]) throws {
        var rest = arguments[...]
        func value(_ flag: String) throws -> String {
            guard let next = rest.popFirst() else { throw UsageError("\(flag) needs a value") }
            return next
        }
        while let argument = rest.popFirst() {
            switch argument {
            case "--target": target = try value(argument)
            case "--seconds": guard let s = Double(try value(argument)) else { throw UsageError("--seconds takes a number") }; seconds = s
            case "--seed": guard let s = UInt64(try value(argument)) else { throw UsageError("--seed takes a whole number") }; seed = s
            case "--last-input": lastInput = try value(argument)
            case "--fixtures": fixtures = try value(argument)
            case "--failures": failures = try value(argument)
            case "--list": list = true
            default: throw UsageError("unknown argument \(argument)")
            }
        }
    }
}

struct UsageError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("Fuzz: \(message)\nusage: Fuzz --list | Fuzz --target NAME [--seconds S] [--seed N] [--last-input FILE] [--fixtures DIR] [--failures DIR]\n".utf8))
    exit(2)
}

let options: Options
do { options = try Options(Array(CommandLine.arguments.dropFirst())) } catch { fail("\(error)") }
if options.list {
    print(FuzzTargets.all.map(\.name).joined(separator: "\n"))
    exit(0)
}
guard let name = options.target, let target = FuzzTargets.named(name) else { fail("name a target (--list shows them)") }

let fixtures = options.fixtures.map { FuzzFixtures.load(from: URL(fileURLWithPath: $0)) } ?? []
let feed = FuzzFeed(target: target, fixtures: fixtures.map(\.bytes), seed: options.seed, seconds: options.seconds,
                    lastInputPath: options.lastInput)
let failures = await target.run(feed)
for failure in failures {
    print("failure: \(failure)")
    if let folder = options.failures {
        if let saved = try? FuzzFixtures.save(failure.input, in: URL(fileURLWithPath: folder)) { print("  kept as \(saved.path)") }
    }
}
print("tried \(feed.tried) failures \(failures.count)")
exit(failures.isEmpty ? 0 : 1)
