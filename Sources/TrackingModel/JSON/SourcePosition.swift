/// A place in a source text: the byte offset, and the 1-based line and column a person (or an
/// editor) would use. Columns count Unicode scalars, so a line with accents still points right.
public struct SourcePosition: Sendable, Hashable, CustomStringConvertible {
    public var offset: Int
    public var line: Int
    public var column: Int

    public init(offset: Int, line: Int, column: Int) {
        self.offset = offset
        self.line = line
        self.column = column
    }

    public var description: String { "\(line):\(column)" }
}
