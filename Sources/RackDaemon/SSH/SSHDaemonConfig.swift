import RackCore

/// The sshd configuration of a rack's own sshd: one user, keys only through `rack-keys`, and nothing a key
/// can do but run Rack's forced command.
struct SSHDaemonConfig {
    let home: RackHome
    let address: HostAndPort
    let user: String

    var path: String { home.sshDirectory + "/sshd_config" }
    var hostKeyPath: String { home.sshDirectory + "/ssh_host_ed25519_key" }
    var pidPath: String { home.sshDirectory + "/sshd.pid" }
    var logPath: String { home.sshDirectory + "/sshd.log" }
    var keysCommandPath: String { home.sshDirectory + "/bin/rack-keys" }

    var text: String {
        """
        # Written by rackd at each start: edits are lost. See etc/sshd_config.template.
        Port \(address.port)
        ListenAddress \(address.host)
        HostKey \(hostKeyPath)
        PidFile \(pidPath)
        \(Self.restrictions(user: user, keysCommand: "\(keysCommandPath) \(home.path) %u %t %k"))
        """
    }

    /// What every Rack sshd, its own or the machine's `Match User` block, says about the SSH user.
    static func restrictions(user: String, keysCommand: String) -> String {
        """
        AllowUsers \(user)
        PermitRootLogin no
        PasswordAuthentication no
        KbdInteractiveAuthentication no
        PubkeyAuthentication yes
        UsePAM no
        StrictModes yes
        AuthorizedKeysFile none
        AuthorizedKeysCommand \(keysCommand)
        AuthorizedKeysCommandUser \(user)
        PermitTTY no
        PermitUserRC no
        PermitUserEnvironment no
        PermitTunnel no
        AllowTcpForwarding no
        AllowAgentForwarding no
        AllowStreamLocalForwarding no
        X11Forwarding no
        GatewayPorts no
        AcceptEnv GIT_PROTOCOL
        MaxStartups 100:30:300
        LogLevel INFO
        """
    }
}
