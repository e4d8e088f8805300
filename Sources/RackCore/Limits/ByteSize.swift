/// Sizes as operators write them and Rack prints them: `2G`, `512M`, `64K`, `1073741824`.
public enum ByteSize {
    /// - Throws: ``RackError`` `.invalidParams` for anything but digits with an optional K, M, G or T (powers of 1024).
    public static func parse(_ text: String) throws(RackError) -> Int {
        let trimmed = text.trimmingCharacters(in: .whitespaces).uppercased()
        let units: [Character: Int] = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30, "T": 1 << 40]
        var digits = Substring(trimmed)
        var unit = 1
        if let last = trimmed.last, let multiplier = units[last] {
            unit = multiplier
            digits = trimmed.dropLast()
        } else if trimmed.hasSuffix("B"), let multiplier = units[trimmed.dropLast().last ?? " "] {
            unit = multiplier
            digits = trimmed.dropLast(2)
        }
        guard !digits.isEmpty, digits.count <= 15, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber), let value = Int(digits),
            value > 0, value <= Int.max / unit
        else { throw RackError(.invalidParams, "\"\(text.prefix(40))\" is not a size: write it like 2G, 512M or 64K.") }
        return value * unit
    }

    /// `2G`, `512M`, `1.5G`: the shortest exact-enough form.
    public static func describe(_ bytes: Int) -> String {
        for (unit, name) in [(1 << 40, "T"), (1 << 30, "G"), (1 << 20, "M"), (1 << 10, "K")] where bytes >= unit {
            let value = Double(bytes) / Double(unit)
            return value == value.rounded() ? "\(Int(value))\(name)" : "\((value * 10).rounded() / 10)\(name)"
        }
        return "\(bytes)B"
    }
}
