"""A small, safe language for fees: arithmetic over a file's numeric fields, in rials.

    base + rate * area_m2
    {1: 1_450_000, 2: 1_100_000, 3: 850_000}[zone] * area_m2 + 2_500_000
    max(3_000_000, 40_000 * floors * area_m2 // 10) if use == 2 else 1_800_000

Expressions are parsed with Python's `ast` and evaluated by walking a whitelist of node types:
numbers, names of form fields, + - * / //, unary minus, comparisons, and/or/not,
`a if c else b`, dict literals indexed by a field (lookup tables), and min/max/floor/ceil.
Nothing else — no attributes, no other calls, no strings — so a formula cannot run code.
Arithmetic is exact (Decimal); the fee is rounded down to whole rials and must not be negative.
"""

from __future__ import annotations

import ast
import math
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from django.utils.translation import gettext_lazy as _

from daftar.catalogue.error_codes import CatalogueErrorCode
from daftar.core.errors import InvalidInput

_FUNCTIONS = {
    "min": min,
    "max": max,
    "floor": lambda x: Decimal(math.floor(x)),
    "ceil": lambda x: Decimal(math.ceil(x)),
}
_BINARY = {
    ast.Add: lambda a, b: a + b,
    ast.Sub: lambda a, b: a - b,
    ast.Mult: lambda a, b: a * b,
    ast.Div: lambda a, b: a / b,
    ast.FloorDiv: lambda a, b: a // b,
}
_COMPARE = {
    ast.Eq: lambda a, b: a == b,
    ast.NotEq: lambda a, b: a != b,
    ast.Lt: lambda a, b: a < b,
    ast.LtE: lambda a, b: a <= b,
    ast.Gt: lambda a, b: a > b,
    ast.GtE: lambda a, b: a >= b,
}
MAX_LENGTH = 2000


class FormulaError(InvalidInput):
    code = CatalogueErrorCode.FORMULA_INVALID


def _check(node: ast.AST) -> None:
    """Refuse any node outside the whitelist, before anything is evaluated."""
    allowed = (
        ast.Expression,
        ast.BinOp,
        ast.UnaryOp,
        ast.USub,
        ast.UAdd,
        ast.Constant,
        ast.Name,
        ast.Load,
        ast.Compare,
        ast.BoolOp,
        ast.And,
        ast.Or,
        ast.Not,
        ast.IfExp,
        ast.Dict,
        ast.Subscript,
        ast.Call,
        *_BINARY,
        *_COMPARE,
    )
    for child in ast.walk(node):
        if not isinstance(child, allowed):
            raise FormulaError(
                _("The formula uses something that is not allowed: %(what)s."),
                field="formula",
                params={"what": type(child).__name__},
            )
        if isinstance(child, ast.Constant) and (
            isinstance(child.value, bool) or not isinstance(child.value, int | float)
        ):
            raise FormulaError(
                _("Only numbers may appear as constants in a formula."), field="formula"
            )
        if isinstance(child, ast.Call) and (
            not isinstance(child.func, ast.Name)
            or child.func.id not in _FUNCTIONS
            or child.keywords
        ):
            raise FormulaError(
                _("Only min, max, floor and ceil may be called in a formula."), field="formula"
            )
        if isinstance(child, ast.Subscript) and not isinstance(child.value, ast.Dict):
            raise FormulaError(_("Only a lookup table {…}[field] may be indexed."), field="formula")


@lru_cache(maxsize=512)
def parse(source: str) -> ast.Expression:
    if not source.strip():
        raise FormulaError(_("The formula is empty."), field="formula")
    if len(source) > MAX_LENGTH:
        raise FormulaError(_("The formula is too long."), field="formula")
    try:
        tree = ast.parse(source.strip(), mode="eval")
    except SyntaxError as error:
        raise FormulaError(
            _("The formula is not well formed (column %(column)s)."),
            field="formula",
            params={"column": error.offset or 0},
        ) from None
    _check(tree)
    return tree


@lru_cache(maxsize=512)
def names(source: str) -> frozenset[str]:
    """The field names a formula reads (function names excluded)."""
    tree = parse(source)
    called = {n.func.id for n in ast.walk(tree) if isinstance(n, ast.Call)}
    return {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)} - called


def _number(value) -> Decimal:
    if isinstance(value, bool):
        return Decimal(int(value))
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise FormulaError(
            _("The value %(value)s is not a number."), params={"value": value}
        ) from None


def _eval(node: ast.AST, values: dict[str, Decimal]):
    match node:
        case ast.Expression(body=body):
            return _eval(body, values)
        case ast.Constant(value=value):
            return _number(value)
        case ast.Name(id=name):
            if name not in values:
                raise FormulaError(
                    _("The formula needs the field %(name)s, which has no value."),
                    params={"name": name},
                )
            return values[name]
        case ast.BinOp(left=left, op=op, right=right):
            a, b = _eval(left, values), _eval(right, values)
            if isinstance(op, ast.Div | ast.FloorDiv) and b == 0:
                raise FormulaError(_("The formula divides by zero."))
            return _BINARY[type(op)](a, b)
        case ast.UnaryOp(op=ast.USub(), operand=operand):
            return -_eval(operand, values)
        case ast.UnaryOp(op=ast.UAdd(), operand=operand):
            return _eval(operand, values)
        case ast.UnaryOp(op=ast.Not(), operand=operand):
            return not _eval(operand, values)
        case ast.BoolOp(op=op, values=operands):
            results = [_eval(o, values) for o in operands]
            return all(results) if isinstance(op, ast.And) else any(results)
        case ast.Compare(left=left, ops=ops, comparators=comparators):
            current = _eval(left, values)
            for op, comparator in zip(ops, comparators, strict=True):
                right = _eval(comparator, values)
                if not _COMPARE[type(op)](current, right):
                    return False
                current = right
            return True
        case ast.IfExp(test=test, body=body, orelse=orelse):
            return _eval(body if _eval(test, values) else orelse, values)
        case ast.Subscript(value=ast.Dict(keys=keys, values=table), slice=key):
            wanted = _eval(key, values)
            for k, v in zip(keys, table, strict=True):
                if _eval(k, values) == wanted:
                    return _eval(v, values)
            raise FormulaError(
                _("The lookup table has no entry for %(key)s."), params={"key": wanted}
            )
        case ast.Call(func=ast.Name(id=name), args=args):
            return _FUNCTIONS[name](*(_eval(a, values) for a in args))
    raise FormulaError(_("The formula could not be evaluated."))  # unreachable after _check


def evaluate(source: str, values: dict[str, object]) -> int:
    """The fee in whole rials (rounded down). Raises FormulaError with a clear message."""
    tree = parse(source)
    used = names(source)  # other fields (text, codes) are not numbers and are not read
    numbers = {
        name: _number(value)
        for name, value in values.items()
        if name in used and value is not None and value != ""
    }
    result = _eval(tree, numbers)
    if isinstance(result, bool):
        raise FormulaError(_("The formula gives a yes/no answer, not an amount."))
    amount = math.floor(result)
    if amount < 0:
        raise FormulaError(_("The formula gives a negative amount."))
    return int(amount)
