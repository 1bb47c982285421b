extension JSONWriter {
    /// A finding in its one JSON form (`Finding.forEachJSONMember`), written straight to bytes.
    @inlinable
    public mutating func finding(_ finding: Finding) {
        raw("{")
        var first = true
        finding.forEachJSONMember { name, field in
            if !first { comma() }
            first = false
            key(name)
            switch field {
            case .string(let text): string(text)
            case .int(let number): int(number)
            }
        }
        raw("}")
    }
}
