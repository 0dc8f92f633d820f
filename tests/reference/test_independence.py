"""The reference package sits below every app: it imports none of them, so any app can import it without a cycle."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "reference"


def our_packages():
    """Every top-level package of this project (apps, the website project, tests...), except reference itself."""
    return {path.parent.name for path in ROOT.glob("*/__init__.py")} - {"reference"}


def imported_names(path):
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0:
                yield node.module
            elif node.level > 1:  # "from .. import x" leaves the package
                yield "." * node.level + (node.module or "")


def test_the_reference_package_imports_no_other_app_of_ours():
    ours = our_packages()
    assert {"reports", "triage", "importers", "partners", "website"} <= ours
    modules = sorted(PACKAGE.rglob("*.py"))
    assert len(modules) >= 6
    found = [
        f"{path.relative_to(ROOT)} imports {name}"
        for path in modules
        for name in imported_names(path)
        if name.startswith(".") or name.split(".")[0] in ours
    ]
    assert found == []
