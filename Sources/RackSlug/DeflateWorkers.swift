import Foundation
import RackCore

/// Threads that compress ``GzipBlock``s in the order they are handed over, each with its own ``Deflater``.
///
/// Every piece of state (the queue, each block's done mark, whether the workers stop) is read and written
/// under `condition`. The workers hold on to this object until ``stop()`` ends them.
final class DeflateWorkers: @unchecked Sendable {
    private let condition = NSCondition()
    private var queue: [GzipBlock] = []
    private var stopped = false

    /// Starts `count` threads deflating at `level`.
    init(count: Int, level: Int) {
        for index in 0..<count {
            let thread = Thread { [self] in work(level: level) }
            thread.name = "rack-deflate-\(index)"
            thread.start()
        }
    }

    /// Queues a block; one of the workers will deflate it.
    func enqueue(_ block: GzipBlock) {
        condition.withLock {
            queue.append(block)
            condition.signal()
        }
    }

    /// Whether `block` is deflated; with `waiting`, waits until it is.
    func isDone(_ block: GzipBlock, waiting: Bool) -> Bool {
        condition.withLock {
            while waiting, !block.isDone { condition.wait() }
            return block.isDone
        }
    }

    /// Drops the blocks not yet taken; each worker ends after the block it is on.
    func stop() {
        condition.withLock {
            stopped = true
            queue.removeAll()
            condition.broadcast()
        }
    }

    private func work(level: Int) {
        let deflater = Result { () throws(RackError) in try Deflater(level: level) }
        while let block = next() {
            block.compress(with: deflater)
            condition.withLock {
                block.isDone = true
                condition.broadcast()
            }
        }
    }

    /// The oldest queued block, waiting for one; nil once stopped.
    private func next() -> GzipBlock? {
        condition.withLock {
            while queue.isEmpty, !stopped { condition.wait() }
            return stopped ? nil : queue.removeFirst()
        }
    }
}
