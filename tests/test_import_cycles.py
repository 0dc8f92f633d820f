"""No module of ours imports a module that imports it back, directly or through others (top-level imports and
imports inside functions alike: both are a dependency)."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def our_modules():
    """{dotted name: path} for every module of every top-level package of ours (apps and plain packages such as
    reference/), migrations left out."""
    modules = {}
    for init in ROOT.glob("*/__init__.py"):
        if init.parent.name == "tests":
            continue
        for path in init.parent.rglob("*.py"):
            parts = path.relative_to(ROOT).with_suffix("").parts
            if "migrations" in parts:
                continue
            name = ".".join(parts).removesuffix(".__init__")
            modules[name] = path
    return modules


def imported_names(node, module, is_package):
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    base = node.module or ""
    if node.level:
        package = module.split(".")[: len(module.split(".")) - node.level + (1 if is_package else 0)]
        base = ".".join(package + ([node.module] if node.module else []))
    return [base] + [f"{base}.{alias.name}" for alias in node.names]


def import_graph(modules):
    graph = {}
    for module, path in modules.items():
        edges = set()
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                for name in imported_names(node, module, path.name == "__init__.py"):
                    while name not in modules and "." in name:
                        name = name.rsplit(".", 1)[0]
                    if name in modules and name != module:
                        edges.add(name)
        graph[module] = edges
    return graph


def cycles(graph):
    """The groups of modules that reach each other (strongly connected components of more than one)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(module):
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for other in graph[module]:
            if other not in index:
                visit(other)
                low[module] = min(low[module], low[other])
            elif other in on_stack:
                low[module] = min(low[module], index[other])
        if low[module] == index[module]:
            group = set()
            while True:
                other = stack.pop()
                on_stack.discard(other)
                group.add(other)
                if other == module:
                    break
            if len(group) > 1:
                found.append(group)

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return found


def test_the_finder_sees_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [{"a", "b", "c"}]


def test_no_module_imports_one_that_imports_it_back():
    found = cycles(import_graph(our_modules()))
    assert found == [], "import cycles: " + "; ".join(" <-> ".join(sorted(group)) for group in found)
