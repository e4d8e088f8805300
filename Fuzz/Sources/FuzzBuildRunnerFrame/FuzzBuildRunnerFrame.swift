import FuzzChecks
import Glibc
import RackCore

/// `BuildRunnerFrame.read(from:)` never traps, whatever the other end of the runner's socket sends, fed here
/// through a file. It reads whole frames only, each within the payload limit, and the frames read, written back
/// with `write(to:)`, are exactly the bytes they were read from. Request and result payloads decode as JSON or
/// fail with an error, never a trap.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzBuildRunnerFrame(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = FuzzInput(data, count).bytes
    Scratch.input.replace(with: bytes)
    var frames: [BuildRunnerFrame] = []
    while let frame = BuildRunnerFrame.read(from: Scratch.input.descriptor) {
        invariant(frame.payload.count <= BuildRunnerFrame.largestPayload, "a payload is within the limit", frame.payload.count)
        frames.append(frame)
        switch frame.kind {
        case .request: _ = try? frame.decode(BuildRunRequest.self)
        case .result: _ = try? frame.decode(BuildRunResult.self)
        case .output: break
        }
    }

    Scratch.output.replace(with: [])
    for frame in frames {
        invariant(frame.write(to: Scratch.output.descriptor), "a frame writes to a file", frame.kind)
    }
    let written = Scratch.output.contents()
    invariant(written.count <= bytes.count, "frames read are no more than the bytes sent", written.count, bytes.count)
    invariant(written[...] == bytes.prefix(written.count), "frames written back are the bytes they were read from", bytes)
    return 0
}

/// An unlinked temporary file, reused for every input.
private final class Scratch: @unchecked Sendable {
    static let input = Scratch()
    static let output = Scratch()

    let descriptor: Int32

    private init() {
        var template = Array("/tmp/rack-fuzz-frame-XXXXXX".utf8CString)
        descriptor = mkstemp(&template)
        precondition(descriptor >= 0, "cannot make a temporary file")
        unlink(template)
    }

    /// Replaces the file's contents with `bytes` and rewinds it.
    func replace(with bytes: [UInt8]) {
        precondition(ftruncate(descriptor, 0) == 0 && lseek(descriptor, 0, SEEK_SET) == 0)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + offset, bytes.count - offset) }
            precondition(written > 0, "cannot write the temporary file")
            offset += written
        }
        precondition(lseek(descriptor, 0, SEEK_SET) == 0)
    }

    /// The whole file.
    func contents() -> [UInt8] {
        let size = Int(lseek(descriptor, 0, SEEK_END))
        var bytes = [UInt8](repeating: 0, count: size)
        let got = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, size, 0) }
        precondition(got == size, "cannot read the temporary file")
        return bytes
    }
}
