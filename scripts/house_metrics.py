"""Print the numbers of issue 14 ("a house easy to live in") for the code as it is now.

    python scripts/house_metrics.py [--list]

Prints, for `analysis/`, `ui/`, `views/`, `labels/` and `app.py`:
- every module over 400 lines (line count as `wc -l` gives it);
- function-local imports of the project's own modules (`analysis`, `ui`, `views`, or relative imports) —
  an `import` statement anywhere inside a `def` body; `--list` names each one;
- private names crossing a module boundary: `from M import _x`, or `M._x` where `M` was imported from a
  project module, counted once per (using module, defining module, name); dunder names are not private.
  Tests and scripts are counted apart (tests may reach into a module they test). A named tuple's own API
  (`_fields`, `_asdict`, `_replace`, `_make`) is public, not private.
Reads the files as text with `ast`; imports nothing from the project. Exit status 0.
"""
from __future__ import annotations

import argparse
import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROJECT = ("analysis", "ui", "views", "labels")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _resolve(node: ast.ImportFrom, here: str, is_package: bool) -> str:
    """The absolute module an ImportFrom names (relative imports resolved against `here`)."""
    if not node.level:
        return node.module or ""
    base = here.split(".")
    if not is_package:
        base = base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def _is_project(module: str) -> bool:
    return module.split(".")[0] in PROJECT


#: named tuples' own API: underscored only so as not to clash with field names ("To prevent conflicts with field
#: names, the method and attribute names start with an underscore" — the ``collections.namedtuple`` docs)
NAMEDTUPLE_API = frozenset({"_fields", "_field_defaults", "_asdict", "_replace", "_make"})


def _private(name: str) -> bool:
    return (name.startswith("_") and not (name.startswith("__") and name.endswith("__"))
            and name not in NAMEDTUPLE_API)


def scan(path: Path):
    """(local imports, private uses) of one file: lists of (line, text) and (line, defining module, name)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    here = _module_name(path)
    is_package = path.name == "__init__.py"
    local, private = [], set()
    aliases: dict[str, str] = {}  # local name -> project module it is bound to

    def visit(node, in_function):
        for child in ast.iter_child_nodes(node):
            inside = in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            if isinstance(child, ast.Import):
                for a in child.names:
                    if _is_project(a.name):
                        aliases[a.asname or a.name.split(".")[0]] = a.name if a.asname else a.name.split(".")[0]
                        if in_function:
                            local.append((child.lineno, f"import {a.name}"))
            elif isinstance(child, ast.ImportFrom):
                mod = _resolve(child, here, is_package)
                if _is_project(mod):
                    if in_function:
                        local.append((child.lineno, f"from {mod} import " + ", ".join(a.name for a in child.names)))
                    for a in child.names:
                        if _private(a.name) and mod != here:
                            private.add((child.lineno, mod, a.name))
                        # `from analysis import loaders` binds a module
                        aliases[a.asname or a.name] = f"{mod}.{a.name}"
            elif isinstance(child, ast.Attribute) and isinstance(child.value, ast.Name):
                target = aliases.get(child.value.id)
                if target and _private(child.attr) and target != here:
                    private.add((child.lineno, target, child.attr))
            visit(child, inside)

    visit(tree, False)
    # `obj._x` on something other than self/cls, where `_x` is not defined in this file: a private attribute
    # of an object made elsewhere (corpus._present, matcher._region_hits)
    defined = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            defined.add(node.name)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            defined.add(node.id)
        elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
            defined.add(node.attr)
        elif isinstance(node, ast.arg):
            defined.add(node.arg)
        elif isinstance(node, ast.keyword) and node.arg:
            defined.add(node.arg)
    for node in ast.walk(tree):
        if (isinstance(node, ast.Attribute) and _private(node.attr) and node.attr not in defined
                and not (isinstance(node.value, ast.Name) and (node.value.id in ("self", "cls")
                                                               or node.value.id in aliases))):
            private.add((node.lineno, "<object>", node.attr))
    return local, sorted(private)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--list", action="store_true", help="name every local import and private crossing")
    args = ap.parse_args()
    code = sorted(p for d in PROJECT for p in (ROOT / d).rglob("*.py")) + [ROOT / "app.py"]
    print("modules over 400 lines:")
    big = [(len(p.read_text(encoding="utf-8").splitlines()), p) for p in code]
    for n, p in sorted(big, reverse=True):
        if n > 400:
            print(f"  {n:5d}  {p.relative_to(ROOT)}")
    print(f"  total: {sum(1 for n, _ in big if n > 400)}")

    for label, files in (("code (analysis, ui, views, labels, app.py)", code),
                         ("scripts", sorted((ROOT / "scripts").glob("*.py"))),
                         ("tests", sorted((ROOT / "tests").rglob("*.py")))):
        n_local, crossings = 0, set()
        local_rows, private_rows = [], []
        for p in files:
            local, private = scan(p)
            n_local += len(local)
            rel = p.relative_to(ROOT)
            local_rows += [f"{rel}:{line}: {text}" for line, text in local]
            for line, mod, name in private:
                if (str(rel), mod, name) not in crossings:
                    crossings.add((str(rel), mod, name))
                    private_rows.append(f"{rel}:{line}: {mod}.{name}")
        of_objects = sum(1 for _, mod, _ in crossings if mod == "<object>")
        print(f"{label}: function-local imports of project modules {n_local}; "
              f"private names crossing a module boundary {len(crossings)} "
              f"({of_objects} of them private attributes of objects, e.g. a third-party library's)")
        if args.list:
            for row in local_rows:
                print("  local  ", row)
            for row in private_rows:
                print("  private", row)


if __name__ == "__main__":
    main()
