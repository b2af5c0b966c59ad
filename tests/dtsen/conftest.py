"""A Langkat with 2026 lists and a DTSEN planted against them, shared by the DTSEN tests."""

import pytest

from sibaso.testing import Population
from sibaso.testing.dtsen import write_dtsen
from sibaso.testing.exports import dukcapil_csv, pbijk_xlsx, siksng_csv


@pytest.fixture(scope="session")
def world(tmp_path_factory):
    folder = tmp_path_factory.mktemp("audit")
    pop = Population.generate(persons=1500, seed=31)
    dukcapil_csv(folder / "dukcapil.csv", pop, seed=1, faults=False)
    lists = {
        "PKH": siksng_csv(folder / "pkh_2026.csv", pop, programme="PKH", seed=26, faults=False),
        "SEMBAKO": siksng_csv(
            folder / "sembako_2026.csv", pop, programme="SEMBAKO", seed=26, faults=False
        ),
        "KIS": pbijk_xlsx(folder / "pbijk_2026.xlsx", pop, seed=26, faults=False),
    }
    enrolled = {p: [(r.nik, r.kk) for r in truth.rows] for p, truth in lists.items()}
    v3 = write_dtsen(folder, pop, enrolled=enrolled, seed=5)
    v2 = write_dtsen(folder / "v2", pop, version=2, year=2025, base=v3, seed=5)
    return folder, pop, lists, v3, v2
