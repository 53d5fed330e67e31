"""Use cases of the structure: the structure file, its checks, the bodies and their members, member sync."""
