"""peer_xlsxwriter.py PLAN.csv INDICATORS.csv OUT.xlsx - the "Plan
d'action" and "Indicateurs" sheets with Python XlsxWriter
(constant_memory), the same cells and formats as bench/floor.c: how a
Python script would produce the table."""
import sys

import xlsxwriter

from peer_common import (BLUE_HEADER, BLUE_PRIORITY, CENTER, WIDTHS, height,
                         ind_height, ind_widths, is_integer, read_plan)


def indicators(ws, src, fmt, header):
    row = 0
    ncols = 0
    w = []
    for rec in read_plan(src):
        if row == 0:
            ncols = len(rec) - 1
            w = ind_widths(ncols)
            for c, x in enumerate(w):
                ws.set_column(c, c, x)
            ws.set_row(0, 2 * 13.8 + 3)
            for c, v in enumerate(rec[:ncols]):
                if 6 <= c < ncols - 2:
                    ws.write_number(0, c, float(v), header)
                else:
                    ws.write_string(0, c, v, header)
            row += 1
            continue
        if len(rec) != ncols + 1:
            continue
        h = ind_height(rec[:ncols], w)
        if h:
            ws.set_row(row, h)
        b = 1 if rec[-1] == "Oui" else 0
        for c, v in enumerate(rec[:ncols]):
            k = 0 if c in (1, 2, ncols - 2) else 1
            if 4 <= c < ncols - 2 and is_integer(v):
                ws.write_number(row, c, float(v), fmt[b][1])
            elif v == "":
                ws.write_blank(row, c, None, fmt[b][k])
            else:
                ws.write_string(row, c, v, fmt[b][k])
        row += 1
    ws.data_validation(1, ncols - 1, max(row - 1, 1) + 500, ncols - 1,
                       {"validate": "list", "source": ["Oui", "Non"]})
    if row > 1:
        ws.autofilter(0, 0, row - 1, ncols - 1)
    ws.freeze_panes(1, 3)
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(0)
    ws.set_footer("&LVille de Banc-d'Essai&RPage &P / &N")


def main(src, ind, dst):
    wb = xlsxwriter.Workbook(dst, {"constant_memory": True})
    ws = wb.add_worksheet("Plan d'action")
    ws_ind = wb.add_worksheet("Indicateurs")
    fmt = [[None, None], [None, None]]
    for b in (0, 1):
        for k in (0, 1):
            d = {"text_wrap": True, "valign": "top", "border": 1,
                 "border_color": "#A6A6A6", "locked": False}
            if k:
                d["align"] = "center"
            if b:
                d["bg_color"] = "#" + BLUE_PRIORITY
            fmt[b][k] = wb.add_format(d)
    header = wb.add_format({"bold": True, "text_wrap": True, "align": "center",
                            "valign": "vcenter", "font_color": "white",
                            "bg_color": "#" + BLUE_HEADER, "border": 1,
                            "locked": False})
    locked = wb.add_format({"text_wrap": True, "valign": "top", "border": 1,
                            "border_color": "#A6A6A6",
                            "bg_color": "#" + BLUE_PRIORITY, "bold": True})
    hidden_id = wb.add_format({"num_format": "0"})
    for c, w in enumerate(WIDTHS):
        ws.set_column(c, c, w, fmt[0][CENTER[c]])
    ws.set_column(21, 22, 10, hidden_id, {"hidden": True})
    row = 0
    for rec in read_plan(src):
        if len(rec) < 21:
            continue
        rec = rec[:21]
        h = height(rec, header=row == 0)
        if h:
            ws.set_row(row, h)
        if row == 0:
            for c, v in enumerate(rec):
                ws.write_string(0, c, v, header)
            ws.write_string(0, 21, "suivi_id")
            ws.write_string(0, 22, "suivi_version")
            row += 1
            continue
        b = 1 if rec[4] == "Oui" else 0
        for c, v in enumerate(rec):
            f = locked if c == 3 and b else fmt[b][CENTER[c]]
            if c == 1:
                ws.write_number(row, 1, float(v), f)
            elif v == "":
                ws.write_blank(row, c, None, f)
            else:
                ws.write_string(row, c, v, f)
        ws.write_number(row, 21, row, hidden_id)
        ws.write_number(row, 22, 1, hidden_id)
        row += 1
    ws.freeze_panes(1, 4)
    ws.autofilter(0, 0, max(row - 1, 1), 20)
    for c in (4, 16, 17, 19):
        ws.data_validation(1, c, row + 500, c,
                           {"validate": "list", "source": ["Oui", "Non"]})
    ws.data_validation(1, 11, row + 500, 11, {
        "validate": "list",
        "source": ["Non commencée", "En cours", "Réalisée"]})
    ws.protect("", {"format_cells": True, "format_columns": True,
                    "format_rows": True, "insert_rows": True, "sort": True,
                    "autofilter": True})
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(0)
    ws.set_footer("&LVille de Banc-d'Essai&RPage &P / &N")
    indicators(ws_ind, ind, fmt, header)
    wb.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3])
