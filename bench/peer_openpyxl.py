"""peer_openpyxl.py PLAN.csv INDICATORS.csv OUT.xlsx - the "Plan
d'action" and "Indicateurs" sheets with openpyxl in write_only mode, the
same cells and formats as bench/floor.c as far as write_only allows."""
import sys

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from peer_common import (BLUE_HEADER, BLUE_PRIORITY, CENTER, WIDTHS, height,
                         ind_height, ind_widths, is_integer, read_plan)


def page(ws):
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = 9
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.oddFooter.left.text = "Ville de Banc-d'Essai"
    ws.oddFooter.right.text = "Page &P / &N"


def indicators(wb, src, style):
    """style(b, k, cell) applies the formats of bench/floor.c."""
    ws = wb.create_sheet("Indicateurs")
    ws.freeze_panes = "D2"
    page(ws)
    rows = read_plan(src)
    head = next(rows)
    ncols = len(head) - 1
    w = ind_widths(ncols)
    for c, x in enumerate(w):
        ws.column_dimensions[get_column_letter(c + 1)].width = x
    ws.row_dimensions[1].height = 2 * 13.8 + 3
    cells = []
    for c, v in enumerate(head[:ncols]):
        cell = WriteOnlyCell(ws, value=float(v) if 6 <= c < ncols - 2 else v)
        style(None, None, cell)
        cells.append(cell)
    ws.append(cells)
    row = 1
    for rec in rows:
        if len(rec) != ncols + 1:
            continue
        h = ind_height(rec[:ncols], w)
        if h:
            ws.row_dimensions[row + 1].height = h
        b = rec[-1] == "Oui"
        cells = []
        for c, v in enumerate(rec[:ncols]):
            k = 0 if c in (1, 2, ncols - 2) else 1
            if 4 <= c < ncols - 2 and is_integer(v):
                cell = WriteOnlyCell(ws, value=float(v))
            else:
                cell = WriteOnlyCell(ws, value=v if v != "" else None)
                if v != "":
                    cell.data_type = "s"
            style(b, k, cell)
            cells.append(cell)
        ws.append(cells)
        row += 1
    dv = DataValidation(type="list", formula1='"Oui,Non"')
    last = get_column_letter(ncols)
    dv.add("%s2:%s%d" % (last, last, max(row - 1, 1) + 501))
    ws.data_validations.append(dv)
    if row > 1:
        ws.auto_filter.ref = "A1:%s%d" % (last, row)


def main(src, ind, dst):
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Plan d'action")
    side = Side(style="thin", color="A6A6A6")
    border = Border(left=side, right=side, top=side, bottom=side)
    blue = PatternFill("solid", fgColor=BLUE_PRIORITY)
    unlocked = Protection(locked=False)
    align = [Alignment(wrap_text=True, vertical="top"),
             Alignment(wrap_text=True, vertical="top", horizontal="center")]
    hside = Side(style="thin")
    hfont = Font(bold=True, color="FFFFFF")
    hfill = PatternFill("solid", fgColor=BLUE_HEADER)
    halign = Alignment(wrap_text=True, horizontal="center",
                       vertical="center")
    hborder = Border(left=hside, right=hside, top=hside, bottom=hside)
    bold = Font(bold=True)
    for c, w in enumerate(WIDTHS):
        ws.column_dimensions[get_column_letter(c + 1)].width = w
    for c in (22, 23):
        ws.column_dimensions[get_column_letter(c)].hidden = True
    ws.freeze_panes = "E2"
    page(ws)
    ws.protection.sheet = True
    row = 0
    for rec in read_plan(src):
        if len(rec) < 21:
            continue
        rec = rec[:21]
        h = height(rec, header=row == 0)
        if h:
            ws.row_dimensions[row + 1].height = h
        cells = []
        if row == 0:
            for v in rec:
                cell = WriteOnlyCell(ws, value=v)
                cell.font = hfont
                cell.fill = hfill
                cell.alignment = halign
                cell.border = hborder
                cell.protection = unlocked
                cells.append(cell)
            cells += ["suivi_id", "suivi_version"]
            ws.append(cells)
            row += 1
            continue
        b = rec[4] == "Oui"
        for c, v in enumerate(rec):
            cell = WriteOnlyCell(ws, value=float(v) if c == 1 else
                                 (v if v != "" else None))
            if c == 1:
                cell.data_type = "n"
            elif v != "":
                cell.data_type = "s"
            cell.alignment = align[CENTER[c]]
            cell.border = border
            if b:
                cell.fill = blue
            if c == 3 and b:
                cell.font = bold
            else:
                cell.protection = unlocked
            cells.append(cell)
        cells += [row, 1]
        ws.append(cells)
        row += 1
    ws.auto_filter.ref = "A1:U%d" % max(row, 2)
    dv = DataValidation(type="list", formula1='"Oui,Non"')
    for rng in ("E2:E%d", "Q2:R%d", "T2:T%d"):
        dv.add(rng % (row + 500))
    ws.data_validations.append(dv)
    dv = DataValidation(type="list",
                        formula1='"Non commencée,En cours,Réalisée"')
    dv.add("L2:L%d" % (row + 500))
    ws.data_validations.append(dv)

    def style(b, k, cell):
        if b is None:
            cell.font = hfont
            cell.fill = hfill
            cell.alignment = halign
            cell.border = hborder
            cell.protection = unlocked
            return
        cell.alignment = align[k]
        cell.border = border
        cell.protection = unlocked
        if b:
            cell.fill = blue

    indicators(wb, ind, style)
    wb.save(dst)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3])
