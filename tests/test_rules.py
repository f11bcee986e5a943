"""A rule is one object in one place: its id, title, severity, What / Why / Example docs and
behaviour flags live on its class, and nothing else in the pipeline branches on rule ids."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from sppterm.checks import base, numbers, terms, text
from sppterm.checks.base import LEVELS, CheckUnit, Finding, Rule
from sppterm.checks.impact import glossary_rules, reported
from sppterm.checks.registry import BY_ID, RULES, validate_options
from sppterm.checks.runner import Options, run
from sppterm.cli import main
from sppterm.errors import InputError
from sppterm.glossary import load_glossary
from sppterm.glossary.impact import Change
from sppterm.glossary.model import Concept

from .conftest import ROOT

SRC = ROOT / "src" / "sppterm"
FLAGS = ("source_only", "series", "precondition", "once_per_source", "uses_glossary", "impact_by_concept")


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_every_rule_documents_itself(rule: Rule) -> None:
    assert re.fullmatch(r"[a-z]+(-[a-z]+)*", rule.id), rule.id
    assert rule.title and "\n" not in rule.title and not rule.title.endswith(".")
    assert rule.severity in LEVELS and rule.impact_level in LEVELS
    sections = dict(rule.sections())
    # the severity's rationale too (issue 11: what is wrong fails CI, what is taste does not)
    assert list(sections) == ["What it does", "Why it matters", f"Severity: {rule.severity}", "Example"]
    for heading, body in sections.items():
        assert len(body.split()) >= 8, f"{rule.id}: {heading} is too thin"
        assert body == body.strip() and not body.startswith(" ")  # dedented
    assert all(isinstance(getattr(rule, f), bool) for f in FLAGS)
    assert not (rule.series and rule.precondition)  # a precondition gates single units


def test_ids_are_unique_and_registry_is_complete() -> None:
    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids)) and list(BY_ID) == ids
    assert len({type(r) for r in RULES}) == len(RULES)
    # Every rule class written in a checks module is registered (the list is explicit, so a
    # forgotten entry is the one way to lose a rule: this catches it).
    defined = {
        obj
        for module in (numbers, terms, text)
        for obj in vars(module).values()
        if isinstance(obj, type) and issubclass(obj, Rule) and obj is not Rule
    }
    from sppterm.checks import registry

    assert defined <= {type(r) for r in registry.RULES}


def test_rule_base_declares_both_entry_points() -> None:
    unit = CheckUnit("x.po", 1, "会议", "Meeting")
    plain = type("Plain", (Rule,), {"id": "plain"})()
    assert list(plain.check(unit, None)) == [] and list(plain.check_series([unit], None)) == []
    assert plain.unmet(unit) is False
    series = [r for r in RULES if r.series]
    assert series and all(type(r).check_series is not Rule.check_series for r in series)
    assert all(type(r).check is not Rule.check for r in RULES if not r.series)


_PIPELINE = [
    SRC / "checks" / "runner.py",
    SRC / "checks" / "project.py",
    SRC / "checks" / "impact.py",
    SRC / "cli.py",
    *sorted((SRC / "report").glob("*.py")),
]


@pytest.mark.parametrize("path", _PIPELINE, ids=lambda p: p.relative_to(SRC).as_posix())
def test_pipeline_never_names_a_rule(path: Path) -> None:
    """The runner, the reports and the CLI read flags and metadata: no rule id as a literal."""
    ids = set(BY_ID)
    found = [
        f"{path.name}:{node.lineno}: {node.value!r}"
        for node in ast.walk(ast.parse(path.read_text("utf-8")))
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in ids
    ]
    assert found == []


def test_precondition_gates_even_when_not_reported() -> None:
    """publish/build runs every rule but untranslated: empty units still get no term findings."""
    g = load_glossary(ROOT / "glossary")
    unit = CheckUnit("x.po", 1, "<b>可持续公共采购</b>是有力杠杆。", "")
    gates = [r.id for r in RULES if r.precondition]
    others = [r.id for r in RULES if not r.precondition]
    assert run([unit], g, Options(rules=others)) == []
    assert {f.rule for f in run([unit], g, Options(rules=gates))} == set(gates)


def test_validate_options_names_pyproject() -> None:
    validate_options({"rules": list(BY_ID), "severity": {"number": "warning"}}, "p/pyproject.toml")
    for bad, message in [
        ({"rules": ["nonsense"]}, "rules: unknown rule 'nonsense'"),
        ({"ignore": ["nope"]}, "ignore: unknown rule 'nope'"),
        ({"severity": {"number": "fatal"}}, "severity: bad entry number = 'fatal'"),
        ({"severity": {"nope": "error"}}, "severity: bad entry nope = 'error'"),
    ]:
        with pytest.raises(InputError, match=re.escape(f"p/pyproject.toml: [tool.sppterm.check] {message}")):
            validate_options(bad, "p/pyproject.toml")


def test_config_imports_nothing_of_the_checks() -> None:
    tree = ast.parse((SRC / "config.py").read_text("utf-8"))
    names = [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
    names += [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
    assert not [n for n in names if n.startswith("sppterm.checks")]


@pytest.mark.parametrize(
    "table, message",
    [
        ('rules = "number"', "rules must be a list of strings"),
        ('severity = "error"', "severity must be a table"),
        ("baseline = 3", "baseline must be a path string"),
        ('ignore = ["nope"]', "ignore: unknown rule 'nope'"),
    ],
)
def test_bad_check_options_exit_2(tmp_path: Path, table: str, message: str) -> None:
    (tmp_path / "pyproject.toml").write_text(f"[tool.sppterm]\n[tool.sppterm.check]\n{table}\n", "utf-8")
    r = CliRunner().invoke(main, ["--root", str(tmp_path), "check"])
    assert r.exit_code == 2 and message in r.output and "pyproject.toml" in r.output


def _f(rule: str, severity: str, term: str = "") -> Finding:
    return Finding(rule, severity, "x.po", 1, "m", "key", term)


def test_glossary_impact_keeps_what_the_flags_say() -> None:
    change = Change(added=[Concept(id="gpp", type="concept", terms=[])])
    assert {r.id for r in glossary_rules()} >= {"term-missing", "term-forbidden", "number"}
    assert all(r.uses_glossary for r in glossary_rules())
    by_concept = next(r for r in RULES if r.impact_by_concept)
    assert reported(_f(by_concept.id, base.ERROR, "gpp"), change)
    assert not reported(_f(by_concept.id, base.ERROR, "other"), change)
    lenient = next(r for r in RULES if r.impact_level == base.WARNING)
    assert reported(_f(lenient.id, base.WARNING, "x:y"), change)
    strict = next(r for r in glossary_rules() if r.impact_level == base.ERROR and not r.impact_by_concept)
    assert reported(_f(strict.id, base.ERROR), change) and not reported(_f(strict.id, base.WARNING), change)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rules_command_shows_what_why_example(rule: Rule) -> None:
    r = CliRunner().invoke(main, ["rules", rule.id])
    assert r.exit_code == 0
    out = r.output
    assert out.startswith(f"{rule.id} ({rule.severity})\n{rule.title}\n")
    assert (
        out.index("What it does")
        < out.index("Why it matters")
        < out.index("Severity: ")
        < out.index("Example")
    )
    assert dict(rule.sections())["Example"].splitlines()[0] in out
    assert rule.severity_why.split()[0] in out.split("Severity: ", 1)[1]


_INFO_FIELDS = (
    "id",
    "severity",
    "title",
    "source_only",
    "series",
    "precondition",
    "reads_english",
    "once_per_source",
    "uses_glossary",
    "impact_level",
    "impact_by_concept",
    "never_error",
    "run_dependent",
)


def test_the_registry_metadata_is_the_rule_classes() -> None:
    """registry.INFOS repeats each rule's metadata so that the runner can plan without importing
    the rule: every value must be the class's own (a rule edited in one place fails here)."""
    from sppterm.checks.registry import INFOS, META

    assert [i.id for i in INFOS] == [r.id for r in RULES] and list(META) == list(BY_ID)
    for info, rule in zip(INFOS, RULES, strict=True):
        assert info.load() is rule and (type(rule).__module__, type(rule).__name__) == (info.module, info.cls)
        for name in _INFO_FIELDS:
            assert getattr(info, name) == getattr(rule, name, False), f"{info.id}: {name}"


def test_the_registry_imports_no_rule_module() -> None:
    """Reading the rules' metadata (what a check answered by the results cache needs) imports
    none of their modules; RULES imports them all."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from sppterm.checks import registry, runner\n"
        "mods = {i.module for i in registry.INFOS}\n"
        "print(sorted(m for m in mods if m in sys.modules))\n"
        "assert [i.id for i in registry.INFOS if i.precondition] == ['untranslated']\n"
        "print(sorted(m for m in mods if m in sys.modules))\n"
        "len(registry.RULES)\n"
        "print(sorted(mods - set(sys.modules)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.splitlines() == ["[]", "[]", "[]"]
