"""Use cases on the case paper (saksfremlegg): writing it by card or command, correcting a case, and
searching cases by their paper. Documents attached to a case belong here too (issue 16, part 2)."""
