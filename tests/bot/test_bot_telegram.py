"""The optional Telegram adapter builds without touching the network."""

import pytest

pytest.importorskip("telegram")


def test_adapter_builds_an_application_for_private_text(bot):
    from sibaso_bot.telegram import build_application

    application = build_application(bot, "123456:TEST-TOKEN-NOT-REAL")
    handlers = [h for group in application.handlers.values() for h in group]
    assert len(handlers) == 1
