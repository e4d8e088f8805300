import Foundation
import RackCore

/// What a build prints, sent to the pushing user's hook as it comes, in Heroku's dialect: `-----> ` step headers,
/// 7-space details, ` !     ` errors.
final class BuildOutput {
    private let descriptor: Int32
    /// Set once a write failed: the hook (and the user) has gone.
    private(set) var clientHasGone = false
    /// What the build printed so far, kept for its record when the push goes away before the hook can keep it.
    let transcript = Transcript()

    init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    func step(_ text: String) { line("-----> " + text) }
    func detail(_ text: String) { line("       " + text) }
    func error(_ text: String) {
        for part in text.split(separator: "\n", omittingEmptySubsequences: false) { line(" !     " + part) }
    }
    func line(_ text: String) { bytes(Array((text + "\n").utf8)) }

    /// Raw output of build code, as it printed it.
    func bytes(_ chunk: [UInt8]) {
        transcript.append(chunk)
        guard !clientHasGone else { return }
        var offset = 0
        while offset < chunk.count {
            let end = min(chunk.count, offset + BuildRunnerFrame.largestPayload)
            if !BuildRunnerFrame(kind: .output, payload: Array(chunk[offset..<end])).write(to: descriptor) {
                clientHasGone = true
                return
            }
            offset = end
        }
    }

    /// True when the hook's end of the socket has closed (the push was cancelled or its client went away).
    func hookHasHungUp() -> Bool {
        if clientHasGone { return true }
        // POLLRDHUP (0x2000, not imported into Swift): the peer closed its end.
        let peerClosed: Int16 = 0x2000
        var watched = pollfd(fd: descriptor, events: peerClosed, revents: 0)
        if poll(&watched, 1, 0) > 0, watched.revents & (peerClosed | Int16(POLLHUP | POLLERR)) != 0 {
            clientHasGone = true
        }
        return clientHasGone
    }

    /// Waits until the hook closes its end (it does once the API answered its release or failure call), at most
    /// `timeout` seconds.
    func waitForHangUp(timeout: Int32) {
        var watched = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        let deadline = Date().addingTimeInterval(Double(timeout))
        while Date() < deadline {
            let ready = poll(&watched, 1, 1000)
            if ready < 0, errno != EINTR { return }
            guard ready > 0 else { continue }
            // The hook sends nothing after the request: readable means closed (a read of 0) or gone.
            var byte: UInt8 = 0
            if read(descriptor, &byte, 1) <= 0 {
                clientHasGone = true
                return
            }
        }
    }

    func finish(_ result: BuildRunResult) {
        guard !clientHasGone, let frame = try? BuildRunnerFrame(kind: .result, json: result) else { return }
        frame.write(to: descriptor)
    }
}
