/// Sizes the way Heroku's build output prints them: `23.4M`, `731M`, `512K`.
public enum SlugSize {
    public static func describe(_ bytes: Int) -> String {
        let mebibytes = Double(bytes) / 1_048_576
        if mebibytes >= 100 { return "\(Int(mebibytes.rounded()))M" }
        if mebibytes >= 1 { return "\((mebibytes * 10).rounded() / 10)M" }
        let kibibytes = Double(bytes) / 1024
        if kibibytes >= 10 { return "\(Int(kibibytes.rounded()))K" }
        return "\((kibibytes * 10).rounded() / 10)K"
    }
}
