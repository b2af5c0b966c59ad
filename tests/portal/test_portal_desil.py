"""Desil is officer data: the citizen's Cek Bansos page never shows it, for anyone in DTSEN."""

import sibaso
from sibaso.store.dtsen import DtsenRepository


def test_cek_never_shows_desil(client, database):
    with sibaso.open(str(database)) as registry:
        repo = DtsenRepository(registry.store)
        assert repo.editions(), "the demo holds a DTSEN"
        families = {kk for kk, *_ in repo.families("v3-2026")}
        niks = [
            nik
            for nik in registry.store.person_niks()  # the store API, no SQL in a test
            if (registry.store.get_person(nik) or {}).get("kk") in families
        ][:5]
    assert niks
    for nik in niks:
        page = client.post("/cek", {"nik": nik}).text.lower()
        assert "desil" not in page
