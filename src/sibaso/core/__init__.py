"""Pure domain of sibaso: identifiers, regions, the domain model and programmes. No I/O."""
