"""Naming rules for the project-identity questions, as Jinja globals for copier.yml.

Each `*_problem` function returns "" for an acceptable answer, otherwise one
sentence saying what is wrong and what is allowed; Copier shows it under the
prompt (or exits non-zero with it under --data/--defaults).
"""

from __future__ import annotations

import keyword
import re
import sys
import unicodedata
from collections.abc import Collection

from jinja2 import Environment
from jinja2.ext import Extension

SLUG_PATTERN = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
PACKAGE_PATTERN = re.compile(r"^[a-z_][a-z0-9_]*$")
MAX_PACKAGE_NAME_LENGTH = 40
MAX_SLUG_LENGTH = 50
EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def project_name_problem(name: str) -> str:
    if not (name or "").strip():
        return "The project name is required, for example 'Orders API'."
    if not slugify(name):
        return (
            "The project name needs at least one ASCII letter or digit, for example 'Orders API'."
        )
    if len(name) > 80:
        return "The project name is at most 80 characters."
    return ""


def slug_problem(slug: str) -> str:
    if len(slug or "") > MAX_SLUG_LENGTH:
        return f"The slug is at most {MAX_SLUG_LENGTH} characters; '{slug}' has {len(slug)}."
    if not SLUG_PATTERN.fullmatch(slug or ""):
        return (
            f"'{slug}' is not a valid slug: use lowercase letters, digits and single dashes, "
            "starting with a letter (for example 'orders-api')."
        )
    return ""


def package_name_problem(name: str, reserved_modules: Collection[str] = ()) -> str:
    """`reserved_modules`: the modules a generated service imports by name (the catalog's
    `reserved_module_names()`), which the package would shadow."""
    if not PACKAGE_PATTERN.fullmatch(name or "") or not name.isidentifier():
        return (
            f"'{name}' is not a valid package name: use lowercase letters, digits and "
            "underscores, starting with a letter (for example 'orders_api')."
        )
    if len(name) > MAX_PACKAGE_NAME_LENGTH:
        return (
            f"The package name is at most {MAX_PACKAGE_NAME_LENGTH} characters; "
            f"'{name}' has {len(name)}."
        )
    if keyword.iskeyword(name) or keyword.issoftkeyword(name):
        return f"'{name}' is a Python keyword; choose another name, for example '{name}_api'."
    if name in sys.stdlib_module_names:
        return (
            f"'{name}' would shadow the standard library module of that name; "
            f"choose another name, for example '{name}_api'."
        )
    if name in reserved_modules:
        return (
            f"'{name}' would shadow a module the service depends on; "
            f"choose another name, for example '{name}_service'."
        )
    return ""


def email_problem(email: str) -> str:
    if not EMAIL_PATTERN.fullmatch(email or ""):
        return f"'{email}' is not an e-mail address; use the form name@example.com."
    return ""


class NamingRules(Extension):
    def __init__(self, environment: Environment) -> None:
        super().__init__(environment)
        environment.globals.update(
            slugify=slugify,
            project_name_problem=project_name_problem,
            slug_problem=slug_problem,
            package_name_problem=package_name_problem,
            email_problem=email_problem,
        )
