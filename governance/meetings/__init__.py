"""Use cases of meetings and cases: the meeting schedule, the case queue, the agenda and attendance."""
