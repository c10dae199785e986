"""A local stand-in for Telegram's Bot API, over real HTTP on 127.0.0.1: what the console
talks to, and what the tests and benchmarks drive the bot against. It refuses what Telegram
refuses."""
