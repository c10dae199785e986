"""Benchmarks: `python -m bench --json` (or `--quick` for a small smoke run)."""
