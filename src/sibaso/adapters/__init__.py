"""Source adapters: read each programme's exported files into sibaso records."""
