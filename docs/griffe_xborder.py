"""A griffe extension: xborder's API reference as a reader needs it.

Registered in ``mkdocs.yml`` (mkdocstrings' ``extensions``). It does two
things to the objects griffe loads from ``src/xborder``:

1. **Sphinx roles become links.** The docstrings cross-reference with
   Sphinx roles (``:class:`~xborder.fx.FxTable```, ``:func:`allocate```),
   which Markdown shows raw. Each role becomes an mkdocs-autorefs
   cross-reference to the object's full path, resolved in the docstring's
   own scope as Python would (``Money`` inside ``xborder.money`` is
   ``xborder.money.Money``); ``~`` shows the last name only, ``!`` shows the
   name without a link, ``title <target>`` shows the title. A target the
   reference does not document (``decimal.Decimal``) shows as code.
2. **attrs models get their ``__init__``.** attrs writes ``__init__`` at
   run time, so griffe, reading the source, saw none: the parameter tables
   had no Type column and called every field "required". For each class an
   ``attrs`` decorator makes, the extension asks attrs itself which fields
   ``__init__`` takes (``attrs.fields``: name, alias, keyword-only, default)
   and builds the method griffe would have seen, with each field's annotation
   and default as written in the source.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import attrs
from griffe import (
    Attribute,
    Class,
    Expr,
    ExprCall,
    ExprKeyword,
    Extension,
    Function,
    Module,
    NameResolutionError,
    Object,
    Parameter,
    ParameterKind,
    Parameters,
    dynamic_import,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = ["XborderReference", "rewrite_roles"]

ROLE = re.compile(
    r":(?:py:)?(?:class|func|data|attr|mod|meth|exc|obj|const|type):`(?P<body>[^`]+)`"
)
_TITLED = re.compile(r"^(?P<title>.+?)\s*<(?P<target>[^<>]+)>$")


def _resolve(scope: Object, target: str) -> str:
    """The full path of ``target`` as written in ``scope``'s docstring."""
    target = target.lstrip(".")
    if target.startswith("xborder."):
        return target
    head, _, rest = target.partition(".")
    try:
        resolved = scope.resolve(head)
    except NameResolutionError:
        return target
    return f"{resolved}.{rest}" if rest else resolved


def _reference(scope: Object, body: str) -> str:
    """The autorefs cross-reference for one role's body."""
    if titled := _TITLED.match(body):
        title, target = titled["title"], titled["target"]
    else:
        target = body
        title = ""
    link = not target.startswith("!")
    target = target.lstrip("!")
    short = target.startswith("~")
    target = target.lstrip("~")
    shown = title or (target.rsplit(".", 1)[-1] if short else target.lstrip("."))
    if not link:
        return f"<code>{shown}</code>"
    identifier = _resolve(scope, target)
    return f'<autoref identifier="{identifier}" optional><code>{shown}</code></autoref>'


def rewrite_roles(scope: Object, text: str) -> str:
    """Replace the Sphinx roles of ``text`` with cross-references.

    ``optional`` autorefs link where the reference documents the target and
    show the name as code where it does not, so no role can break the build.
    """
    return ROLE.sub(lambda role: _reference(scope, role["body"]), text)


def _objects(obj: Object) -> Iterator[Object]:
    """The object and everything it defines (not what it imports)."""
    yield obj
    for member in obj.members.values():
        if not member.is_alias:
            yield from _objects(member)  # type: ignore[arg-type]


# ------------------------------------------------------------- attrs __init__


def _is_attrs(cls: Class) -> bool:
    return any(
        (
            isinstance(decorator.value, Expr)
            and decorator.value.canonical_path.startswith(("attrs.", "attr."))
        )
        or str(decorator.value).startswith(("attrs.", "attr."))
        for decorator in cls.decorators
    )


def _static_default(member: Attribute | None) -> str | Expr | None:
    """The default as the source writes it: ``= x`` or ``attrs.field(default=x)``."""
    if member is None or member.value is None:
        return None
    value = member.value
    if isinstance(value, ExprCall) and str(value.function).endswith("field"):
        for argument in value.arguments:
            if not isinstance(argument, ExprKeyword):
                continue
            if argument.name == "default":
                return argument.value
            if argument.name == "factory":
                return f"{argument.value}()"
        return None
    return value


def _runtime_default(default: object) -> str:
    factory = getattr(default, "factory", None)  # an attrs.Factory
    if callable(factory):
        return f"{getattr(factory, '__qualname__', repr(factory))}()"
    return repr(default)


def _attrs_init(cls: Class) -> Function | None:
    try:
        runtime = dynamic_import(cls.path)
        fields = attrs.fields(runtime)
    except (
        ImportError,
        AttributeError,
        TypeError,
        attrs.exceptions.NotAnAttrsClassError,
    ):
        return None
    parameters = [Parameter("self", kind=ParameterKind.positional_or_keyword)]
    for field in fields:
        if not field.init:
            continue
        member = cls.all_members.get(field.name)
        source = member if isinstance(member, Attribute) else None
        default: str | Expr | None = None
        if field.default is not attrs.NOTHING:
            default = _static_default(source) or _runtime_default(field.default)
        annotation = source.annotation if source is not None else None
        if annotation is None and field.type is not None:
            annotation = getattr(field.type, "__name__", str(field.type))
        kind = (
            ParameterKind.keyword_only
            if field.kw_only
            else ParameterKind.positional_or_keyword
        )
        parameters.append(
            Parameter(field.alias, annotation=annotation, kind=kind, default=default)
        )
    return Function(
        "__init__",
        lineno=cls.lineno,
        endlineno=cls.lineno,
        parent=cls,
        parameters=Parameters(*parameters),
        returns="None",
    )


class XborderReference(Extension):
    """Rewrite Sphinx roles as cross-references; give attrs models an ``__init__``."""

    def on_package(self, *, pkg: Module, **kwargs: object) -> None:  # noqa: ARG002
        """Run once the ``xborder`` package is loaded and its aliases known."""
        if pkg.name != "xborder":
            return
        for obj in _objects(pkg):
            if (
                isinstance(obj, Class)
                and "__init__" not in obj.members
                and _is_attrs(obj)
            ):
                init = _attrs_init(obj)
                if init is not None:
                    obj.set_member("__init__", init)
            if obj.docstring is not None and ROLE.search(obj.docstring.value):
                obj.docstring.value = rewrite_roles(obj, obj.docstring.value)
                obj.docstring.__dict__.pop("parsed", None)  # parse the new text
