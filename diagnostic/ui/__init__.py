"""Front ends: the plain terminal interview (`terminal`), later the Textual consoles.

Nothing imports `ui`; only `diagnostic.cli` and its commands pick a front end.
`parsing` turns what a person typed into an answer or a command and is pure
(no I/O), so that every front end understands the same words.
"""
