/// A growable stack over manually managed memory, used by the parser so that closing an array or an
/// object moves its elements into the final `Array` in one step (no copies, no retain/release).
/// Its memory is allocated on the first push: the locator and the pull reader run the parser's
/// core for its string and number reading only, and never push.
struct JSONParserStack<Element>: ~Copyable {
    private(set) var base: UnsafeMutablePointer<Element>
    private(set) var count = 0
    /// 0 until the first push.
    private var capacity = 0
    /// The capacity allocated on the first push.
    private let initialCapacity: Int

    init(capacity: Int) {
        self.initialCapacity = Swift.max(capacity, 4)
        // Never read before the first push replaces it.
        self.base = UnsafeMutablePointer(bitPattern: MemoryLayout<Element>.alignment)!
    }

    deinit {
        if capacity > 0 {
            base.deinitialize(count: count)
            base.deallocate()
        }
    }

    @inline(__always)
    mutating func push(_ element: Element) {
        if count == capacity { grow() }
        (base + count).initialize(to: element)
        count &+= 1
    }

    @inline(never)
    private mutating func grow() {
        let newCapacity = capacity == 0 ? initialCapacity : capacity * 2
        let newBase = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
        if capacity > 0 {
            newBase.moveInitialize(from: base, count: count)
            base.deallocate()
        }
        base = newBase
        capacity = newCapacity
    }

    /// The top element (the stack must not be empty).
    @inline(__always)
    var top: UnsafeMutablePointer<Element> { base + (count &- 1) }

    @inline(__always)
    mutating func pop() -> Element {
        count &-= 1
        return (base + count).move()
    }

    /// Moves the elements from `start` to the top into a new array and removes them.
    /// (`reserveCapacity` + `append` is specialised here; `Array(unsafeUninitializedCapacity:)`
    /// went through an unspecialised path that looked up generic metadata on every call.)
    @inline(__always)
    mutating func popArray(from start: Int) -> [Element] {
        let length = count &- start
        if length <= 0 { return [] }
        var result: [Element] = []
        result.reserveCapacity(length)
        let source = base + start
        for index in 0..<length {
            result.append((source + index).move())
        }
        count = start
        return result
    }

    /// Drops the elements from `start` to the top.
    @inline(__always)
    mutating func truncate(to start: Int) {
        if start < count {
            (base + start).deinitialize(count: count &- start)
            count = start
        }
    }

    @inline(__always)
    subscript(index: Int) -> Element {
        base[index]
    }
}
