"""The archive export (Noark 5 arkivuttrekk): what goes out, and the marks of what went out."""
