import Foundation
import RackCore
import RackSlug
import RackStore

/// The privileged build runner: a Unix socket in Rack's home (`runner/builder.sock`, root:SSH user 0660) on
/// which pushes' pre-receive hooks ask for builds. Only root and the SSH user may connect (checked with
/// `SO_PEERCRED` too); each build runs on a thread of its own and streams its output back as it prints.
///
/// ```swift
/// try await BuildRunner(settings: settings, store: store).start()
/// ```
public final class BuildRunner: @unchecked Sendable {
    let settings: BuildRunnerSettings
    let store: RackStore
    let storage: any SlugStorage
    private var listener: Int32 = -1

    public init(settings: BuildRunnerSettings, store: RackStore) {
        self.settings = settings
        self.store = store
        storage = LocalSlugStorage(directory: settings.home.slugsDirectory)
    }

    /// Lays out the build directories, binds the socket and starts accepting on a thread of its own.
    ///
    /// - Throws: ``RackError`` when the socket cannot be made (rackd must run as root to build).
    public func start() async throws(RackError) {
        let home = settings.home
        let ssh = settings.sshUser
        try BuildWorkspace.makeDirectory(home.runnerDirectory, mode: 0o750, owner: 0, group: ssh.gid)
        try BuildWorkspace.makeDirectory(home.buildsDirectory, mode: 0o700, owner: ssh.uid, group: ssh.gid)
        try BuildWorkspace.makeDirectory(home.slugsDirectory, mode: 0o700, owner: 0, group: 0)
        try BuildWorkspace.makeDirectory(home.buildWorkDirectory, mode: 0o700, owner: 0, group: 0)
        try BuildWorkspace.makeDirectory(home.cachesDirectory, mode: 0o711, owner: 0, group: 0)
        try await recoverInterruptedBuilds()
        listener = try Self.listen(at: home.runnerSocketPath, group: ssh.gid)
        // Builds start from "/", not from wherever rackd was started (which may be gone).
        _ = FileManager.default.changeCurrentDirectoryPath("/")
        let thread = Thread { [self] in acceptLoop() }
        thread.name = "build-runner"
        thread.start()
        AbandonedBuildSweeper(home: home, store: store).start()
    }

    /// Builds that were running when rackd stopped (killed, or its machine rebooted) end as failed, and what
    /// they left is removed: their processes and cgroups, checkouts and scratch directories, and the slug of one
    /// that stopped between its slug and its release.
    private func recoverInterruptedBuilds() async throws(RackError) {
        let interrupted = try await store.failUnfinishedBuilds(note: " !     rackd stopped while this build ran: push again.")
        for build in interrupted {
            BuildCgroup.leftOver(name: "rack-build-\(build.id)")?.destroy()
            if let slugKey = build.slugID { storage.remove(key: slugKey) }
        }
        for directory in [settings.home.buildsDirectory, settings.home.buildWorkDirectory] {
            for entry in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [] {
                FileTree.remove(directory + "/" + entry)
            }
        }
    }

    private func acceptLoop() {
        while true {
            let connection = accept(listener, nil, nil)
            if connection < 0 {
                if errno == EINTR || errno == ECONNABORTED { continue }
                return
            }
            _ = fcntl(connection, F_SETFD, FD_CLOEXEC)
            let thread = Thread { [self] in serve(connection) }
            thread.name = "build"
            thread.start()
        }
    }

    private func serve(_ connection: Int32) {
        defer { close(connection) }
        let output = BuildOutput(descriptor: connection)
        guard let peer = Self.peerUID(connection), peer == 0 || peer == settings.sshUser.uid else {
            output.error("Only Rack's SSH gate may ask for builds.")
            return
        }
        guard let frame = BuildRunnerFrame.read(from: connection), frame.kind == .request,
            let request = try? frame.decode(BuildRunRequest.self)
        else {
            output.error("The build runner got no build request.")
            return
        }
        BuildRun(settings: settings, store: store, storage: storage, output: output).run(request)
    }

    static func peerUID(_ socket: Int32) -> uid_t? {
        // struct ucred { pid_t pid; uid_t uid; gid_t gid; } (needs _GNU_SOURCE, so not imported).
        var credentials: (pid_t, uid_t, gid_t) = (0, 0, 0)
        var length = socklen_t(MemoryLayout<(pid_t, uid_t, gid_t)>.size)
        guard getsockopt(socket, SOL_SOCKET, SO_PEERCRED, &credentials, &length) == 0 else { return nil }
        return credentials.1
    }

    static func listen(at path: String, group: gid_t) throws(RackError) -> Int32 {
        unlink(path)
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw RackError(.internalError, "Cannot make the build runner's socket (errno \(errno)).") }
        _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        var address: sockaddr_un
        do { address = try UnixSocketAddress.make(path: path) } catch {
            close(descriptor)
            throw error
        }
        let bound = UnixSocketAddress.with(&address) { bind(descriptor, $0, $1) }
        guard bound == 0, chown(path, 0, group) == 0, chmod(path, 0o660) == 0, Glibc.listen(descriptor, 64) == 0 else {
            close(descriptor)
            throw RackError(.internalError, "Cannot listen on \(path) (\(String(cString: strerror(errno)))): rackd must run as root to build.")
        }
        return descriptor
    }
}
