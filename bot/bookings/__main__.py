"""`python -m bot.bookings`: the staff command line (see cli.py)."""

from bot.bookings.cli import main

raise SystemExit(main())
