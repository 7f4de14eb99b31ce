"""peer_openpyxl.py PLAN.csv OUT.xlsx - the "Plan d'action" sheet with
openpyxl in write_only mode, the same cells and formats as bench/floor.c
as far as write_only allows (row heights are set on the rows)."""
import sys

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from peer_common import (BLUE_HEADER, BLUE_PRIORITY, CENTER, WIDTHS, height,
                         read_plan)


def main(src, dst):
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
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = 9
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.oddFooter.left.text = "Ville de Banc-d'Essai"
    ws.oddFooter.right.text = "Page &P / &N"
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
    wb.save(dst)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
