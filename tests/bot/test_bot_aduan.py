"""ADUAN step by step (validation errors re-asked field by field), BATAL, the dialogue
timeout, and STATUS — all through ``Bot.handle``."""

import io
import re

import pytest
from sibaso_bot.texts import SHORT_HELP

from sibaso.complaints import Actor, parse_roster
from sibaso.core.privacy import mask_nik

TICKET = re.compile(r"Nomor tiket: ([A-Z0-9]{4}-[A-Z0-9]{4})")


def text(replies):
    assert all(isinstance(r, str) and r for r in replies)
    return "\n".join(replies)


def count(registry):
    return registry.store.query("SELECT COUNT(*) FROM complaint")[0][0]


def stored(registry, ticket):
    (row,) = registry.store.query(
        "SELECT reporter_nik, reporter_name, phone, channel, category, programme, subject_nik,"
        " text FROM complaint WHERE ticket = ?",
        (ticket,),
    )
    return row


def file_complaint(bot, nik, conversation="c1"):
    bot.handle(conversation, "ADUAN bantuan-tidak-diterima Bantuan PKH tahap 2 belum masuk.")
    bot.handle(conversation, nik)
    bot.handle(conversation, "Siti Aminah")
    bot.handle(conversation, "0812 3456 7890")
    reply = text(bot.handle(conversation, "PKH"))
    return TICKET.search(reply).group(1)


def test_aduan_asks_each_missing_field_and_re_asks_refused_ones(bot, registry, niks):
    nik = niks["reporter"]
    before = count(registry)
    steps = [
        ("ADUAN bantuan tidak diterima Bantuan PKH tahap 2 belum masuk.", ["NIK Anda"]),
        ("1205013207850001", ["NIK pelapor belum benar:", "tanggal", "NIK Anda"]),
        (nik, ["nama lengkap"]),
        ("   ", ["nama lengkap"]),
        ("12345", ["Nama pelapor belum benar: Nama pelapor harus berisi huruf.", "nama lengkap"]),
        ("Siti   Aminah", ["nomor telepon"]),
        ("+60 12 345 6789", ["Nomor telepon belum benar:", "nomor telepon"]),
        ("0812 3456 7890", ["Program bansos apa"]),
        ("Bansos Ajaib", ["Program bansos belum benar:", "tidak dikenal", "Program bansos apa"]),
    ]
    for message, expected in steps:
        reply = text(bot.handle("c1", message))
        for part in expected:
            assert part in reply, (message, reply)
        assert nik not in reply and "1205013207850001" not in reply
        assert "BATAL" in reply
        assert count(registry) == before  # nothing stored before the complaint is whole
    done = text(bot.handle("c1", "pkh"))
    assert done.startswith("Pengaduan Anda sudah diterima.")
    assert f"Pelapor: NIK {mask_nik(nik)}" in done
    assert nik not in done
    assert "Kecamatan " not in done and "Batas penyelesaian:" in done  # no place: issue 16
    ticket = TICKET.search(done).group(1)
    assert stored(registry, ticket) == (
        nik,
        "Siti Aminah",
        "+6281234567890",
        "bot",
        "bantuan-tidak-diterima",
        "PKH",
        None,
        "Bantuan PKH tahap 2 belum masuk.",
    )
    assert count(registry) == before + 1
    assert bot.handle("c1", "Siti") == [SHORT_HELP]  # the dialogue is over


def test_aduan_without_category_offers_the_choices(bot, registry, niks):
    reply = text(bot.handle("c1", "ADUAN"))
    assert "Pilih kategori" in reply and "2. usul" in reply
    reply = text(bot.handle("c1", "9"))
    assert "Kategori belum dikenali." in reply and "Pilih kategori" in reply
    assert "isi pengaduan" in text(bot.handle("c1", "belum terdaftar"))
    assert "NIK Anda" in text(bot.handle("c1", "Keluarga kami belum pernah didata."))
    bot.handle("c1", niks["reporter"])
    bot.handle("c1", "Budi")
    assert "Program bansos" in text(bot.handle("c1", "081234567890"))
    done = text(bot.handle("c1", "Raskin"))
    ticket = TICKET.search(done).group(1)
    row = stored(registry, ticket)
    assert row[4:7] == ("usul", "SEMBAKO", None)  # usul: the subject is the reporter


def test_aduan_with_unknown_category_keeps_the_text(bot, registry, niks):
    reply = text(bot.handle("c1", "ADUAN bantuan saya dipotong oknum"))
    assert "Pilih kategori" in reply
    bot.handle("c1", "pelayanan")
    bot.handle("c1", niks["reporter"])
    bot.handle("c1", "Budi")
    done = text(bot.handle("c1", "081234567890"))  # pelayanan needs no programme
    row = stored(registry, TICKET.search(done).group(1))
    assert row[4] == "pelayanan"
    assert row[7] == "bantuan saya dipotong oknum"


def test_sanggah_asks_for_the_subject_and_masks_it(bot, registry, niks):
    bot.handle("c1", "ADUAN sanggah Tetangga kami punya mobil tapi menerima PKH.")
    bot.handle("c1", niks["reporter"])
    bot.handle("c1", "Budi Santoso")
    bot.handle("c1", "081234567890")
    reply = text(bot.handle("c1", "PKH"))
    assert "NIK orang yang Anda sanggah" in reply
    reply = text(bot.handle("c1", "12345"))
    assert "NIK orang yang disanggah belum benar:" in reply
    done = text(bot.handle("c1", niks["family"]))
    assert niks["family"] not in done
    assert stored(registry, TICKET.search(done).group(1))[6] == niks["family"]


def test_text_given_later_and_too_long_text_re_asked(bot, niks):
    assert "isi pengaduan" in text(bot.handle("c1", "ADUAN lainnya"))
    reply = text(bot.handle("c1", "x" * 2001))
    assert "Isi pengaduan belum benar: Paling banyak 2.000 karakter" in reply
    assert "isi pengaduan" in reply
    assert "NIK Anda" in text(bot.handle("c1", "Mohon info jadwal penyaluran."))


def test_batal_cancels_and_forgets(bot, registry, niks):
    before = count(registry)
    bot.handle("c1", "ADUAN usul Mohon didaftarkan.")
    bot.handle("c1", niks["reporter"])
    assert text(bot.handle("c1", "batal")).startswith("Pengaduan dibatalkan")
    assert count(registry) == before
    assert bot.handle("c1", "Siti Aminah") == [SHORT_HELP]
    assert text(bot.handle("c1", "BATAL")) == "Tidak ada pengaduan yang sedang diisi."


def test_bantuan_during_the_dialogue_repeats_the_question(bot, niks):
    bot.handle("c1", "ADUAN usul Mohon didaftarkan.")
    replies = bot.handle("c1", "BANTUAN")
    assert "CEK <NIK>" in replies[0] and "NIK Anda" in replies[1]
    assert "nama lengkap" in text(bot.handle("c1", niks["reporter"]))


def test_conversations_keep_their_own_dialogue(bot, niks):
    bot.handle("a", "ADUAN usul Mohon didaftarkan.")
    assert bot.handle("b", "Siti Aminah") == [SHORT_HELP]
    assert "Hasil cek" in text(bot.handle("b", f"CEK {niks['self']}"))
    assert "nama lengkap" in text(bot.handle("a", niks["reporter"]))


def test_dialogue_times_out(bot, clock, registry, niks):
    before = count(registry)
    bot.handle("c1", "ADUAN usul Mohon didaftarkan.")
    clock.advance(299)
    assert "nama lengkap" in text(bot.handle("c1", niks["reporter"]))  # each answer renews
    clock.advance(299)
    assert "nomor telepon" in text(bot.handle("c1", "Siti Aminah"))
    clock.advance(301)
    reply = text(bot.handle("c1", "081234567890"))
    assert "dibatalkan karena lama tidak dijawab" in reply
    assert "Program bansos" not in reply
    assert count(registry) == before
    assert bot.handle("c1", "PKH") == [SHORT_HELP]


def test_a_command_after_the_timeout_is_answered_too(bot, clock, niks):
    bot.handle("c1", "ADUAN usul Mohon didaftarkan.")
    clock.advance(400)
    replies = bot.handle("c1", f"CEK {niks['self']}")
    assert "dibatalkan karena lama tidak dijawab" in replies[0]
    assert replies[1].startswith("Hasil cek")


def test_expired_drafts_are_swept(bot, clock):
    for n in range(5):
        bot.handle(f"c{n}", "ADUAN usul Mohon didaftarkan.")
    clock.advance(2 * 300 + 61)
    bot.handle("other", "BANTUAN")
    assert not bot._drafts


def test_aduan_is_rate_limited(bot, clock):
    bot.handle("c1", "ADUAN usul satu")
    bot.handle("c1", "BATAL")
    bot.handle("c1", "ADUAN usul dua")
    bot.handle("c1", "BATAL")
    assert "Batas ADUAN tercapai" in text(bot.handle("c1", "ADUAN usul tiga"))
    clock.advance(601)
    assert "NIK Anda" in text(bot.handle("c1", "ADUAN usul tiga"))


def test_status_by_ticket_and_nik(bot, registry, niks):
    nik = niks["reporter"]
    ticket = file_complaint(bot, nik)
    reply = text(bot.handle("c1", f"STATUS {ticket} {nik}"))
    assert reply.startswith(f"Pengaduan {ticket}")
    assert "Status: diterima" in reply
    assert "Kategori: Bantuan tidak/belum diterima" in reply
    assert "Kecamatan " not in reply and "Riwayat:" in reply
    assert nik not in reply
    loose = f"status {ticket.lower().replace('-', ' ')} {nik[:8]} {nik[8:]}"
    assert text(bot.handle("c2", loose)) == reply


def test_status_shows_the_officers_progress(bot, registry, niks):
    nik = niks["reporter"]
    ticket = file_complaint(bot, nik)
    kecamatan = registry.store.query(
        "SELECT kecamatan_code FROM complaint WHERE ticket = ?", (ticket,)
    )[0][0]
    roster = parse_roster(io.StringIO(f"id,name,role,kecamatan\ntksk-1,Budi,tksk,{kecamatan}\n"))
    registry.complaints.load_roster(Actor.system(), roster)
    tksk = registry.complaints.actor("tksk-1")
    registry.complaints.update(tksk, ticket, "diverifikasi", "Dicek ke bank.")
    reply = text(bot.handle("c1", f"STATUS {ticket} {nik}"))
    assert "Status: sedang diverifikasi petugas" in reply
    assert "diverifikasi — Dicek ke bank." in reply
    assert "tksk-1" not in reply


@pytest.mark.parametrize(
    "wrong",
    ["wrong-nik", "other-valid-nik", "invalid-nik", "unknown-ticket", "malformed-ticket"],
)
def test_status_answers_alike_for_every_mismatch(bot, niks, wrong):
    nik = niks["reporter"]
    ticket = file_complaint(bot, nik)
    unknown = text(bot.handle("c2", f"STATUS ZZZZ-ZZZZ {nik}"))
    assert unknown.startswith("Tidak ada pengaduan dengan nomor tiket dan NIK ini.")
    message = {
        "wrong-nik": f"STATUS {ticket} {nik[:-1]}{(int(nik[-1]) + 1) % 10}",
        "other-valid-nik": f"STATUS {ticket} {niks['self']}",
        "invalid-nik": f"STATUS {ticket} 12345",
        "unknown-ticket": f"STATUS ZZZZ-ZZZZ {nik}",
        "malformed-ticket": f"STATUS ?? {nik}",
    }[wrong]
    assert text(bot.handle("c3", message)) == unknown


def test_status_usage_and_rate_limit(bot, niks):
    assert "STATUS <nomor tiket> <NIK pelapor>" in text(bot.handle("c1", "STATUS K7QM-3XH9"))
    for _ in range(4):
        bot.handle("c1", f"STATUS ZZZZ-ZZZZ {niks['reporter']}")
    assert "Batas STATUS tercapai" in text(bot.handle("c1", f"STATUS ZZZZ-ZZZZ {niks['reporter']}"))
