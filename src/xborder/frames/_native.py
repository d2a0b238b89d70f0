"""Frames of any library in, the same library out (private).

The engine computes in polars. A pandas DataFrame (NumPy- or Arrow-backed)
or a pyarrow Table is converted to polars through Arrow, where decimal and
integer columns cross without copying, and the result is converted back to
the caller's library, with money as Arrow decimals (pandas: ``ArrowDtype``),
never floats. A polars LazyFrame is collected first (the plan needs the
inputs' largest values to prove its integers never overflow) and comes back
lazy.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs
import polars as pl

from xborder.errors import InvalidTypeError

__all__ = ["Native", "is_table", "native", "new_table"]


@attrs.frozen
class Native:
    """A caller's frame as polars, and the way back to the caller's library."""

    frame: pl.DataFrame
    back: Callable[[pl.DataFrame], Any]
    library: str


def native(value: object, field: str = "frame") -> Native:
    """Read ``value`` (polars, pandas or pyarrow) as a polars DataFrame."""
    if isinstance(value, pl.DataFrame):
        return Native(value, _same, "polars")
    if isinstance(value, pl.LazyFrame):
        return Native(value.collect(), _lazy, "polars (lazy)")
    module = type(value).__module__.split(".", 1)[0]
    if module == "pandas" and type(value).__name__ == "DataFrame":
        return _from_pandas(value)
    if module == "pyarrow" and type(value).__name__ == "Table":
        return Native(pl.from_arrow(value), _to_arrow, "pyarrow")  # type: ignore[arg-type]
    raise InvalidTypeError(
        "xborder.frames reads polars, pandas and pyarrow tables (Dask: see "
        "xborder.frames.on_dask)",
        field=field,
        value=value,
        expected="a polars DataFrame or LazyFrame, a pandas DataFrame or a pyarrow "
        "Table",
    )


def is_table(owner: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validator: ``value`` is a table of a library xborder.frames returns."""
    del owner
    if isinstance(value, pl.DataFrame | pl.LazyFrame):
        return
    module = type(value).__module__.split(".", 1)[0]
    kind = type(value).__name__
    # Dask's frames come back from on_dask (dask_expr's class is "DataFrame").
    if (module, kind) in {
        ("pandas", "DataFrame"),
        ("pyarrow", "Table"),
        ("dask", "DataFrame"),
        ("dask_expr", "DataFrame"),
    }:
        return
    raise InvalidTypeError(
        field=attribute.name,
        value=value,
        expected="a polars, pandas, pyarrow or Dask table",
    )


def new_table(given: Native, frame: pl.DataFrame) -> Any:  # noqa: ANN401
    """A new table (not the caller's rows) in the caller's library, unlabelled."""
    if given.library == "polars":
        return frame
    if given.library == "polars (lazy)":
        return frame.lazy()
    if given.library == "pyarrow":
        return frame.to_arrow()
    return frame.to_pandas(use_pyarrow_extension_array=True)


def _same(frame: pl.DataFrame) -> pl.DataFrame:
    return frame


def _lazy(frame: pl.DataFrame) -> pl.LazyFrame:
    return frame.lazy()


def _to_arrow(frame: pl.DataFrame) -> object:
    return frame.to_arrow()


def _from_pandas(value: Any) -> Native:  # noqa: ANN401 - pandas is optional
    index = value.index

    def back(frame: pl.DataFrame) -> object:
        result = frame.to_pandas(use_pyarrow_extension_array=True)
        if len(result) == len(index):
            result.index = index  # the caller's row labels, rows in order
        return result

    # Column labels must be text for polars; the index is kept aside.
    return Native(pl.from_pandas(value, include_index=False), back, "pandas")
