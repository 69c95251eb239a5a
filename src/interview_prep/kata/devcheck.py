"""Kata content checks for `interview-prep dev check` (registered in `dev.checks.CHECKS`).

- `check_katas`: every kata.yaml is valid; ids and numbers are unique; statement, starter,
  reference solution and grader exist; the statement names every graded function;
  starter and solution define them and import only what the app's install provides; no
  stray files; every grader belongs to a kata.
- `check_kata_recipe`: in a source checkout, every kata has its wrong variants and its
  row in README.md's kata table (the rest of CONTRIBUTING.md's recipe is checked above and
  by the plan check);
- `check_kata_grading`: every starter fails its grader (cleanly: a failure, not an
  error) and every reference solution passes it; model-backed katas are graded only by
  `check_kata_grading_models`, which needs the model cache.
"""

from __future__ import annotations

import ast
import functools
from collections import Counter
from pathlib import Path

from interview_prep.dev.violation import Violation
from interview_prep.kata.catalog import (
    GRADERS_DIR,
    KATA_FILE,
    STATEMENT_FILE,
    CatalogError,
    Kata,
    kata_files,
    load_catalog,
    load_kata,
)


def _rel(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)


def _load(root: Path) -> tuple[list[Kata], list[Violation]]:
    katas, violations = [], []
    for path in kata_files(root / "katas"):
        try:
            katas.append(load_kata(path))
        except CatalogError as exc:
            for problem in exc.problems:
                where, _, message = problem.partition(": ")
                violations.append(Violation(where, message))
    return katas, violations


def _parse(path: Path) -> ast.Module | str:
    """A Python file's syntax tree, or the syntax error as text."""
    try:
        return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    except SyntaxError as exc:
        return f"syntax error at line {exc.lineno}: {exc.msg}"


@functools.cache
def _installed_modules() -> frozenset[str] | None:
    """Top-level modules that the app's install provides: the standard library, interview_prep and the
    app's own dependencies (not its extras: `pip install interview-prep` alone has no test tools).
    None when the app is not installed as a distribution (nothing to compare with)."""
    import sys
    from importlib import metadata

    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    try:
        requires = [Requirement(line) for line in metadata.requires("interview-prep") or []]
    except metadata.PackageNotFoundError:
        return None
    wanted = {canonicalize_name(r.name) for r in requires if r.marker is None or r.marker.evaluate({"extra": ""})}
    provided = {module for module, dists in metadata.packages_distributions().items()
                if any(canonicalize_name(dist) in wanted for dist in dists)}
    return frozenset(provided | set(sys.stdlib_module_names) | {"interview_prep"})


def _imported(tree: ast.Module) -> set[str]:
    """Top-level names of the modules a file imports (absolute imports)."""
    names = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    names |= {node.module for node in ast.walk(tree)
              if isinstance(node, ast.ImportFrom) and node.module and not node.level}
    return {name.split(".")[0] for name in names}


def _check_code(kata: Kata, path: Path, root: Path, what: str) -> list[Violation]:
    where = _rel(path, root)
    if not path.is_file():
        return [Violation(where, f"{what} file is missing")]
    tree = _parse(path)
    if isinstance(tree, str):
        return [Violation(where, f"{what}: {tree}")]
    defined = {node.name for node in tree.body if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)}
    violations = [Violation(where, f"{what} does not define {name}()")
                  for name in kata.functions if name not in defined]
    installed = _installed_modules()
    if installed is not None:
        violations += [Violation(where, f"{what} imports {name}, which the app's install does not provide (add its "
                                        "package to the dependencies in pyproject.toml, not to an extra)")
                       for name in sorted(_imported(tree) - installed)]
    return violations


def _check_one(kata: Kata, root: Path) -> list[Violation]:
    where = _rel(kata.dir, root)
    violations = []
    statement = kata.statement_path
    if not statement.is_file() or not statement.read_text(encoding="utf-8").strip():
        violations.append(Violation(where, f"{STATEMENT_FILE} (the statement) is missing or empty"))
    else:
        text = statement.read_text(encoding="utf-8")
        violations += [
            Violation(_rel(statement, root), f"the statement never names the graded function {name}()")
            for name in kata.functions
            if name not in text
        ]
    for name in kata.files:
        violations += _check_code(kata, kata.starter(name), root, "starter")
        violations += _check_code(kata, kata.solution_dir / name, root, "reference solution")
    expected = {KATA_FILE, STATEMENT_FILE, *kata.files}
    violations += [
        Violation(_rel(p, root), "stray file (not kata.yaml, README.md or a file listed in `files`)")
        for p in sorted(kata.dir.iterdir())
        if p.name not in expected and p.name != "__pycache__"
    ]
    if kata.solution_dir.is_dir():
        violations += [
            Violation(_rel(p, root), "stray file in the solution folder (not listed in `files`)")
            for p in sorted(kata.solution_dir.iterdir())
            if p.name not in kata.files and p.name != "__pycache__"
        ]
    if not kata.grader_path.is_file():
        violations.append(Violation(where, f"no grader: expected {_rel(kata.grader_path, GRADERS_DIR.parent)}"))
    for number, hint in enumerate(kata.hints, 1):
        if len(hint.split()) < 3:
            violations.append(Violation(where, f"hint {number} is too short to help: {hint!r}"))
    violations += [Violation(where, f"warm_imports names {name}, which is not installed")
                   for name in kata.warm_imports if not _importable(name)]
    return violations


def _importable(module: str) -> bool:
    import importlib.util

    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        return False


def check_katas(root: Path) -> list[Violation]:
    """Static checks of every kata under `root/katas` (see the module docstring)."""
    if not (root / "katas").is_dir():
        return [Violation(str(root / "katas"), "no katas folder")]
    katas, violations = _load(root)
    if not katas and not violations:
        return [Violation(_rel(root / "katas", root), "no kata found (katas/<track>/<NN-slug>/kata.yaml)")]
    ids = Counter(k.id for k in katas)
    violations += [Violation("katas", f"id {kata_id!r} is used {n} times") for kata_id, n in ids.items() if n > 1]
    numbers = Counter((k.track, k.number) for k in katas)
    violations += [
        Violation(f"katas/{track}", f"number {number:02d} is used by {n} katas")
        for (track, number), n in numbers.items()
        if n > 1
    ]
    for kata in katas:
        violations += _check_one(kata, root)
    from interview_prep import paths

    if (root / "katas").resolve() == paths.katas_dir().resolve():  # graders ship with this content only
        known = {k.grader_path for k in katas}
        violations += [
            Violation(_rel(path, GRADERS_DIR.parent), "grader without a kata (no katas/<track>/<NN-slug> for it)")
            for path in sorted(GRADERS_DIR.glob("*/test_*.py"))
            if path not in known
        ]
    return violations


# One fixed seed: a failure here is reproducible with `interview-prep check KATA --seed 0`. How
# robust each grader is across seeds is measured separately (reference solutions over many seeds).
SEED = 0


def _grading(root: Path, models: bool) -> list[Violation]:
    from interview_prep.kata.results import Status
    from interview_prep.kata.sandbox.warm import WarmPool

    try:
        catalog = load_catalog(root / "katas")
    except CatalogError:
        return []  # reported by check_katas
    runs = [(kata, folder) for kata in catalog if bool(kata.models) == models and kata.grader_path.is_file()
            for folder in (kata.dir, kata.solution_dir) if folder.is_dir()]
    pool = WarmPool(keep_evidence=False)  # the next run warms up while this one runs; no evidence in the data dir
    violations = []
    try:
        for index, (kata, folder) in enumerate(runs):
            following = runs[index + 1][0] if index + 1 < len(runs) else None
            results = pool.grade(kata, folder, seed=SEED, next_kata=following)
            if folder == kata.dir:
                where = _rel(kata.dir, root)
                if results.passed:
                    violations.append(Violation(where, "the starter passes its grader (it must fail until solved)"))
                elif results.status is Status.ERROR:
                    problem = results.message or next((t.message for t in results.tests if t.message), "")
                    violations.append(Violation(where, f"the starter errors instead of failing cleanly: {problem}"))
            elif not results.passed:
                first = next((t for t in results.tests if t.status is not Status.PASS), None)
                detail = f"{first.name}: {first.message}" if first else results.message
                violations.append(
                    Violation(_rel(kata.solution_dir, root), f"the reference solution does not pass: {detail}")
                )
    finally:
        pool.close()
    return violations


def check_kata_grading(root: Path) -> list[Violation]:
    """Model-free katas: the starter fails its grader and the reference solution passes."""
    return _grading(root, models=False)


def check_kata_grading_models(root: Path) -> list[Violation]:
    """Model-backed katas: the starter fails its grader and the reference solution passes."""
    return _grading(root, models=True)


#: where the wrong variants of a kata live (`<kata-id>/<variant>/<file>`), and the golden cases
#: of the grading engine (`<case>/expected.json` naming a kata; a failing case counts as a variant)
WRONG_VARIANTS_DIR = Path("tests") / "fixtures" / "wrong_variants"
GOLDEN_DIR = Path("tests") / "fixtures" / "grading_cases"
MIN_WRONG_VARIANTS = 2


def _wrong_variants(root: Path, kata: Kata) -> int:
    import json

    folder = root / WRONG_VARIANTS_DIR / kata.id
    count = sum(1 for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else 0
    for expected in (root / GOLDEN_DIR).glob("*/expected.json"):
        try:
            case = json.loads(expected.read_text(encoding="utf-8"))
        except ValueError:
            continue
        count += case.get("kata") == kata.id and case.get("status") == "fail"
    return count


def check_kata_recipe(root: Path) -> list[Violation]:
    """In a source checkout: every kata has its wrong variants and its row in README.md's kata table
    (the pieces of CONTRIBUTING.md's recipe that no other check sees)."""
    if not (root / "tests" / "fixtures").is_dir() or not (root / "README.md").is_file():
        return []  # installed content (a wheel) ships neither
    try:
        catalog = load_catalog(root / "katas")
    except CatalogError:
        return []  # reported by check_katas
    readme = (root / "README.md").read_text(encoding="utf-8")
    violations = []
    for kata in catalog:
        found = _wrong_variants(root, kata)
        if found < MIN_WRONG_VARIANTS:
            violations.append(Violation(
                str(WRONG_VARIANTS_DIR / kata.id),
                f"{kata.id} has {found} wrong variant(s), needs {MIN_WRONG_VARIANTS}: add "
                f"{WRONG_VARIANTS_DIR}/{kata.id}/<variant>/{kata.files[0]} (a plausible wrong solution) and list it "
                f"with its expected message in tests/test_katas_{kata.track}.py (CONTRIBUTING.md, step 5)",
            ))
        if f"`{kata.id}`" not in readme:
            violations.append(Violation(
                "README.md",
                f"the kata table has no row for {kata.id}: add | {kata.day} | `{kata.id}` | {kata.title} | "
                f"{', '.join(kata.models) or '-'} | (CONTRIBUTING.md, step 6)",
            ))
    return violations
