/// Tells which of the three payload shapes an event is in.
///
/// The rule: every recognisable key adds evidence (a score) for the dialects that use it, and the
/// dialect with the most evidence wins. This keeps partial payloads (a missing id, a missing
/// context) recognisable.
///
/// | key | legacy | v1 | v2 |
/// |---|---|---|---|
/// | root `event` (a string) | 4 | | |
/// | root `eventId`, `eventTimestamp` | 3 each | | |
/// | root `device.userAgent` / `device.cookies` | 1 each | | |
/// | root `event_name` | | 2 | 2 |
/// | root `event_id` | | 3 | |
/// | root `properties` (an object) | 2 | 2 | |
/// | root `device.user_agent` / `device.cookie` | | 1 each | |
/// | root `page` (an object) | | 1 | |
/// | root `event_timestamp` | | 1 | |
/// | root `context` (an object) | | | 4 |
/// | root `user` (an object) | | | 1 |
///
/// The best score must reach 2, otherwise the dialect is `unknown`. Ties go to the newer dialect
/// (v2, then v1, then legacy): `{"event_name": "x"}` alone is read as v2. A v2 event whose
/// `event_timestamp` sits at the root (the vendor's batch example) stays v2 because `context` and
/// `user` outweigh it.
public enum DialectDetector {
    public static func detect(_ value: JSONValue) -> Dialect {
        guard case .object(let root) = value else { return .unknown }
        var legacy = 0
        var v1 = 0
        var v2 = 0
        for member in root.members {
            switch member.key {
            case "event":
                if case .string = member.value { legacy += 4 } else { legacy += 1 }
            case "eventId", "eventTimestamp":
                legacy += 3
            case "event_name":
                v1 += 2
                v2 += 2
            case "event_id":
                v1 += 3
            case "event_timestamp":
                v1 += 1
            case "properties":
                if case .object = member.value {
                    legacy += 2
                    v1 += 2
                }
            case "context":
                if case .object = member.value { v2 += 4 }
            case "user":
                if case .object = member.value { v2 += 1 }
            case "device":
                if case .object(let device) = member.value {
                    for key in device.members {
                        switch key.key {
                        case "userAgent", "cookies": legacy += 1
                        case "user_agent", "cookie": v1 += 1
                        default: break
                        }
                    }
                }
            case "page":
                if case .object = member.value { v1 += 1 }
            default:
                break
            }
        }
        return dialect(legacyScore: legacy, v1Score: v1, v2Score: v2)
    }

    /// The dialect the scores point to: the best, if it reaches 2; ties go to the newer dialect.
    /// (`EventBodySummary.quickScan` scores an event as it reads it and decides here too.)
    static func dialect(legacyScore legacy: Int, v1Score v1: Int, v2Score v2: Int) -> Dialect {
        let best = max(legacy, v1, v2)
        if best < 2 { return .unknown }
        if v2 == best { return .v2 }
        if v1 == best { return .v1 }
        return .legacy
    }
}
