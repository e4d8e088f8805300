/// Columns of text aligned for a person to read, with a header row.
struct Table {
    let headers: [String]
    var rows: [[String]] = []

    init(_ headers: String...) { self.headers = headers }

    mutating func add(_ cells: String...) { rows.append(cells) }

    var rendered: String {
        let all = [headers] + rows
        let widths = headers.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        return all.map { row in
            row.indices.map { column in
                column == row.count - 1 ? row[column] : row[column].padding(toLength: widths[column], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}

/// `Key: value` lines with the keys aligned, as `heroku config` and `heroku apps:info` print them.
struct KeyValueList {
    var pairs: [(String, String)] = []

    mutating func add(_ key: String, _ value: String) { pairs.append((key, value)) }

    var rendered: String {
        let width = (pairs.map { $0.0.count }.max() ?? 0) + 1
        return pairs.map { key, value in
            let label = (key + ":").padding(toLength: width, withPad: " ", startingAt: 0)
            // Continuation lines of a multi-line value line up under its first line.
            let indented = value.replacingOccurrences(of: "\n", with: "\n" + String(repeating: " ", count: width + 1))
            return label + " " + indented
        }.joined(separator: "\n")
    }
}
