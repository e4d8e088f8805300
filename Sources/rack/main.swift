import RackCLI

await RackCommand.runAsMain()
