"""App tests: Pilot, snapshots and the real terminal (tmux)."""
