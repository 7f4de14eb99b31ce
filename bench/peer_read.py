"""peer_read.py xlsx|csv FILE - the import peers: reads every cell of the
"Plan d'action" sheet with openpyxl (read_only mode), or every field of
the CSV with Python's csv module, and prints how many rows and cells
were read (so that the work cannot be skipped)."""
import sys

from peer_common import read_plan


def read_xlsx(path):
    from openpyxl import load_workbook
    wb = load_workbook(path, read_only=True, data_only=True)
    ws = wb["Plan d'action"]
    rows = cells = 0
    for r in ws.iter_rows(values_only=True):
        rows += 1
        cells += sum(1 for v in r if v is not None)
    wb.close()
    return rows, cells


def read_csv(path):
    rows = cells = 0
    for rec in read_plan(path):
        rows += 1
        cells += sum(1 for v in rec if v != "")
    return rows, cells


if __name__ == "__main__":
    kind, path = sys.argv[1], sys.argv[2]
    rows, cells = read_xlsx(path) if kind == "xlsx" else read_csv(path)
    print(rows, cells)
