"""peer_common.py - what the Python peers of the export benchmark share:
reading the plan CSV and the row-height estimate of src/export/xlsx.c.

Run with Debian's /usr/bin/python3 (python3-xlsxwriter, python3-openpyxl).
"""
import csv
import re
import sys

WIDTHS = [6, 11, 16, 34, 11, 50, 18, 18, 22, 16, 11, 14, 14, 30, 42, 38, 14,
          10, 26, 10, 14]
CENTER = [1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 1, 1, 1, 0, 0, 0, 1, 1, 0, 1, 0]
BLUE_PRIORITY = "BDD7EE"
BLUE_HEADER = "1F4E79"

csv.field_size_limit(sys.maxsize)
TOKENS = re.compile(r"\n| |[^ \n]+")


def read_plan(path):
    """Yields the records of the plan CSV (header first)."""
    with open(path, newline="", encoding="utf-8-sig") as f:
        yield from csv.reader(f, delimiter=";")


def wrap_lines(s, width):
    """Lines taken by s wrapped in a column of width (the same greedy
    estimate as wrap_lines() in src/export/xlsx.c, step for step)."""
    cap = max(int(width * 1.2) - 1, 1)
    lines, col = 1, 0
    for tok in TOKENS.findall(s):
        if tok == "\n":
            lines += 1
            col = 0
        elif tok == " ":
            if col < cap:
                col += 1
        else:
            n = len(tok)
            if col > 0 and col + n > cap:
                lines += 1
                col = 0
            while n > cap:
                lines += 1
                n -= cap
            col += n
    return lines


def height(cells, header=False):
    lines = 1
    for c, w in zip(cells, WIDTHS):
        lines = max(lines, wrap_lines(c, w * 0.9 if header else w))
    return None if lines <= 1 else min(lines * 13.8 + 3, 409.0)


def is_integer(s):
    """A plain integer as typed, written as a number (put_value() of
    src/export/xlsx.c)."""
    q = s[1:] if s.startswith("-") else s
    return len(q) <= 15 and q[:1] in "123456789" and q != "" and q.isdigit()


def ind_widths(ncols):
    """Column widths of the "Indicateurs" sheet for ncols columns (the
    years, then Commentaire and À communiquer)."""
    return [6, 40, 34, 12, 12, 12] + [9] * (ncols - 8) + [50, 13]


def ind_height(rec, w):
    lines = max(wrap_lines(rec[1], w[1]), wrap_lines(rec[2], w[2]),
                wrap_lines(rec[-2], w[-2]))
    return None if lines <= 1 else min(lines * 13.8 + 3, 409.0)
