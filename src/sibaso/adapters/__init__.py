"""Source adapters: read each programme's exported files into sibaso records.

``layouts/`` says what a layout is, ``records/`` turns cells into records, ``pipeline/``
reads a file end to end and reports on it; ``builtin/`` holds the layouts that ship.
"""
