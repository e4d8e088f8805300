/// Durations as operators write them and Rack prints them: `15m`, `90s`, `1h`, `900`.
public enum DurationText {
    /// Seconds.
    ///
    /// - Throws: ``RackError`` `.invalidParams` for anything but digits with an optional s, m or h.
    public static func parse(_ text: String) throws(RackError) -> Int {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        let units: [Character: Int] = ["s": 1, "m": 60, "h": 3600]
        var digits = Substring(trimmed)
        var unit = 1
        if let last = trimmed.last, let multiplier = units[last] {
            unit = multiplier
            digits = trimmed.dropLast()
        }
        guard !digits.isEmpty, digits.count <= 9, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(digits), value > 0 else {
            throw RackError(.invalidParams, "\"\(text.prefix(40))\" is not a duration: write it like 15m, 90s or 1h.")
        }
        return value * unit
    }

    public static func describe(_ seconds: Int) -> String {
        if seconds % 3600 == 0 { return "\(seconds / 3600)h" }
        if seconds % 60 == 0 { return "\(seconds / 60)m" }
        return "\(seconds)s"
    }
}
