"""Use cases of calendars: Outlook invitations kept in step with meetings, and iCalendar feeds."""
