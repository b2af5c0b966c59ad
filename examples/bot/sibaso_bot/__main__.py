"""Try the bot in a terminal: ``python -m sibaso_bot --db sibaso-demo/demo.sqlite``."""

from __future__ import annotations

import argparse

from sibaso.app import open_registry
from sibaso_bot.handler import Bot


def main(argv: list[str] | None = None) -> None:
    """Read messages from standard input, print the replies; Ctrl-D ends."""
    parser = argparse.ArgumentParser(prog="python -m sibaso_bot", description=main.__doc__)
    parser.add_argument("--db", default="sibaso-demo/demo.sqlite", help="registry to serve")
    args = parser.parse_args(argv)
    with open_registry(args.db) as registry:
        bot = Bot(registry)
        print("Bot bansos (ketik BANTUAN; Ctrl-D untuk keluar)")
        while True:
            try:
                text = input("> ")
            except EOFError:
                break
            for reply in bot.handle("console", text):
                print(reply, end="\n\n")


if __name__ == "__main__":
    main()
