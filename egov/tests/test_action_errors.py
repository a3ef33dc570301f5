"""Pages show an action's refusal through one helper, which cannot fail on a field name.

Django's ``form.add_error(None, error)`` raises ValueError when ``error`` names
a field the form lacks, and ``form.add_error("field", error)`` raises TypeError
when ``error`` names fields of its own: a refusal would become a server error.
Views therefore pass what an action raised to ``egov.lib.forms.show_action_error``
and give ``add_error`` only a message they wrote themselves.
"""

from __future__ import annotations

import ast
from pathlib import Path

from django.conf import settings

EGOV = settings.BASE_DIR / "egov"


def view_modules() -> list[Path]:
    found = [*EGOV.glob("*/views.py"), *EGOV.glob("*/views/*.py")]
    return sorted(path for path in found if "tests" not in path.parts)


def is_own_message(node: ast.expr) -> bool:
    """A literal, or a literal passed through gettext (``_("...")``)."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in {"_", "gettext", "gettext_lazy"}
        and all(isinstance(argument, ast.Constant) for argument in node.args)
    )


def test_the_views_are_found() -> None:
    names = {f"{path.parent.name}/{path.name}" for path in view_modules()}
    assert {"accounts/views.py", "views/staff.py", "views/citizen.py"} <= names


def test_no_view_hands_an_action_s_error_to_add_error() -> None:
    offenders = []
    for path in view_modules():
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "add_error"
                and not (len(node.args) == 2 and is_own_message(node.args[1]))
            ):
                offenders.append(f"{path.relative_to(settings.BASE_DIR)}:{node.lineno}")
    assert offenders == [], "use egov.lib.forms.show_action_error"
