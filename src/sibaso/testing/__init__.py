"""Test helpers for sibaso and its users: hypothesis strategies and synthetic data.

``sibaso.testing.strategies`` needs hypothesis (``pip install 'sibaso[test]'``).
"""

from sibaso.testing.synthetic import Population

__all__ = ["Population", "families", "kks", "niks", "persons"]


def __getattr__(name: str) -> object:
    if name in ("niks", "kks", "persons", "families", "districts"):
        from sibaso.testing import strategies

        return getattr(strategies, name)
    raise AttributeError(name)
