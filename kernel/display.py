"""Rich results in the jitcell kernel: dicts and NumPy arrays as HTML tables (text/plain stays their repr).

    In [3]: counts                        Out[3]: dict · 3 items
                                                  key | value
                                                  'a' | 2  ...

Registered on the shell's HTML formatter by the kernel only; large values show their
first rows and say how many more there are.
"""

from __future__ import annotations

import html

__all__ = ["register", "dict_html", "array_html"]

MAX_ROWS = 50
MAX_COLUMNS = 20
_TABLE = "<table style='border-collapse:collapse;font-family:monospace;font-size:0.9em'>"
_CELL = "style='text-align:right;padding:1px 8px;border-bottom:1px solid #eee'"


def _head(text: str) -> str:
    return f"<div style='font-family:monospace;color:#57606a;margin-bottom:2px'>{html.escape(text)}</div>"


def dict_html(value: dict) -> str:
    rows = list(value.items())
    body = "".join(f"<tr><td {_CELL}>{html.escape(repr(k))}</td><td {_CELL}>{html.escape(repr(v))}</td></tr>"
                   for k, v in rows[:MAX_ROWS])
    more = f"<div>… {len(rows) - MAX_ROWS} more</div>" if len(rows) > MAX_ROWS else ""
    header = f"<tr><th {_CELL}>key</th><th {_CELL}>value</th></tr>"
    return _head(f"dict · {len(rows)} item{'s' if len(rows) != 1 else ''}") + _TABLE + header + body + "</table>" + more


def array_html(value) -> str | None:
    if value.ndim not in (1, 2) or value.size == 0:
        return None  # numpy's repr says it best
    grid = value.reshape(1, -1) if value.ndim == 1 else value
    rows, columns = grid.shape
    cells = "".join(
        "<tr>" + "".join(f"<td {_CELL}>{html.escape(str(x))}</td>" for x in grid[i, :MAX_COLUMNS]) +
        (f"<td {_CELL}>…</td>" if columns > MAX_COLUMNS else "") + "</tr>" for i in range(min(rows, MAX_ROWS)))
    more = f"<div>… {rows - MAX_ROWS} more rows</div>" if rows > MAX_ROWS else ""
    shape = " × ".join(map(str, value.shape))
    return _head(f"ndarray · {value.dtype} · shape {shape}") + _TABLE + cells + "</table>" + more


def register(shell) -> None:
    formatter = shell.display_formatter.formatters["text/html"]
    formatter.for_type(dict, dict_html)
    formatter.for_type_by_name("numpy", "ndarray", array_html)
