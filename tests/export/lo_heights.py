#!/usr/bin/python3
"""lo_heights.py XLSX SHEET WORKDIR - compares the row heights suivi wrote
in a sheet (its name) with the optimal heights LibreOffice computes for
the same rows (python3-uno; starts its own headless soffice and stops it
by its PID). Prints one line per row, then: total ours, total
LibreOffice, the worst ratio and how many rows are within 10 %.
Exit status 1 when the total differs by more than 10 %."""
import os, subprocess, sys, time
import uno
from com.sun.star.beans import PropertyValue

src, sheet_name, work = sys.argv[1], sys.argv[2], sys.argv[3]
os.makedirs(work, exist_ok=True)
port = 2000 + os.getpid() % 20000
proc = subprocess.Popen(["soffice", "-env:UserInstallation=file://" + work +
                         "/prof", "--headless", "--invisible", "--norestore",
                         "--accept=socket,host=127.0.0.1,port=%d;urp;" % port],
                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
try:
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(120):
        try:
            ctx = resolver.resolve("uno:socket,host=127.0.0.1,port=%d;urp;"
                                   "StarOffice.ComponentContext" % port)
            break
        except Exception:
            time.sleep(0.5)
    else:
        sys.exit("soffice did not answer")
    desktop = ctx.ServiceManager.createInstanceWithContext(
        "com.sun.star.frame.Desktop", ctx)
    hidden = PropertyValue()
    hidden.Name, hidden.Value = "Hidden", True
    doc = desktop.loadComponentFromURL(
        uno.systemPathToFileUrl(os.path.abspath(src)), "_blank", 0, (hidden,))
    sh = doc.Sheets.getByName(sheet_name)
    cur = sh.createCursor()
    cur.gotoEndOfUsedArea(False)
    last = cur.RangeAddress.EndRow
    rows = sh.Rows
    ours = [rows.getByIndex(r).Height for r in range(last + 1)]
    for r in range(last + 1):
        rows.getByIndex(r).OptimalHeight = True
    lo = [rows.getByIndex(r).Height for r in range(last + 1)]
    doc.close(True)
finally:
    proc.terminate()
    proc.wait()
to = tl = 0.0
worst, within, n = 1.0, 0, 0
for r in range(1, last + 1):
    a, b = ours[r] / 35.28, lo[r] / 35.28      # 1/100 mm -> pt
    if b <= 0:
        continue
    q = a / b
    n += 1
    to += a
    tl += b
    within += abs(q - 1) <= 0.10
    if abs(q - 1) > abs(worst - 1):
        worst = q
    print("row %d ours %.1f lo %.1f ratio %.2f" % (r + 1, a, b, q))
print("total ours %.1f lo %.1f (%+.1f %%) worst %.2f within10 %d/%d" %
      (to, tl, 100 * (to / tl - 1), worst, within, n))
sys.exit(0 if abs(to / tl - 1) <= 0.10 else 1)
