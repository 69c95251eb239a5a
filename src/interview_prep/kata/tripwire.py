"""Detect tampering with the grading process by the learner's code.

The grader imports the learner's module inside the grading process, so that code could
try to patch what decides the verdict: pytest, pluggy, the reporter, the grader and its
helpers, or library functions the grader compares with (`numpy.allclose`, `jiwer.wer`,
`builtins.isinstance`...). A `Tripwire` snapshots, after collection and before any
learner code runs, the attributes of the modules on that path (and the attributes, code
objects and defaults of the classes and functions they hold), the registered pytest hook
implementations, the collected test functions, the contents of the grader modules' lists,
dicts and sets, and the trace/profile hooks.

Two parts are watched:
- *critical* modules (builtins, math, operator, pytest's runner and reports, pluggy,
  interview_prep, and each module the grader uses by name): `changes()` checks them
  cheaply after every learner call and every test;
- *trusted packages* (every submodule of those packages, e.g. all of numpy and jiwer):
  `changes(full=True)` checks them too, once, at the end of the session.
Other modules (the standard library at large, torch, transformers) are not watched:
libraries legitimately patch them (torch replaces `inspect.getfile`), and the verdict
does not depend on them.

This stops patching and monkeypatching. It cannot stop code that deliberately digs
through the process's memory to forge a result: a grader shares its process with the
code it grades.
"""

from __future__ import annotations

import copy
import sys
from itertools import repeat
from operator import attrgetter, is_not
from types import FunctionType, MappingProxyType, ModuleType
from typing import Any

_MISSING = object()
_FUNCTION_ATTRS = ("__code__", "__defaults__", "__kwdefaults__")

# Module attributes that the interpreter or pytest legitimately rebind while tests run.
_DYNAMIC = {
    "builtins": {"_"},
    "warnings": {"filters", "_filters_version", "showwarning", "_showwarnmsg_impl"},
    "_warnings": {"_filters_version", "filters"},
    "logging": {"_lock", "root"},
    "_pytest.assertion.util": {"_reprcompare", "_assertion_pass", "_config"},
}
# Modules whose state changes by design during a run (I/O, capture, caches).
_SKIP_MODULES = {"__main__", "sys", "gc", "linecache", "_pytest.capture", "faulthandler", "site"}
# Modules on the verdict path, checked after every learner call.
_CRITICAL = {"builtins", "math", "operator", "numbers", "copy", "pytest", "hmac", "json"}
_CRITICAL_PACKAGES = ("interview_prep", "pluggy")
_CRITICAL_PYTEST = {"runner", "reports", "python", "main", "nodes", "outcomes", "fixtures", "config", "skipping"}
# Packages always watched at the end of the session (besides the ones the grader uses).
_TRUSTED = {"builtins", "math", "operator", "numbers", "copy", "hmac", "hashlib", "json", "_pytest", "pytest", "pluggy"}


def _patchable(cls: type) -> bool:
    """A class whose attributes Python code can replace (not a static or immutable C type)."""
    heap_type, immutable = 1 << 9, 1 << 8  # Py_TPFLAGS_HEAPTYPE, Py_TPFLAGS_IMMUTABLETYPE
    return bool(cls.__flags__ & heap_type) and not cls.__flags__ & immutable


def _is_critical(name: str, used: set[str]) -> bool:
    if name in _CRITICAL or name in used or name.split(".")[0] in _CRITICAL_PACKAGES:
        return True
    parts = name.split(".")
    return parts[0] == "_pytest" and len(parts) > 1 and parts[1] in _CRITICAL_PYTEST


class _Part:
    """The snapshot of one group of namespaces and functions."""

    def __init__(self) -> None:
        #: (label, namespace, keys, values, owning class or None for a module)
        self.namespaces: list[tuple[str, Any, tuple[str, ...], tuple[Any, ...], type | None]] = []
        self.functions: list[tuple[str, FunctionType]] = []
        self.state: dict[str, tuple[Any, ...]] = {}
        # flat copies for C-level passes: (namespaces, keys, values) of module dicts and class dicts
        self._flat: list[tuple[Any, tuple[Any, ...], tuple[str, ...], tuple[Any, ...]]] = []
        self._fns: tuple[FunctionType, ...] = ()

    def add_namespace(
        self, label: str, namespace: Any, keys: tuple[str, ...], values: tuple[Any, ...], owner: type | None = None
    ) -> None:
        self.namespaces.append((label, namespace, keys, values, owner))

    def freeze(self) -> None:
        self._flat = []
        for kind, get in ((dict, dict.get), (MappingProxyType, MappingProxyType.get)):
            chosen = [entry for entry in self.namespaces if type(entry[1]) is kind]
            spaces = tuple(ns for _, ns, keys, _, _ in chosen for _ in keys)
            keys = tuple(key for _, _, names, _, _ in chosen for key in names)
            values = tuple(value for _, _, _, values, _ in chosen for value in values)
            self._flat.append((get, spaces, keys, values))
        self._fns = tuple(fn for _, fn in self.functions)
        self.state = {attr: tuple(map(attrgetter(attr), self._fns)) for attr in _FUNCTION_ATTRS}

    def changes(self, found: list[str], limit: int) -> None:
        if any(
            any(map(is_not, map(get, spaces, keys, repeat(_MISSING)), values))
            for get, spaces, keys, values in self._flat
        ):
            for label, namespace, keys, values, _ in self.namespaces:
                for key, value in zip(keys, values, strict=True):
                    if namespace.get(key, _MISSING) is not value and len(found) < limit:
                        found.append(f"{label}.{key}")
        for attr, before in self.state.items():
            if any(map(is_not, map(attrgetter(attr), self._fns), before)):
                for (label, fn), value in zip(self.functions, before, strict=True):
                    if getattr(fn, attr) is not value and len(found) < limit:
                        found.append(f"{label} ({attr} replaced)")

    def restore(self) -> None:
        """Put back every attribute recorded in the snapshot (best effort)."""
        for _, namespace, keys, values, owner in self.namespaces:
            for key, value in zip(keys, values, strict=True):
                if namespace.get(key, _MISSING) is not value:
                    try:
                        if owner is None:
                            namespace[key] = value
                        else:
                            setattr(owner, key, value)
                    except (AttributeError, TypeError):
                        pass
        for attr, before in self.state.items():
            for (_, fn), value in zip(self.functions, before, strict=True):
                if getattr(fn, attr) is not value:
                    setattr(fn, attr, value)


class Tripwire:
    """A snapshot of the grading process; `changes()` names what was patched since."""

    def __init__(self) -> None:
        self._critical = _Part()
        self._rest = _Part()
        self._modules: list[tuple[str, ModuleType]] = []
        self._module_names: tuple[str, ...] = ()
        self._module_objects: tuple[ModuleType, ...] = ()
        self._hooks: list[tuple[str, Any, list[Any]]] = []
        self._items: list[tuple[str, Any, Any]] = []
        self._constants: list[tuple[str, Any, Any]] = []
        self._trace: tuple[Any, Any] = (None, None)

    def snapshot(self, config: Any = None, items: list[Any] = (), used: set[str] = frozenset()) -> None:
        """Record the current state (call after collection, before learner code runs).

        `used` names the modules the grader uses: they are critical, and their packages trusted.
        """
        seen: set[int] = set()
        trusted = _TRUSTED | set(_CRITICAL_PACKAGES) | {name.split(".")[0] for name in used}
        for name, module in list(sys.modules.items()):
            if not isinstance(module, ModuleType) or name in _SKIP_MODULES or name.split(".")[0] not in trusted:
                continue
            self._modules.append((name, module))
            namespace = getattr(module, "__dict__", None)
            if not isinstance(namespace, dict):
                continue
            part = self._critical if _is_critical(name, used) else self._rest
            dynamic = _DYNAMIC.get(name, ())
            pairs = [(k, v) for k, v in namespace.items() if k not in dynamic]
            part.add_namespace(name, namespace, tuple(k for k, _ in pairs), tuple(v for _, v in pairs))
            for key, value in pairs:
                if id(value) in seen:
                    continue
                if isinstance(value, FunctionType):
                    seen.add(id(value))
                    part.functions.append((f"{name}.{key}", value))
                elif isinstance(value, type) and value.__module__ == name and _patchable(value):
                    seen.add(id(value))
                    self._class(part, f"{name}.{key}", value, seen)
        if config is not None:
            for hook_name, caller in vars(config.pluginmanager.hook).items():
                if hasattr(caller, "get_hookimpls"):
                    self._hooks.append((hook_name, caller, [impl.function for impl in caller.get_hookimpls()]))
        for item in items:
            function = getattr(item, "obj", None)
            self._items.append((item.nodeid, item, function))
            if isinstance(function, FunctionType):
                self._critical.functions.append((item.nodeid, function))
        graders = {id(item.module): item.module for item in items if getattr(item, "module", None) is not None}
        for module in graders.values():  # their lists, dicts and sets could be emptied or refilled in place
            for key, value in vars(module).items():
                if not key.startswith("__") and isinstance(value, list | dict | set | bytearray):
                    self._constants.append((f"{module.__name__}.{key}", value, copy.deepcopy(value)))
        self._trace = (sys.gettrace(), sys.getprofile())
        self._module_names = tuple(name for name, _ in self._modules)
        self._module_objects = tuple(module for _, module in self._modules)
        self._critical.freeze()
        self._rest.freeze()

    @staticmethod
    def _class(part: _Part, label: str, cls: type, seen: set[int]) -> None:
        namespace = cls.__dict__  # a mappingproxy: supports .get
        keys = tuple(namespace)
        part.add_namespace(label, namespace, keys, tuple(namespace[k] for k in keys), cls)
        for key in keys:
            value = namespace[key]
            target = value.__func__ if isinstance(value, classmethod | staticmethod) else value
            if isinstance(target, FunctionType) and id(target) not in seen:
                seen.add(id(target))
                part.functions.append((f"{label}.{key}", target))

    def changes(self, full: bool = False, limit: int = 5) -> list[str]:
        """Up to `limit` descriptions of what changed since `snapshot()` (empty: untouched)."""
        found: list[str] = []
        if (sys.gettrace(), sys.getprofile()) != self._trace:
            found.append("sys.settrace/sys.setprofile (a tracer was installed)")
        names, modules = self._module_names, self._module_objects
        if any(map(is_not, map(sys.modules.get, names, modules), modules)):
            for name, module in self._modules:
                if sys.modules.get(name, module) is not module and len(found) < limit:
                    found.append(f"sys.modules[{name!r}] (module replaced)")
        self._critical.changes(found, limit)
        for hook_name, caller, functions in self._hooks:
            if [impl.function for impl in caller.get_hookimpls()] != functions and len(found) < limit:
                found.append(f"pytest hook {hook_name} (plugins added or removed)")
        for nodeid, item, function in self._items:
            if getattr(item, "obj", None) is not function and len(found) < limit:
                found.append(f"test {nodeid} (test function replaced)")
        for label, value, saved in self._constants:
            if type(value).__eq__(value, saved) is not True and len(found) < limit:
                found.append(f"{label} (contents changed)")
        if full:
            self._rest.changes(found, limit)
        return found

    def restore(self) -> None:
        """Undo the patches found, so the reporter can still write its (error) results."""
        self._critical.restore()
        self._rest.restore()
        for name, module in self._modules:
            if sys.modules.get(name, module) is not module:
                sys.modules[name] = module
        for _, item, function in self._items:
            if getattr(item, "obj", None) is not function:
                item.obj = function
        for _, value, saved in self._constants:
            if isinstance(value, dict | set):
                value.clear()
                value.update(copy.deepcopy(saved))
            else:
                value[:] = copy.deepcopy(saved)
        sys.settrace(self._trace[0])
        sys.setprofile(self._trace[1])
