"""Subcommands of the command line, one module each (see diagnostic.cli)."""
