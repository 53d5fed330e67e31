"""Repositories: the queries the use cases need, one module per aggregate and its parts."""
