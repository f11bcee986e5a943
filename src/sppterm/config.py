"""Project paths and options: ``[tool.sppterm]`` in the nearest ``pyproject.toml``."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

from sppterm.errors import InputError


@dataclass(frozen=True)
class Config:
    root: Path
    glossary: Path
    source: Path
    target: Path
    seeds: Path
    check: dict  # [tool.sppterm.check]: rules, ignore, severity, paths, fail-level, baseline

    @property
    def po_dir(self) -> Path:
        return self.target / "po"


def find_root(start: Path | None = None) -> Path:
    """The nearest directory upwards holding a pyproject.toml with [tool.sppterm]."""
    here = (start or Path.cwd()).resolve()
    for d in (here, *here.parents):
        pp = d / "pyproject.toml"
        if pp.is_file():
            try:
                data = tomllib.loads(pp.read_text("utf-8"))
            except tomllib.TOMLDecodeError as e:
                raise InputError.at(str(pp), getattr(e, "lineno", None), f"invalid TOML: {e}") from None
            if "sppterm" in data.get("tool", {}):
                return d
    return here


def load_config(root: Path | None = None) -> Config:
    base = root or find_root()
    opts: dict = {}
    pp = base / "pyproject.toml"
    if pp.is_file():
        try:
            opts = tomllib.loads(pp.read_text("utf-8")).get("tool", {}).get("sppterm", {})
        except tomllib.TOMLDecodeError as e:
            raise InputError.at(str(pp), getattr(e, "lineno", None), f"invalid TOML: {e}") from None

    def path(key: str, default: str) -> Path:
        value = opts.get(key, default)
        if not isinstance(value, str):
            raise InputError.at(str(pp), None, f"[tool.sppterm] {key} must be a path string")
        # abspath, not resolve: keep symlinked paths (a shared/ linked beside a clone) as given.
        return Path(os.path.abspath(base / value))

    return Config(
        root=base,
        glossary=path("glossary", "glossary"),
        source=path("source", "source_zh"),
        target=path("target", "target_en"),
        seeds=path("seeds", "../shared/seeds"),
        check=_check_options(opts.get("check", {}), str(pp)),
    )


_CHECK_KEYS = {"rules", "ignore", "severity", "paths", "fail-level", "baseline"}


def _check_options(raw: object, where: str) -> dict:
    if not isinstance(raw, dict):
        raise InputError.at(where, None, "[tool.sppterm.check] must be a table")
    unknown = set(raw) - _CHECK_KEYS
    if unknown:
        raise InputError.at(where, None, f"[tool.sppterm.check]: unknown option {sorted(unknown)[0]!r}")
    from sppterm.checks.registry import BY_ID

    for key in ("rules", "ignore"):
        for rid in raw.get(key, []):
            if rid not in BY_ID:
                raise InputError.at(where, None, f"[tool.sppterm.check] {key}: unknown rule {rid!r}")
    for rid, sev in raw.get("severity", {}).items():
        if rid not in BY_ID or sev not in ("error", "warning", "info"):
            raise InputError.at(where, None, f"[tool.sppterm.check] severity: bad entry {rid} = {sev!r}")
    if raw.get("fail-level", "error") not in ("error", "warning", "info"):
        raise InputError.at(where, None, "[tool.sppterm.check] fail-level must be error, warning or info")
    return raw
