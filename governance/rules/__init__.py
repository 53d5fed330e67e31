"""Pure rules: the aggregates with their state transitions, the approval round, Oslo time, privacy and
input limits. Nothing here is async, does I/O or imports another room of governance/."""
