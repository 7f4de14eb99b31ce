"""peer_common.py - what the Python peers of the export benchmark share:
reading the plan CSV and the row-height estimate of src/export/xlsx.c.

Run with Debian's /usr/bin/python3 (python3-xlsxwriter, python3-openpyxl).
"""
import csv
import sys

WIDTHS = [6, 11, 16, 34, 11, 50, 18, 18, 22, 16, 11, 14, 14, 30, 42, 38, 14,
          10, 26, 10, 14]
CENTER = [1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 1, 1, 1, 0, 0, 0, 1, 1, 0, 1, 0]
BLUE_PRIORITY = "BDD7EE"
BLUE_HEADER = "1F4E79"

csv.field_size_limit(sys.maxsize)


def read_plan(path):
    """Yields the records of the plan CSV (header first)."""
    with open(path, newline="", encoding="utf-8-sig") as f:
        yield from csv.reader(f, delimiter=";")


def wrap_lines(s, width):
    """Lines taken by s wrapped in a column of width (same greedy estimate
    as wrap_lines() in src/export/xlsx.c)."""
    cap = max(int(width * 1.2) - 1, 1)
    lines = 0
    for par in s.split("\n"):
        lines += 1
        col = 0
        for word in par.split(" "):
            n = len(word)
            if not n:
                if col < cap:
                    col += 1
                continue
            if col > 0 and col + n > cap:
                lines += 1
                col = 0
            while n > cap:
                lines += 1
                n -= cap
            col += n + 1 if col + n < cap else n
    return max(lines, 1)


def height(cells, header=False):
    lines = 1
    for c, w in zip(cells, WIDTHS):
        lines = max(lines, wrap_lines(c, w * 0.9 if header else w))
    return None if lines <= 1 else min(lines * 13.8 + 3, 409.0)
