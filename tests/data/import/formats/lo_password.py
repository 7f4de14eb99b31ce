#!/usr/bin/python3
# lo_password.py SRC OUT FILTER [OUT FILTER...] - opens SRC in LibreOffice
# headless through UNO and stores it with the password "secret" under each
# filter (what a person does with « Enregistrer avec mot de passe »).
import sys, time, subprocess, os, uno
from com.sun.star.beans import PropertyValue
def pv(n, v):
    p = PropertyValue(); p.Name = n; p.Value = v; return p
src, pipe = os.path.abspath(sys.argv[1]), "suivipw%d" % os.getpid()
proc = subprocess.Popen(["soffice", "--headless", "--invisible", "--norestore",
    "--accept=pipe,name=%s;urp;" % pipe], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
try:
    local = uno.getComponentContext()
    res = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    for i in range(120):
        try:
            ctx = res.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe); break
        except Exception:
            time.sleep(0.5)
    desk = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    doc = desk.loadComponentFromURL(uno.systemPathToFileUrl(src), "_blank", 0, (pv("Hidden", True),))
    for out, filt in zip(sys.argv[2::2], sys.argv[3::2]):
        doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(out)), (pv("FilterName", filt), pv("Password", "secret")))
    doc.close(True)
    try: desk.terminate()
    except Exception: pass
finally:
    try: proc.wait(timeout=20)
    except Exception: proc.kill()
