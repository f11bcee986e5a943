"""Project paths and options: ``[tool.sppterm]`` in the nearest ``pyproject.toml``."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
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
    po_header: dict[str, str] = field(default_factory=dict)  # [tool.sppterm.po], by header field
    # [tool.sppterm] styles: style rule files or directories (relative to root), or a shipped
    # pack as "sppterm:NAME"; default: the styles/ directory when there is one.
    styles: tuple[str, ...] = ()

    @property
    def po_dir(self) -> Path:
        return self.target / "po"

    @property
    def pyproject(self) -> Path:
        """The file the options come from, as errors about them name it."""
        return self.root / "pyproject.toml"

    def relative(self, text: str | os.PathLike[str]) -> str:
        """A path, or a message starting with one, as the CLI prints it: without the project
        root in front, so output names files the way the repository does on every machine."""
        s = os.fspath(text)
        prefix = str(self.root) + "/"
        return s[len(prefix) :] if s.startswith(prefix) else s


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
        po_header=_po_options(opts.get("po", {}), str(pp)),
        styles=_styles(opts, base, str(pp)),
    )


def _styles(opts: dict, base: Path, where: str) -> tuple[str, ...]:
    raw = opts.get("styles", ["styles"] if (base / "styles").is_dir() else [])
    if not isinstance(raw, list) or not all(isinstance(v, str) and v for v in raw):
        raise InputError.at(where, None, "[tool.sppterm] styles must be a list of paths (or sppterm:PACK)")
    return tuple(raw)


# [tool.sppterm.po] key → the PO header field it sets in every file (people, not dates: the
# dates come from git). Unset, the field keeps the file's value or defaults (units.po.header).
PO_KEYS = {
    "last-translator": "Last-Translator",
    "team": "Language-Team",
    "report-msgid-bugs-to": "Report-Msgid-Bugs-To",
}


def _po_options(raw: object, where: str) -> dict[str, str]:
    """``[tool.sppterm.po]``: known keys with one-line string values, by header field."""
    if not isinstance(raw, dict):
        raise InputError.at(where, None, "[tool.sppterm.po] must be a table")
    unknown = set(raw) - set(PO_KEYS)
    if unknown:
        raise InputError.at(where, None, f"[tool.sppterm.po]: unknown option {sorted(unknown)[0]!r}")
    for key, value in raw.items():
        if not isinstance(value, str) or not value.strip() or "\n" in value:
            raise InputError.at(where, None, f"[tool.sppterm.po] {key} must be a one-line string")
    return {PO_KEYS[k]: v.strip() for k, v in raw.items()}


_CHECK_KEYS = {"rules", "ignore", "severity", "paths", "fail-level", "baseline"}


def _check_options(raw: object, where: str) -> dict:
    """The shape of ``[tool.sppterm.check]``: a table of known keys, a valid fail level.

    Rule ids (rules, ignore, severity) are checked by :func:`sppterm.checks.registry.
    validate_options` where the options are used: config is a low layer and knows no rules."""
    if not isinstance(raw, dict):
        raise InputError.at(where, None, "[tool.sppterm.check] must be a table")
    unknown = set(raw) - _CHECK_KEYS
    if unknown:
        raise InputError.at(where, None, f"[tool.sppterm.check]: unknown option {sorted(unknown)[0]!r}")
    for key in ("rules", "ignore", "paths"):
        if not isinstance(raw.get(key, []), list) or not all(isinstance(v, str) for v in raw.get(key, [])):
            raise InputError.at(where, None, f"[tool.sppterm.check] {key} must be a list of strings")
    if not isinstance(raw.get("baseline", ""), str):
        raise InputError.at(where, None, "[tool.sppterm.check] baseline must be a path string")
    if not isinstance(raw.get("severity", {}), dict):
        raise InputError.at(where, None, "[tool.sppterm.check] severity must be a table (rule = level)")
    if raw.get("fail-level", "error") not in ("error", "warning", "info"):
        raise InputError.at(where, None, "[tool.sppterm.check] fail-level must be error, warning or info")
    return raw
