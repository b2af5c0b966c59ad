"""CEK, BANTUAN and unknown input through ``Bot.handle``: masked answers in Bahasa
Indonesia, the three paths, and the per-conversation rate limit."""

import pytest
from sibaso_bot import Bot, Limits
from sibaso_bot.texts import HELP, SHORT_HELP

from sibaso.core.privacy import mask_nik


def text(replies):
    assert isinstance(replies, list)
    assert all(isinstance(r, str) and r for r in replies)
    return "\n".join(replies)


@pytest.mark.parametrize(
    "path, label",
    [
        ("self", "atas nama sendiri"),
        ("family", "lewat keluarga (KK)"),
        ("household", "lewat rumah tangga"),
    ],
)
def test_cek_lists_programmes_and_the_path_they_reach_by(bot, registry, niks, path, label):
    nik = niks[path]
    reply = text(bot.handle("c1", f"CEK {nik}"))
    assert nik not in reply
    assert f"NIK {mask_nik(nik)}" in reply
    for enrolment in registry.lookup(nik).enrolments:
        assert enrolment["name"] in reply
        assert f"({enrolment['programme']})" in reply
    assert label in reply
    assert reply.startswith("Hasil cek bansos")


def test_cek_shows_the_name_a_programme_had_in_its_period(bot, niks):
    reply = text(bot.handle("c1", f"cek {niks['renamed']}"))
    assert "Program Sembako (SEMBAKO), pada periode itu bernama Bantuan Pangan Non Tunai" in reply


def test_cek_shows_only_masked_names(bot, registry, niks):
    nik = niks["self"]
    full_name = registry.lookup(nik, view="officer").person["name"]
    reply = text(bot.handle("c1", f"CEK {nik}"))
    assert full_name not in reply
    assert registry.lookup(nik).person["name"] in reply  # "S*** A*****"


def test_cek_accepts_spaces_dots_and_telegram_commands(bot, niks):
    nik = niks["self"]
    spaced = " ".join(nik[i : i + 4] for i in range(0, 16, 4))
    first = bot.handle("c1", f"CEK {nik}")
    assert bot.handle("c1", f"  cek   {spaced} ") == first
    assert bot.handle("c1", f"/cek@sibaso_bot {nik[:4]}.{nik[4:]}") == first


def test_no_programme_looks_the_same_for_residents_and_strangers(bot, niks):
    resident = text(bot.handle("c1", f"CEK {niks['none']}"))
    stranger = text(bot.handle("c2", f"CEK {niks['stranger']}"))
    assert "Tidak ada program bansos aktif yang tercatat" in resident
    assert resident.replace(mask_nik(niks["none"]), "X") == stranger.replace(
        mask_nik(niks["stranger"]), "X"
    )
    assert niks["none"] not in resident


def test_invalid_nik_is_explained_without_echoing_it(bot):
    reply = text(bot.handle("c1", "CEK 1205013207850001"))
    assert reply.startswith("NIK tidak sah:")
    assert "1205013207850001" not in reply
    assert "tanggal" in reply
    assert "16 digit" in text(bot.handle("c1", "CEK 12050132"))


def test_cek_without_nik_explains_the_command(bot):
    assert "CEK <NIK>" in text(bot.handle("c1", "CEK"))


def test_cek_is_rate_limited_per_conversation(bot, clock, niks):
    for _ in range(3):
        assert "Hasil cek" in text(bot.handle("c1", f"CEK {niks['self']}"))
        clock.advance(10)
    refused = text(bot.handle("c1", f"CEK {niks['family']}"))
    assert "Batas CEK tercapai" in refused
    assert "paling banyak 3 kali tiap 10 menit" in refused
    assert "coba lagi dalam 10 menit" in refused  # the first CEK leaves the window in 580 s
    assert niks["family"] not in refused and mask_nik(niks["family"]) not in refused
    assert "Hasil cek" in text(bot.handle("c2", f"CEK {niks['family']}"))  # another chat
    clock.advance(600 - 30 + 1)  # the first hit has left the window
    assert "Hasil cek" in text(bot.handle("c1", f"CEK {niks['family']}"))
    assert "Batas CEK" in text(bot.handle("c1", f"CEK {niks['family']}"))


def test_invalid_niks_count_against_the_limit(bot, niks):
    for serial in range(3):
        bot.handle("c1", f"CEK 120501320785000{serial}")
    assert "Batas CEK tercapai" in text(bot.handle("c1", f"CEK {niks['self']}"))


def test_wait_is_told_in_seconds_when_short(registry, clock, niks):
    bot = Bot(registry, clock=clock, limits=Limits(cek=1, window=45))
    bot.handle("c1", f"CEK {niks['self']}")
    clock.advance(5)
    assert "coba lagi dalam 40 detik" in text(bot.handle("c1", f"CEK {niks['self']}"))


@pytest.mark.parametrize("message", ["BANTUAN", "bantuan", "/start", "/help"])
def test_help(bot, message):
    reply = bot.handle("c1", message)
    assert reply == [HELP]
    for command in ("CEK <NIK>", "ADUAN <kategori> <isi>", "STATUS <tiket> <NIK>", "BATAL"):
        assert command in HELP


@pytest.mark.parametrize("message", ["halo", "", "   ", "1205014107850001", "CEKK 1"])
def test_unknown_input_gets_short_help_without_echo(bot, message):
    assert bot.handle("c1", message) == [SHORT_HELP]
