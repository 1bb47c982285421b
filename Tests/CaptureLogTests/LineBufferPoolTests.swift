import Testing
@testable import CaptureLog

@Suite struct LineBufferPoolTests {
    private func address(_ buffer: [UInt8]) -> UnsafeRawPointer? {
        buffer.withUnsafeBytes { $0.baseAddress }
    }

    @Test func aRecycledBufferIsTakenAgainEmptyWithItsStorage() {
        let pool = LineBufferPool()
        var line = pool.take(capacity: 2048)
        line.append(contentsOf: Array(repeating: 0x41, count: 2000))
        let storage = address(line)
        var lines = [line]
        line = []
        pool.recycle(&lines)
        #expect(lines.isEmpty)
        let again = pool.take(capacity: 2048)
        #expect(again.isEmpty)
        #expect(again.capacity >= 2048)
        #expect(address(again) == storage)
        // The pool is empty again: the next buffer is a new one.
        #expect(address(pool.take(capacity: 16)) != storage)
    }

    @Test func keepsNeitherLargeBuffersNorMoreThanItsShare() {
        let pool = LineBufferPool()
        var lines: [[UInt8]] = [Array(repeating: 0, count: LineBufferPool.keptCapacity + 1)]
        pool.recycle(&lines)
        #expect(pool.take(capacity: 1).capacity < LineBufferPool.keptCapacity)

        lines = (0..<(LineBufferPool.keptBuffers + 10)).map { _ in Array(repeating: 1, count: 100) }
        let kept = Set(lines.suffix(LineBufferPool.keptBuffers).map { address($0) })
        pool.recycle(&lines)
        #expect(lines.isEmpty)
        var taken = Set<UnsafeRawPointer?>()
        for _ in 0..<LineBufferPool.keptBuffers { taken.insert(address(pool.take(capacity: 100))) }
        #expect(taken == kept)
    }
}
