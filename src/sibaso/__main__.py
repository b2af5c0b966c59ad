"""``python -m sibaso``: the same command line as ``sibaso``."""

from sibaso.cli import main

if __name__ == "__main__":
    main()
