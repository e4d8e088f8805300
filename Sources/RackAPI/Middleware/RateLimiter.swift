import Foundation

/// Per-user request budgets over a fixed hourly window.
public actor RateLimiter {
    private let limit: Int
    private let window: TimeInterval
    private var spent: [String: (windowStart: Date, count: Int)] = [:]

    public init(limit: Int, window: TimeInterval = 3600) {
        self.limit = limit
        self.window = window
    }

    /// Spends one request of a user's budget; returns what remains (negative once over the limit).
    func spend(userID: String, now: Date = Date()) -> Int {
        var entry = spent[userID] ?? (now, 0)
        if now.timeIntervalSince(entry.windowStart) >= window { entry = (now, 0) }
        entry.count += 1
        spent[userID] = entry
        return limit - entry.count
    }

    /// What remains of a user's budget, without spending.
    func remaining(userID: String, now: Date = Date()) -> Int {
        guard let entry = spent[userID], now.timeIntervalSince(entry.windowStart) < window else { return limit }
        return max(0, limit - entry.count)
    }
}
