import RackDaemon

await RackDaemonCommand.runAsMain()
