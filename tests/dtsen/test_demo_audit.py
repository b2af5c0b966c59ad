"""``sibaso demo`` holds a synthetic DTSEN, and its audit finds exactly the planted errors."""

import sibaso
from sibaso.demo import run_demo
from sibaso.store.dtsen import DtsenRepository


def test_the_demo_audit_finds_exactly_the_planted_errors(tmp_path):
    lines = []
    result = run_demo(tmp_path / "demo", persons=800, seed=7, say=lines.append)
    truth = result.dtsen
    assert truth is not None and truth.planted
    with sibaso.open(str(result.database)) as registry:
        assert [e[0] for e in DtsenRepository(registry.store).editions()] == [
            "v2-2025",
            "v3-2026",
        ]
        audit = registry.audit()
    found = {(f.programme, f.finding, f.kk or "", f.nik) for f in audit.findings}
    assert found == set(truth.planted)
    assert result.audit == audit.summary
    assert any(r.name == "audit-sasaran.xlsx" for r in result.reports)
    assert any(line.startswith("Audit sasaran terhadap DTSEN v3-2026") for line in lines)
    dtsen_reads = [r for r in result.ingested if (r["adapter"] or "").startswith("dtsen-")]
    assert len(dtsen_reads) == 4
    family_v3 = next(
        r
        for r in dtsen_reads
        if "v3" in r["file"] and "keluarga_dtsen" in r["file"] and "anggota" not in r["file"]
    )
    codes = {i["code"] for i in family_v3["issues"]}
    assert {"line-broken", "line-broken-joined", "encoding-not-utf8", "region-unmapped"} <= codes
