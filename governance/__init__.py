"""The governance domain. `rules/` holds the pure rules (the aggregates and what they check, no I/O,
nothing async); each other room holds the use cases of one family, which load through the ports
(`ports.py`), call one rule and audit. `context.py`, `access.py` and `views.py` are shared by every
room. ARCHITECTURE.md draws the picture."""
