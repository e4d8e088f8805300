import RackGate

await ForcedCommand.runAsMain()
