"""Built-in adapters, one module per source; each is a plugin like any third-party one."""

MODULES: tuple[str, ...] = tuple(
    f"sibaso.adapters.builtin.{name}"
    for name in (
        "dukcapil",
        "opensid",
        "bdt",
        "dtks",
        "regsosek",
        "dtsen",
        "siksng",
        "pbijk",
        "dapodik",
        "kks",
        "rtlh",
        "ewarong",
        "generic",
    )
)
