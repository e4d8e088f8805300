/// Sizes the way Heroku's build output prints them: `23.4M`, `731M`, `512K`.
public enum SlugSize {
    public static func describe(_ bytes: Int) -> String {
        let mebibytes = Double(bytes) / 1_048_576
        if mebibytes >= 100 { return "\(Int(mebibytes.rounded()))M" }
        if mebibytes >= 1 { return "\((mebibytes * 10).rounded() / 10)M" }
        // A slug is never empty (its gzip and tar headers alone take bytes): never "0K".
        return "\(max(1, Int((Double(bytes) / 1024).rounded())))K"
    }
}
