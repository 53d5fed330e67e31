"""Use cases of reminders: a body's policy, planning occurrences with the change that brings them, and
what a reminder says when it falls due."""
