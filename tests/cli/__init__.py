"""Command-line tests: every subcommand run through its entry point."""
