"""Optional Telegram adapter (python-telegram-bot 21+): passes private-chat messages to
:class:`~sibaso_bot.handler.Bot` and sends its replies back.

Install ``pip install 'python-telegram-bot>=21,<23'``, then run
``TELEGRAM_BOT_TOKEN=… python -m sibaso_bot.telegram --db sibaso-demo/demo.sqlite``.
Group chats are ignored: a CEK answer is for the asker only.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os

try:
    from telegram import Update
    from telegram.ext import Application, ContextTypes, MessageHandler, filters
except ImportError as exc:  # pragma: no cover - depends on the optional extra
    raise ImportError(
        "The Telegram adapter needs python-telegram-bot: pip install 'python-telegram-bot>=21,<23'"
    ) from exc

from sibaso.app import open_registry
from sibaso_bot.handler import Bot

__all__ = ["build_application", "main"]

log = logging.getLogger("sibaso_bot.telegram")


def build_application(bot: Bot, token: str) -> Application:  # type: ignore[type-arg]
    """A python-telegram-bot ``Application`` answering private text messages with ``bot``."""

    async def on_message(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message, chat = update.effective_message, update.effective_chat
        if message is None or chat is None or not message.text:
            return
        # The conversation id is the chat; message texts (NIKs) are never logged.
        replies = await asyncio.to_thread(bot.handle, f"telegram:{chat.id}", message.text)
        for reply in replies:
            await message.reply_text(reply)

    application = Application.builder().token(token).build()
    application.add_handler(MessageHandler(filters.TEXT & filters.ChatType.PRIVATE, on_message))
    return application


def main(argv: list[str] | None = None) -> None:
    """Run the bot by long polling until interrupted."""
    parser = argparse.ArgumentParser(prog="python -m sibaso_bot.telegram")
    parser.add_argument("--db", default="sibaso-demo/demo.sqlite", help="registry to serve")
    args = parser.parse_args(argv)
    token = os.environ.get("TELEGRAM_BOT_TOKEN")
    if not token:
        parser.error("set TELEGRAM_BOT_TOKEN to the token from @BotFather")
    logging.basicConfig(level=logging.INFO)
    logging.getLogger("httpx").setLevel(logging.WARNING)  # its log lines carry the token
    with open_registry(args.db) as registry:
        log.info("serving %s", args.db)
        build_application(Bot(registry), token).run_polling()


if __name__ == "__main__":
    main()
