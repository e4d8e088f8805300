import Hummingbird
import RackCore
import RackStore

/// `/internal/…`: for Rack's own programs (the SSH gate, the builder), behind the internal secret.
struct InternalController {
    let store: RackStore

    func addRoutes(to group: RouterGroup<RackRequestContext>) {
        group.get("health") { _, _ in
            JSONResponse.make(["status": "ok"])
        }
    }
}
