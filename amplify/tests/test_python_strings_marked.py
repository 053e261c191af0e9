"""Every user-facing string written in Python is marked for translation: what a person reads
in a form (labels, help texts, choices), a message, an error a service raises or an API error
body. An English literal (or f-string) at one of those places fails here, with its place."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import amplify

ROOT = Path(amplify.__file__).parent
# The pure core has no Django (so no gettext) and the demo builds data, not interface; the
# importer's row errors are stored with the import and are listed in docs/translation.md.
SKIPPED = ("core", "demo", "tests", "migrations", "management")
RAISED = {"ValidationError", "PermissionDenied"}
MESSAGE_LEVELS = {"debug", "info", "success", "warning", "error"}
KEYWORDS = {"label", "help_text", "empty_label", "verbose_name", "verbose_name_plural"}


def _sources() -> Iterator[Path]:
    for path in sorted(ROOT.rglob("*.py")):
        parts = path.relative_to(ROOT).parts
        if any(part in SKIPPED or part.startswith("test") for part in parts):
            continue
        yield path


def _is_text(node: ast.AST | None) -> bool:
    """A literal a person would read: words, not a code or a field name."""
    if isinstance(node, ast.JoinedStr):
        return any(
            isinstance(v, ast.Constant) and any(c.isalpha() for c in str(v.value))
            for v in node.values
        )
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return " " in node.value.strip() or node.value[:1].isupper()
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _is_text(node.left) or _is_text(node.right)
    return False


def _texts(node: ast.AST | None) -> Iterator[ast.AST]:
    if isinstance(node, ast.Dict):
        for value in node.values:
            yield from _texts(value)
    elif isinstance(node, ast.List | ast.Tuple):
        for value in node.elts:
            yield from _texts(value)
    elif _is_text(node):
        assert node is not None
        yield node


def _name(func: ast.AST) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _choices(tree: ast.AST) -> Iterator[ast.AST]:
    """The labels of TextChoices / IntegerChoices members: `DRAFT = "draft", "Draft"`."""
    for cls in ast.walk(tree):
        if not isinstance(cls, ast.ClassDef):
            continue
        if not any(_name(base).endswith("Choices") for base in cls.bases):
            continue
        for item in cls.body:
            value = item.value if isinstance(item, ast.Assign) else None
            if isinstance(value, ast.Tuple) and len(value.elts) >= 2:
                yield from _texts(value.elts[-1])


def _unlabelled_form_fields(tree: ast.AST) -> Iterator[ast.AST]:
    """A form field without `label=` is labelled from its name, in English only."""
    for cls in ast.walk(tree):
        if not isinstance(cls, ast.ClassDef):
            continue
        for item in cls.body:
            call = item.value if isinstance(item, ast.Assign) else None
            if not isinstance(call, ast.Call):
                continue
            func = ast.unparse(call.func)
            if not (func.startswith("forms.") or func.endswith("FormField")):
                continue
            if func.endswith("Field") and not any(k.arg == "label" for k in call.keywords):
                yield call


def unmarked() -> list[str]:
    found: list[tuple[Path, ast.AST]] = []
    for path in _sources():
        tree = ast.parse(path.read_text(), str(path))
        found += [(path, node) for node in _choices(tree)]
        if path.name == "forms.py":
            found += [(path, node) for node in _unlabelled_form_fields(tree)]
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                name = _name(node.func)
                if name in RAISED:
                    for arg in node.args[:1]:
                        found += [(path, n) for n in _texts(arg)]
                elif (
                    name in MESSAGE_LEVELS
                    and isinstance(node.func, ast.Attribute)
                    and _name(node.func.value) == "messages"
                ):
                    for arg in node.args[1:2]:
                        found += [(path, n) for n in _texts(arg)]
                for keyword in node.keywords:
                    if keyword.arg in KEYWORDS:
                        found += [(path, n) for n in _texts(keyword.value)]
                # A model or form field's first argument is its label.
                if name.endswith("Field") and node.args and not name.startswith("Web"):
                    found += [(path, n) for n in _texts(node.args[0]) if " " in _src(n)]
            elif isinstance(node, ast.Assign) and len(node.targets) == 1:
                target = node.targets[0]
                if (isinstance(target, ast.Subscript) and _name(target.value) == "errors") or (
                    isinstance(target, ast.Name) and target.id in KEYWORDS
                ):
                    found += [(path, n) for n in _texts(node.value)]
    return sorted(
        f"{path.relative_to(ROOT.parent)}:{getattr(node, 'lineno', 0)}: {_src(node)[:70]}"
        for path, node in found
    )


def _src(node: ast.AST) -> str:
    return ast.unparse(node)


def test_it_finds_every_user_facing_python_string_marked() -> None:
    problems = unmarked()
    assert problems == [], "Mark these for translation (gettext / gettext_lazy):\n" + "\n".join(
        problems
    )


def test_it_notices_an_unmarked_message(tmp_path: Path) -> None:
    # The check itself: an English literal at each kind of place is found.
    source = (
        "from django import forms\n"
        "class F(forms.Form):\n"
        "    name = forms.CharField(help_text='Your full name.')\n"
        "def view(request):\n"
        "    messages.success(request, f'{request.user} is saved.')\n"
        "    raise ValidationError({'name': 'Give it a name.'})\n"
    )
    tree = ast.parse(source)
    kinds = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            for keyword in node.keywords:
                kinds += ["keyword" for _n in _texts(keyword.value) if keyword.arg in KEYWORDS]
            if _name(node.func) in RAISED:
                kinds += ["raised" for _n in _texts(node.args[0])]
            if _name(node.func) == "success":
                kinds += ["message" for _n in _texts(node.args[1])]
    assert sorted(kinds) == ["keyword", "message", "raised"]
