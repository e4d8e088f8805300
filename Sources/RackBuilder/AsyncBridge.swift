import Foundation
import RackCore

/// Runs async store calls from a build's own thread (builds block on pipes, so they never run on Swift's
/// cooperative pool; the store's calls are async).
enum AsyncBridge {
    static func wait<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws(RackError) -> T {
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        Task {
            do {
                box.result = .success(try await body())
            } catch let error as RackError {
                box.result = .failure(error)
            } catch {
                box.result = .failure(RackError(.internalError, "The store failed.", cause: error))
            }
            done.signal()
        }
        done.wait()
        return try box.result!.get()
    }

    private final class ResultBox<T: Sendable>: @unchecked Sendable {
        var result: Result<T, RackError>?
    }
}
