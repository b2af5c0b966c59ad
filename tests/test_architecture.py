"""The structure of the package: the composition root wires the services; services and layers
import downwards only; the complaint service runs on narrow protocols, not the Registry."""

import ast
import importlib
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

import sibaso
from sibaso import app
from sibaso._moved import MOVED
from sibaso.complaints import AccessDenied, Actor, ComplaintService, TicketNotFound
from sibaso.complaints._ports import AuditSubjects, LookUp
from sibaso.registry import Registry
from sibaso.store import open_store

SRC = Path(__file__).resolve().parents[1] / "src" / "sibaso"
ROSTER = "id,name,role,kecamatan\ntksk-stabat,Budi,tksk,12.05.07\n"


def _module(path):
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _graph():
    """sibaso module -> sibaso modules it imports anywhere (not under TYPE_CHECKING)."""
    files = {_module(f): f for f in SRC.rglob("*.py")}
    graph = {}
    for mod, path in files.items():
        deps = set()

        def visit(node, mod=mod, path=path, deps=deps):
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
                return
            if isinstance(node, ast.Import):
                deps.update(a.name for a in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = mod.split(".") if path.name == "__init__.py" else mod.split(".")[:-1]
                if node.level:
                    base = base[: len(base) - (node.level - 1)]
                    target = ".".join(base + ([node.module] if node.module else []))
                else:
                    target = node.module or ""
                for a in node.names:
                    sub = f"{target}.{a.name}"
                    stub = SRC.parent / (sub.replace(".", "/") + ".pyi")  # a compiled module
                    deps.add(sub if sub in files or stub.exists() else target)
            for child in ast.iter_child_nodes(node):
                visit(child)

        visit(ast.parse(path.read_text(encoding="utf-8")))
        graph[mod] = {d for d in deps if d in files and d != mod}
    return graph


def _reaches(graph, start, goal):
    seen, todo = set(), [start]
    while todo:
        mod = todo.pop()
        if mod == goal:
            return True
        if mod not in seen:
            seen.add(mod)
            todo.extend(graph.get(mod, ()))
    return False


def test_no_module_imports_itself_back():
    graph = _graph()
    cycles = [
        (mod, dep) for mod, deps in graph.items() for dep in deps if _reaches(graph, dep, mod)
    ]
    assert cycles == []


@pytest.mark.parametrize(
    ("low", "high"),
    [
        ("sibaso.complaints", "sibaso.registry"),
        ("sibaso.registry", "sibaso.complaints"),
        ("sibaso.complaints", "sibaso"),
        ("sibaso.registry", "sibaso"),
        ("sibaso.http", "sibaso.app"),
        ("sibaso.store", "sibaso.registry"),
        ("sibaso.store", "sibaso.complaints"),
        ("sibaso.core", "sibaso.store"),
        ("sibaso.core", "sibaso.readers"),
        ("sibaso.core", "sibaso.adapters"),
        ("sibaso.readers", "sibaso.adapters"),
        ("sibaso.readers", "sibaso.store"),
        ("sibaso.adapters", "sibaso.store"),
        ("sibaso.adapters", "sibaso.registry"),
        ("sibaso.store", "sibaso.adapters"),
        ("sibaso.registry", "sibaso.report"),
        ("sibaso.registry", "sibaso.http"),
        ("sibaso.registry", "sibaso.cli"),
        ("sibaso.complaints", "sibaso.http"),
        ("sibaso.complaints", "sibaso.cli"),
    ],
)
def test_layers_import_downwards_only(low, high):
    graph = _graph()
    offenders = [
        m for m in graph if (m == low or m.startswith(low + ".")) and _reaches(graph, m, high)
    ]
    assert offenders == []


@pytest.mark.parametrize(
    ("front", "other"),
    [("sibaso.http", "sibaso.cli"), ("sibaso.report", "sibaso.cli"), ("sibaso.demo", "sibaso.cli")],
)
def test_a_front_end_never_imports_another(front, other):
    """What two front ends share lives in the layer below (``/v1/nik/check`` and ``sibaso nik
    check`` both call :func:`sibaso.core.nik.verdict`)."""
    graph = _graph()
    offenders = [
        (m, d)
        for m, deps in graph.items()
        if m == front or m.startswith(front + ".")
        for d in deps
        if d == other or d.startswith(other + ".")
    ]
    assert offenders == []


def test_sibaso_open_is_the_composition_root():
    assert sibaso.open is app.open_registry
    with sibaso.open(":memory:") as registry:
        service = registry.complaints
        assert service.lookups is registry and service.auditor is registry
        assert registry.complaints is service  # one service per registry


def test_the_registry_module_alone_gets_its_complaints_wired():
    """Importing only sibaso.registry still imports the package, hence the root."""
    code = (
        "from sibaso.registry import Registry; from sibaso.store import open_store; "
        "print(type(Registry(open_store(':memory:')).complaints).__name__)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "ComplaintService"


class FakeDirectory:
    """Not a Registry: just the two narrow protocols."""

    def __init__(self):
        self.looked_up = []

    def lookup(self, nik, *, view="public", actor=None):
        self.looked_up.append((nik, view, actor))
        return f"answer for {nik}"

    def audit_subject(self, nik):
        return f"subject-{nik[-4:]}"


def test_complaint_service_runs_on_narrow_protocols(tmp_path):
    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    store = open_store(":memory:")
    directory = FakeDirectory()
    assert isinstance(directory, LookUp) and isinstance(directory, AuditSubjects)
    service = ComplaintService(store, directory)
    service.load_roster(Actor.system(), roster)
    filed = service.file(
        Actor.public(),
        reporter_nik="1205074107820001",
        reporter_name="Siti Aminah",
        phone="0812 3456 7890",
        category="bantuan-tidak-diterima",
        programme="PKH",
        text="Bantuan tahap 2 belum masuk.",
    )
    assert filed.kecamatan == "12.05.07"  # from the NIK: no population data here
    tksk = service.actor("tksk-stabat")
    assert service.officer_lookup(tksk, "1205074107820001") == "answer for 1205074107820001"
    assert directory.looked_up == [("1205074107820001", "officer", "tksk-stabat")]
    with pytest.raises(AccessDenied):
        service.officer_lookup(tksk, "1205084303910002")
    with pytest.raises(TicketNotFound):
        service.status(Actor.public(), filed.ticket, "1205074107820002")
    subjects = [e[4] for e in store.audit.entries()]
    assert "subject-0001" in subjects and "subject-0002" in subjects
    assert not any(s and "1205074107820001" in s for s in subjects)


def test_complaint_service_needs_an_auditor():
    class OnlyLookup:
        def lookup(self, nik, *, view="public", actor=None):
            return None

    with pytest.raises(TypeError, match="audit_subject"):
        ComplaintService(open_store(":memory:"), OnlyLookup())
    service = ComplaintService(open_store(":memory:"), OnlyLookup(), FakeDirectory())
    assert isinstance(service.auditor, FakeDirectory)


def test_load_roster_old_path_is_a_deprecated_alias(tmp_path):
    from sibaso.complaints import load_roster

    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    database = str(tmp_path / "r.sqlite")
    with pytest.deprecated_call():
        report = load_roster(database, str(roster))
    assert report.added == 1
    with sibaso.open(database) as registry:
        with pytest.deprecated_call():
            assert load_roster(registry, str(roster)).updated == 1
        assert registry.complaints.actor("tksk-stabat").kecamatan == ("12.05.07",)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert app.load_roster(database, roster).updated == 1


def test_registry_pool_and_http_app_open_through_the_root(tmp_path, monkeypatch):
    opened = []
    real = app.open_registry

    def spy(target):
        opened.append(target)
        return real(target)

    monkeypatch.setattr(app, "open_registry", spy)
    database = str(tmp_path / "r.sqlite")
    pool = app.registry_pool(database, 2)
    try:
        with pool.registry() as registry:
            assert isinstance(registry, Registry)
    finally:
        pool.close()
    assert opened == [database]
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    with TestClient(app.create_app(database)) as client:
        assert client.get("/v1/health").json()["status"] == "ok"
    assert len(opened) > 1 and set(opened) == {database}  # the app's pool opened through it


@pytest.mark.parametrize(("old", "new"), sorted(MOVED.items()))
def test_old_module_paths_are_deprecated_aliases(old, new, monkeypatch):
    """A moved module still imports by its old path, for a release, with a warning."""
    parent, _, child = old.rpartition(".")
    monkeypatch.delitem(sys.modules, old, raising=False)
    monkeypatch.delattr(importlib.import_module(parent), child, raising=False)
    with pytest.deprecated_call(match=new):
        module = importlib.import_module(old)
    assert module is importlib.import_module(new)
    assert module.__spec__.name == new  # the module itself is not renamed
    assert not (SRC.parent / (old.replace(".", "/") + ".py")).exists()


def test_the_package_imports_no_old_path():
    """Inside sibaso every import names the new path: no deprecation warning of its own."""
    graph_sources = [p for p in SRC.rglob("*.py") if p.name != "_moved.py"]
    offenders = []
    for path in graph_sources:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            offenders += [f"{path.name}: {n}" for n in names if n in MOVED]
    assert offenders == []
    out = subprocess.run(
        [sys.executable, "-W", "error::DeprecationWarning", "-c", "import sibaso.cli, sibaso.app"],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stderr


#: module names used more than once, each for the same thing seen from another layer
SHARED_NAMES = {
    # a source: its layout (adapters/builtin/) and the writer of a test file of it
    **{
        source: {"adapters.builtin", "testing.exports"}
        for source in ("bdt", "dapodik", "dtks", "dukcapil", "kks", "opensid", "pbijk", "rtlh")
    },
    "siksng": {"adapters.builtin", "testing.exports"},
    "dtsen": {"adapters.builtin", "cli", "core", "registry", "store", "testing"},
    "nik": {"", "core", "cli"},  # sibaso.nik is the public name of core.nik; `sibaso nik`
    "kk": {"", "core"},
    "reach": {"core", "store"},  # the rule, and its SQL (held equal by a property test)
    "audit": {"registry", "store"},
    "complaints": {"", "cli", "store"},  # the service, its command, its repository
    "registry": {"", "cli"},
    "report": {"", "cli"},
    "read": {"adapters.pipeline", "cli"},
    "tokens": {"http", "store"},
    "sessions": {"http", "store"},
    "model": {"core", "readers"},  # the domain model; the workbook model of the readers
}


def test_one_name_per_thing():
    """A module name is used once in the package, or for the same thing in other layers."""
    places: dict[str, set[str]] = {}
    for path in SRC.rglob("*.py"):
        parts = path.relative_to(SRC).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        if parts:
            places.setdefault(parts[-1], set()).add(".".join(parts[:-1]))
    shared = {name: where for name, where in places.items() if len(where) > 1}
    unexpected = {
        name: sorted(where)
        for name, where in shared.items()
        if not where <= SHARED_NAMES.get(name, set())
    }
    assert unexpected == {}
    for old in ("values", "programmes", "names", "hookspecs"):
        assert len(places.get(old, ())) <= 1, old


def test_folders_show_the_architecture():
    adapters = SRC / "adapters"
    roles = {p.name for p in adapters.iterdir() if p.is_dir() and p.name != "__pycache__"}
    assert roles == {"layouts", "records", "pipeline", "builtin"}
    assert sorted(p.name for p in adapters.glob("*.py")) == ["__init__.py"]
    assert (SRC / "hookspecs.py").exists() and (SRC / "plugins.py").exists()
    graph = _graph()
    # what a layout is knows nothing of reading a file; cells -> record knows no pipeline
    for low, high in (
        ("sibaso.adapters.layouts", "sibaso.adapters.pipeline"),
        ("sibaso.adapters.layouts", "sibaso.adapters.records.convert"),
        ("sibaso.adapters.records", "sibaso.adapters.pipeline.read"),
    ):
        offenders = [m for m in graph if m.startswith(low) and _reaches(graph, m, high)]
        assert offenders == [], (low, high)
