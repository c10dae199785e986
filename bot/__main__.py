"""`python -m bot`, the same as `legday-bot`."""

import sys

from bot.cli import main

sys.exit(main())
