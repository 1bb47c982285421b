import CaptureLog
import TrackingModel

/// The local User API store: people by site and user id. A GET returns what a PUT stored.
///
/// It is derived from the capture log: on start the collector replays every accepted PUT and
/// DELETE of `/engage/user/` in log order (`apply(_:)`), so the store survives a restart.
public actor UserStore {
    /// A person's identity in the store.
    public struct Key: Sendable, Hashable {
        public var site: String
        public var userId: String

        public init(site: String, userId: String) {
            self.site = site
            self.userId = userId
        }
    }

    private var people: [Key: JSONObject] = [:]

    public init() {}

    /// How many people are stored.
    public var count: Int { people.count }

    /// The person stored for `userId` on `site`, as a PUT stored it (merged over earlier PUTs).
    public func person(site: String, userId: String) -> JSONObject? {
        people[Key(site: site, userId: userId)]
    }

    /// Inserts or updates: members of `person` replace those stored; `custom` is merged one level down.
    public func upsert(site: String, userId: String, person: JSONObject) {
        let key = Key(site: site, userId: userId)
        guard var stored = people[key] else {
            people[key] = person
            return
        }
        for member in person.members {
            if member.key == "custom", case .object(let newCustom) = member.value,
               case .object(var oldCustom)? = stored[member.key] {
                for customMember in newCustom.members { oldCustom.set(customMember.key, customMember.value) }
                stored.set(member.key, .object(oldCustom))
            } else {
                stored.set(member.key, member.value)
            }
        }
        people[key] = stored
    }

    /// Removes a person; false when there was none.
    @discardableResult
    public func delete(site: String, userId: String) -> Bool {
        people.removeValue(forKey: Key(site: site, userId: userId)) != nil
    }

    /// Forgets everyone (on `/_trackscope/reset`).
    public func removeAll() {
        people = [:]
    }

    /// Replays one record of the log: an accepted PUT or DELETE of the User API changes the store;
    /// anything else is ignored.
    public func apply(_ record: CaptureRecord) {
        guard record.direction == .received, CollectorEndpoint.isUserPath(record.path),
              let status = record.response?.status, status == 200 else { return }
        let query = QueryParameters(record.query)
        guard let site = CollectorEndpoint.user.siteId(query: query) else { return }
        switch record.method {
        case "PUT":
            guard let value = try? JSONParser.parseValue(record.requestBody),
                  case .object(let person)? = value["person"] else { return }
            guard let userId = query.nonEmpty("user_id") ?? person["id"]?.scalarText else { return }
            upsert(site: site, userId: userId, person: person)
        case "DELETE":
            guard let userId = query.nonEmpty("user_id") else { return }
            delete(site: site, userId: userId)
        default:
            break
        }
    }
}

extension JSONObject {
    /// Replaces the value of `key` where it first appears (later duplicates go), or appends it.
    mutating func set(_ key: String, _ value: JSONValue) {
        var kept: [Member] = []
        kept.reserveCapacity(members.count + 1)
        var seen = false
        for member in members {
            if member.key == key {
                if !seen { kept.append(Member(key: key, value: value)) }
                seen = true
            } else {
                kept.append(member)
            }
        }
        if !seen { kept.append(Member(key: key, value: value)) }
        members = kept
    }
}
