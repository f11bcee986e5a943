"""The layer order of ``src/sppterm`` (see the table in ``sppterm/__init__.py``): no import
points to a higher layer, and no two packages import each other, directly or round a loop.

Read from the source with :mod:`ast`, nothing imported: every import counts, at the top of a
module or inside a function (a function-local import is still a dependency, only a later one).
``python -m pytest tests/test_layers.py`` prints the table when an import breaks it.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "sppterm"


def layer_table() -> list[tuple[int, str, list[str]]]:
    """(layer, name, top-level modules or packages) from the docstring of sppterm/__init__.py."""
    doc = ast.get_docstring(ast.parse((SRC / "__init__.py").read_text("utf-8"))) or ""
    rows = [
        (int(m.group(1)), m.group(2), m.group(3).split())
        for m in re.finditer(r"^(\d+)\s+(\w+)\s+(\S.*?)\s*$", doc, re.M)
    ]
    assert rows, "sppterm/__init__.py has no layer table"
    return rows


def describe(table: list[tuple[int, str, list[str]]]) -> str:
    return "layers, lowest first:\n" + "\n".join(
        f"  {n}  {name:<8} {' '.join(mods)}" for n, name, mods in table
    )


def unit_of(module: str) -> str:
    """The top-level unit a module belongs to: ``sppterm.glossary.load`` → ``sppterm.glossary``."""
    parts = module.split(".")
    return ".".join(parts[:2]) if len(parts) > 1 else module


def module_name(path: Path) -> str:
    rel = path.relative_to(SRC.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports(path: Path) -> list[tuple[str, int]]:
    """(imported sppterm module, line) for every import in ``path``, wherever it stands."""
    return imports_in(path.read_text("utf-8"), module_name(path), path.name == "__init__.py")


def imports_in(source: str, name: str, is_package: bool = False) -> list[tuple[str, int]]:
    """(imported sppterm module, line) of every import in ``source``, the text of module ``name``."""
    package = name if is_package else name.rpartition(".")[0]
    out = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            out += [(a.name, node.lineno) for a in node.names if a.name.split(".")[0] == "sppterm"]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*up, base] if base else up)
            if base.split(".")[0] != "sppterm":
                continue
            for a in node.names:  # from sppterm import zh: the module sppterm.zh
                sub = SRC.parent.joinpath(*base.split("."), a.name)
                is_module = sub.with_suffix(".py").is_file() or sub.is_dir()
                out.append((f"{base}.{a.name}" if is_module else base, node.lineno))
    return out


def upward(name: str, found: list[tuple[str, int]], layers: dict[str, int]) -> list[str]:
    """The imports of module ``name`` that point to a higher layer."""
    src = unit_of(name)
    out = []
    for target, line in found:
        dst = unit_of(target)
        if layers.get(dst, 0) > layers.get(src, 99):
            out.append(f"{name}:{line}: {src} (layer {layers[src]}) imports {target} (layer {layers[dst]})")
    return out


def modules() -> list[Path]:
    return sorted(SRC.rglob("*.py"))


def layer_of(table: list[tuple[int, str, list[str]]]) -> dict[str, int]:
    out = {}
    for n, _name, mods in table:
        for m in mods:
            out["sppterm" if m == "__init__" else f"sppterm.{m}"] = n
    return out


def test_every_module_has_a_layer() -> None:
    table = layer_table()
    layers = layer_of(table)
    units = {unit_of(module_name(p)) for p in modules()}
    assert not units - set(layers), (
        f"not in the layer table: {sorted(units - set(layers))}\n{describe(table)}"
    )
    assert not set(layers) - units, f"in the table but not in src: {sorted(set(layers) - units)}"


def test_no_import_points_upwards() -> None:
    table = layer_table()
    layers = layer_of(table)
    bad = [line for p in modules() for line in upward(module_name(p), imports(p), layers)]
    assert not bad, "imports pointing to a higher layer:\n" + "\n".join(bad) + "\n" + describe(table)


def test_no_package_cycle() -> None:
    """Within one layer an import may go either way, but never both ways round a loop."""
    graph: dict[str, set[str]] = {}
    for path in modules():
        src = unit_of(module_name(path))
        for target, _ in imports(path):
            dst = unit_of(target)
            if dst != src:
                graph.setdefault(src, set()).add(dst)
    cycles = []
    state: dict[str, int] = {}  # 1 on the stack, 2 done
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                cycles.append(" → ".join([*stack[stack.index(nxt) :], nxt]))
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)
    assert not cycles, "package cycles:\n" + "\n".join(cycles) + "\n" + describe(layer_table())


def test_the_checker_sees_function_local_and_relative_imports() -> None:
    """The walker is not vacuous: an upward import inside a function, or relative, is found."""
    layers = layer_of(layer_table())
    source = "def f():\n    from sppterm import cli\n    from ..checks import runner\n"
    found = imports_in(source, "sppterm.units.probe")
    assert found == [("sppterm.cli", 2), ("sppterm.checks.runner", 3)]
    assert [line.split(": ", 1)[0] for line in upward("sppterm.units.probe", found, layers)] == [
        "sppterm.units.probe:2",
        "sppterm.units.probe:3",
    ]
    assert upward("sppterm.cli", imports_in("from sppterm.units import po\n", "sppterm.cli"), layers) == []


if __name__ == "__main__":  # python tests/test_layers.py: the table alone
    print(describe(layer_table()))
