/// Name helpers shared by validation: the snake_case rule of the reference, the snake_case spelling
/// of a name, and near-miss suggestions (Damerau-Levenshtein, optimal string alignment) against a
/// list of known names.
public enum NameSuggester {
    /// True when `name` is lowercase snake_case: `[a-z][a-z0-9]*` words joined by single `_`
    /// (`add_to_cart`, `category_1`, `email_sha256`). Runs on bytes, allocates nothing.
    public static func isSnakeCase(_ name: String) -> Bool {
        var previous: UInt8 = 0
        var first = true
        for byte in name.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"):
                break
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if first { return false }
            case UInt8(ascii: "_"):
                if first || previous == UInt8(ascii: "_") { return false }
            default:
                return false
            }
            previous = byte
            first = false
        }
        return !first && previous != UInt8(ascii: "_")
    }

    /// The snake_case spelling of `name`: `eventId` → `event_id`, `userAgent` → `user_agent`,
    /// `Add To-Cart` → `add_to_cart`, `HTTPStatus` → `http_status`.
    public static func snakeCase(_ name: String) -> String {
        let characters = Array(name)
        var result = ""
        result.reserveCapacity(characters.count + 4)
        func appendSeparator() {
            if !result.isEmpty && result.last != "_" { result.append("_") }
        }
        for (index, character) in characters.enumerated() {
            if character.isUppercase {
                let previous: Character? = index > 0 ? characters[index - 1] : nil
                let next: Character? = index + 1 < characters.count ? characters[index + 1] : nil
                if let previous, previous.isLowercase || previous.isNumber {
                    appendSeparator()
                } else if let previous, previous.isUppercase, let next, next.isLowercase {
                    appendSeparator()
                }
                result.append(contentsOf: character.lowercased())
            } else if character.isLetter || character.isNumber {
                result.append(contentsOf: character.lowercased())
            } else {
                appendSeparator()
            }
        }
        while result.last == "_" { result.removeLast() }
        return result
    }

    /// The edit distance between two names counting insertions, deletions, substitutions and
    /// transpositions of neighbours (optimal string alignment), compared on Unicode scalars.
    public static func distance(_ lhs: String, _ rhs: String) -> Int {
        let a = Array(lhs.unicodeScalars)
        let b = Array(rhs.unicodeScalars)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        let width = b.count + 1
        var previousRow = [Int](repeating: 0, count: width)
        var row = Array(0...b.count)
        var current = [Int](repeating: 0, count: width)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var best = min(row[j] + 1, current[j - 1] + 1, row[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    best = min(best, previousRow[j - 2] + 1)
                }
                current[j] = best
            }
            swap(&previousRow, &row)
            swap(&row, &current)
        }
        return row[b.count]
    }

    /// The largest distance still treated as a near miss for a name of `length` characters:
    /// 1 up to 5 characters, 2 beyond.
    public static func tolerance(forLength length: Int) -> Int {
        length <= 5 ? 1 : 2
    }

    /// The known name closest to `name` when it is a near miss (not equal, within the tolerance,
    /// or equal once spelled in snake_case); nil when nothing is close.
    public static func suggestion(for name: String, among candidates: some Sequence<String>) -> String? {
        let snake = snakeCase(name)
        var best: (name: String, distance: Int)? = nil
        let limit = tolerance(forLength: name.count)
        for candidate in candidates {
            if candidate == name { return nil }
            if candidate == snake { return candidate }
            // Cheap length filter before the quadratic distance.
            if abs(candidate.utf8.count - name.utf8.count) > limit { continue }
            let d = distance(name, candidate)
            if d <= limit, best == nil || d < best!.distance {
                best = (candidate, d)
            }
        }
        return best?.name
    }
}
