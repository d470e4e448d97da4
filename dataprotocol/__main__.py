from dataprotocol.cli.main import run

run()
