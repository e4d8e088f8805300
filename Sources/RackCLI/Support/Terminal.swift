import Foundation
import RackCore

/// What `rack` writes: results to stdout, errors as one ` !    ` line on stderr.
enum Terminal {
    static func fail(_ message: String) -> Never {
        let line = " !    " + message.replacingOccurrences(of: "\n", with: " ") + "\n"
        FileHandle.standardError.write(Data(line.utf8))
        exit(1)
    }

    /// Prints an encodable value as pretty JSON, for `--json`.
    static func printJSON(_ value: some Encodable) throws {
        let encoder = ResourceCoding.makeEncoder()
        encoder.outputFormatting.insert(.prettyPrinted)
        print(String(decoding: try encoder.encode(value), as: UTF8.self))
    }

    /// `2026-11-22 01:53:32Z`, the way tables show times.
    static func time(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss'Z'"
        return formatter.string(from: date)
    }
}
