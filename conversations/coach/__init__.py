"""The coaching domain: the eight rules and their verdicts, when pushes and cues are due, and
what the user's own record shows. Pure functions on values: no Telegram, no database, no
clock of its own (every function is handed `now`)."""
