extension JSONWriter {
    /// A finding in its one JSON form (`Finding.forEachJSONMember`), written straight to bytes.
    @inlinable
    public mutating func finding(_ finding: Finding) {
        raw("{")
        var first = true
        finding.forEachJSONMember { name, field in
            if !first { comma() }
            first = false
            switch field {
            case .string(let text):
                member(name, text)
            case .int(let number):
                key(name)
                int(number)
            }
        }
        raw("}")
    }
}
