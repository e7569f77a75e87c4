from danvan.geo.importer import import_2025, import_legacy

ORDER = 10
PROVINCE = "Vĩnh Phúc"


def load() -> int:
    legacy = import_legacy(PROVINCE)
    new = import_2025(PROVINCE)
    return (
        legacy.created
        + legacy.updated
        + legacy.successions
        + new.created
        + new.updated
        + new.successions
    )
