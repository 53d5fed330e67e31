"""Use cases of the yearly action plan: the report, measures and their history, changes in chat, the plan
file, adoption and the brief status heard at meetings."""
