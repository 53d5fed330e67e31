"""Use cases of approval by card: the one approval round, decisions, minutes and delegated authority."""
