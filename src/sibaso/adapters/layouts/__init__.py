"""What a layout is: the :class:`~sibaso.adapters.layouts.adapter.Adapter` description, its TOML
form, the canonical fields and their header spellings, finding the header row and the title
rows above it, the programme sheet, and the layouts known to this process (``known``)."""
