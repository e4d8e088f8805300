import ArgumentParser
import Foundation
import RackCore

/// `--home DIR`, else `$RACK_HOME`: where the rack keeps everything.
struct HomeOption: ParsableArguments {
    @Option(name: .long, help: "The directory Rack keeps everything in (default: $RACK_HOME).")
    var home: String?

    func resolve() throws -> RackHome {
        guard let path = home ?? ProcessInfo.processInfo.environment["RACK_HOME"], !path.isEmpty else {
            throw ValidationError("Say where the rack lives: --home DIR or RACK_HOME=DIR.")
        }
        return try RackHome(path: path).prepared()
    }
}
