import SeededRandom

/// Makes fuzz inputs from seed inputs by structured mutations: the shapes that break readers of
/// JSON and of text (deep nesting, truncation, escapes, invalid UTF-8, huge numbers, long strings,
/// control characters), not only random bytes. Seeded: the same seed gives the same inputs.
public struct FuzzMutator: Sendable {
    private var random: SeededRandom

    /// The largest input made (deep nesting aside, which is as long as it needs to be).
    public static let maximumLength = 256 * 1024

    public init(seed: UInt64) {
        random = SeededRandom(seed: seed)
    }

    /// One input: a seed (sometimes as it is) with one to three mutations.
    public mutating func input(from seeds: [[UInt8]]) -> [UInt8] {
        var bytes = seeds.isEmpty ? [] : seeds[random.below(seeds.count)]
        if random.below(16) == 0 { return bytes }
        for _ in 0..<(1 + random.below(3)) {
            bytes = mutate(bytes, seeds: seeds)
        }
        return bytes
    }

    /// The ways an input is changed, each picked as often.
    public enum Mutation: CaseIterable, Sendable {
        case deepNesting, truncation, escape, invalidUTF8, hugeNumber, longString
        case byteFlip, splice, duplicateSlice, controlCharacter, swapToken, deleteSlice
    }

    /// `bytes` changed by one mutation, picked at random.
    public mutating func mutate(_ bytes: [UInt8], seeds: [[UInt8]]) -> [UInt8] {
        let mutation = Mutation.allCases[random.below(Mutation.allCases.count)]
        return mutate(bytes, by: mutation, seeds: seeds)
    }

    /// `bytes` changed by `mutation`.
    public mutating func mutate(_ bytes: [UInt8], by mutation: Mutation, seeds: [[UInt8]]) -> [UInt8] {
        var bytes = bytes
        switch mutation {
        case .deepNesting:
            let opener: [UInt8] = [Array("[".utf8), Array(#"{"a":"#.utf8), Array(#"[{"a":"#.utf8)][random.below(3)]
            // Mostly just past the depth limit; now and then as deep as a hostile client goes.
            let depths = [513, 600, 2_000, 20_000, 50_000]
            let depth = random.below(8) == 0 ? depths[2 + random.below(3)] : depths[random.below(2)]
            var nested = [UInt8]()
            nested.reserveCapacity(depth * (opener.count + 1) + 1)
            for _ in 0..<depth { nested += opener }
            nested += Array("1".utf8)
            if random.below(2) == 0 {
                let closer: [UInt8] = opener.count == 1 ? [UInt8(ascii: "]")] : opener.count == 5 ? [UInt8(ascii: "}")] : Array("}]".utf8)
                for _ in 0..<depth { nested += closer }
            }
            bytes.insert(contentsOf: nested, at: position(in: bytes))
            return bytes
        case .truncation:
            guard !bytes.isEmpty else { return bytes }
            return Array(bytes.prefix(random.below(bytes.count)))
        case .escape:
            let escapes = [#"\"#, #"\u"#, #"\uD800"#, #"\uDC00"#, #"\ud83d\ude00"#, #"\x41"#, #"\u00"#, #"\""#, #"\/"#, #"\u0000"#, #"\uZZZZ"#]
            bytes.insert(contentsOf: Array(escapes[random.below(escapes.count)].utf8), at: position(in: bytes))
        case .invalidUTF8:
            let sequences: [[UInt8]] = [[0xFF], [0xC0, 0x80], [0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82], [0xFE, 0xFF], [0xEF, 0xBB, 0xBF]]
            bytes.insert(contentsOf: sequences[random.below(sequences.count)], at: position(in: bytes))
        case .hugeNumber:
            let numbers = ["1e999999", String(repeating: "9", count: 400), "-0", "1.", "01", "-", "1E+", "0.0000000000000000000000001",
                           "123456789012345678901234567890", "-9223372036854775809", "18446744073709551616", "NaN", "Infinity", "1e-999999"]
            bytes.insert(contentsOf: Array(numbers[random.below(numbers.count)].utf8), at: position(in: bytes))
        case .longString:
            let length = [1_000, 40_000, 70_000][random.below(3)]
            let filler = [UInt8(ascii: "a"), UInt8(ascii: "\\"), 0xC3][random.below(3)]
            var text: [UInt8] = [UInt8(ascii: "\"")]
            text += repeatElement(filler, count: length)
            text.append(UInt8(ascii: "\""))
            bytes.insert(contentsOf: text, at: position(in: bytes))
        case .byteFlip:
            guard !bytes.isEmpty else { return [UInt8(truncatingIfNeeded: random.next())] }
            for _ in 0..<(1 + random.below(8)) {
                bytes[random.below(bytes.count)] = UInt8(truncatingIfNeeded: random.next())
            }
        case .splice:
            guard let other = seeds.isEmpty ? nil : seeds[random.below(seeds.count)], !other.isEmpty else { return bytes }
            bytes = Array(bytes.prefix(position(in: bytes))) + Array(other.suffix(from: random.below(other.count)))
        case .duplicateSlice:
            guard bytes.count > 1 else { return bytes + bytes }
            let start = random.below(bytes.count)
            let end = start + random.below(min(bytes.count - start, 4_096)) + 1
            bytes.insert(contentsOf: bytes[start..<end], at: position(in: bytes))
        case .controlCharacter:
            let characters: [[UInt8]] = [[0x00], [0x1B], Array("\u{1B}[2J".utf8), [0x0D], [0x0A], [0x09], [0x7F], Array("\u{2028}".utf8), Array("\u{9B}".utf8)]
            bytes.insert(contentsOf: characters[random.below(characters.count)], at: position(in: bytes))
        case .swapToken:
            let tokens: [UInt8] = Array("{}[]\":,'= &%+?/\\".utf8)
            let indices = bytes.indices.filter { tokens.contains(bytes[$0]) }
            guard !indices.isEmpty else { return bytes }
            bytes[indices[random.below(indices.count)]] = tokens[random.below(tokens.count)]
        case .deleteSlice:
            guard !bytes.isEmpty else { return bytes }
            let start = random.below(bytes.count)
            bytes.removeSubrange(start..<(start + random.below(min(bytes.count - start, 256)) + 1))
        }
        if bytes.count > Self.maximumLength { bytes.removeLast(bytes.count - Self.maximumLength) }
        return bytes
    }

    private mutating func position(in bytes: [UInt8]) -> Int {
        random.below(bytes.count + 1)
    }
}
