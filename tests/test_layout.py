"""The house rules of generator/: rooms by stage, the import rules between them (import-linter
contracts in pyproject.toml), modules a reader can hold, and a map that names every module."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "generator"
ROOMS = ("content", "site", "exports", "build", "tools")

MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60
#: A function may be longer when splitting it would make it worse; it then says why, in a
#: comment on its `def` line or the line above.
LONG_MARK = "# long:"


def modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def test_the_import_contracts_hold() -> None:
    lint_imports = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(lint_imports), "--config", str(REPO / "pyproject.toml")],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"Contracts: (\d+) kept, 0 broken\.", result.stdout)


def test_every_module_lives_in_a_room() -> None:
    loose = sorted(
        p.name for p in PACKAGE.glob("*.py") if p.name not in ("__init__.py", "cli.py", "errors.py")
    )
    assert loose == []
    assert sorted(p.name for p in PACKAGE.iterdir() if p.is_dir() and p.name != "__pycache__") == (
        sorted(ROOMS)
    )


def test_no_module_is_over_the_limit() -> None:
    long = {
        str(p.relative_to(REPO)): n
        for p in modules()
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert long == {}


def test_long_functions_say_why() -> None:
    unexplained = []
    for path in modules():
        lines = path.read_text(encoding="utf-8").splitlines()
        for node in ast.walk(ast.parse("\n".join(lines))):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            length = node.end_lineno - node.lineno + 1
            marked = any(LONG_MARK in lines[i] for i in (node.lineno - 1, node.lineno - 2))
            if length > MAX_FUNCTION_LINES and not marked:
                unexplained.append(f"{path.relative_to(REPO)}:{node.lineno} {node.name} {length}")
    assert unexplained == []


def room_docstring(room: str) -> str:
    tree = ast.parse((PACKAGE / room / "__init__.py").read_text(encoding="utf-8"))
    return ast.get_docstring(tree) or ""


@pytest.mark.parametrize("room", ROOMS)
def test_each_room_says_what_it_owns_and_may_import(room: str) -> None:
    text = room_docstring(room)
    missing = [
        p.stem
        for p in sorted((PACKAGE / room).glob("*.py"))
        if p.stem != "__init__" and f"``{p.stem}``" not in text
    ]
    assert missing == [], f"generator/{room}/__init__.py does not name {missing}"
    assert "May import" in text


def test_the_readme_names_every_module() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## How the pieces fit", 1)[1].split("\n## ", 1)[0]
    named = set(re.findall(r"`([\w/.]+?)(?:\.py|/)?`", section))
    missing = [
        str(p.relative_to(PACKAGE))
        for p in modules()
        if p.stem != "__init__" and p.stem not in named
    ]
    assert missing == []


def test_every_test_file_is_collected() -> None:
    # pytest skips folders matching norecursedirs; its default names "build", which once
    # kept the whole of tests/build/ out of `make test` unnoticed.
    found = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    collected = {line.split("::")[0] for line in found.splitlines() if "::" in line}
    files = {p.relative_to(REPO).as_posix() for p in (REPO / "tests").rglob("test_*.py")}
    files = {f for f in files if "/node_modules/" not in f}
    assert sorted(files - collected) == []
    assert any(f.startswith("tests/build/") for f in collected)
