#!/usr/bin/python3
"""bench.py - the benchmarks of suivi (issue 8, SPEC section 9).

Run by `make bench` (N = 1,000, 10,000 and 100,000) or `make bench QUICK=1`
(N = 1,000 and 10,000), after the Makefile has built ./suivi and the C
helpers of bench/ into build/bench/. For each N:

- generates (once, cached in bench/out/) a synthetic plan as a suivi
  database and as the equivalent CSV (bench/gen.c);
- export: `suivi export` against bench/floor.c (libxlsxwriter,
  constant_memory), Python XlsxWriter, openpyxl (write_only) and
  LibreOffice's CSV to XLSX conversion (N <= 10,000, when installed);
- import: `suivi import` of that XLSX and of the CSV into an empty
  database, against bench/import_floor.c (libzip + expat reading, then
  plain SQLite inserts), openpyxl (read_only) and Python's csv module;
- command line: list, show, set, check;
- interface: first screen and keystrokes through a pseudo-terminal
  (bench/ptydrive.c), when the interface is there.

Each measure is the median of several runs (5 for N <= 10,000, else 3) of
wall time and peak resident memory of the child (bench/run.c). The tools
compared for export and import run in rounds, one run of each per round,
and their ratios are the medians of the ratios of each round. The table goes to stdout and to bench/results.md.
BENCH_ONLY=export,tui measures those parts only and takes the others from
the last run (bench/out/results.json), dating each part in the report.
"""
import datetime
import hashlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH = os.path.join(ROOT, "bench")
OUT = os.path.join(BENCH, "out")
BIN = os.path.join(ROOT, "build", "bench")
SUIVI = os.environ.get("BENCH_SUIVI") or os.path.join(ROOT, "suivi")
RUN = os.path.join(BIN, "run")
PY = "/usr/bin/python3"
YEAR = "2024"
QUICK = os.environ.get("QUICK", "0") == "1"
SIZES = [int(x) for x in os.environ.get(
    "BENCH_SIZES", "1000,10000" if QUICK else "1000,10000,100000").split(",")]
ENV = dict(os.environ, SUIVI_DATA=os.path.join(ROOT, "data"),
           SOURCE_DATE_EPOCH="1731664800", SUIVI_USER="banc-d-essai",
           LANG="C.UTF-8", LC_ALL="C.UTF-8", TERM="xterm-256color")
ENV.pop("SUIVI_DB", None)
NA = "non disponible"

results = []    # dicts: section, tool, n, wall, rss, runs, note


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def runs_for(n):
    return 5 if n <= 10000 else 3


def fmt_n(n):
    return "{:,}".format(n).replace(",", "\u202f")


# ---- Measuring ----

def run_once(cmd, stdout=os.devnull, stdin=os.devnull):
    """Runs cmd under bench/run; returns (wall s, rss KiB, status, stderr)."""
    err = os.path.join(OUT, "last.err")
    p = subprocess.run([RUN, "-o", stdout, "-e", err, "-i", stdin, "--"] +
                       cmd, capture_output=True, text=True, env=ENV)
    wall, rss, status = p.stdout.split()
    with open(err, errors="replace") as f:
        msg = f.read()
    return float(wall), int(rss), int(status), msg


def measure(section, tool, n, cmd, runs, before=None, stdout=os.devnull,
            ok=None):
    """Median of runs of cmd; before() runs untimed before each run."""
    walls, rsss = [], []
    for _ in range(runs):
        if before:
            before()
        wall, rss, status, msg = run_once(cmd, stdout)
        if status != 0 or (ok and not ok()):
            # The first line says why (the last one often only that
            # nothing was done).
            note = msg.strip().splitlines()[0] if msg.strip() else \
                "code de sortie %d" % status
            if "pas encore disponible" in msg or "non disponible" in msg:
                note = NA
            log("  %-28s N=%-7d %s" % (tool, n, note))
            results.append(dict(section=section, tool=tool, n=n, wall=None,
                                rss=None, runs=0, note=note))
            return None
        walls.append(wall)
        rsss.append(rss)
    r = dict(section=section, tool=tool, n=n, wall=statistics.median(walls),
             lo=min(walls), hi=max(walls), rss=statistics.median(rsss),
             runs=runs, note="")
    log("  %-28s N=%-7d %8.3f s  %8.1f Mo" % (tool, n, r["wall"],
                                                r["rss"] / 1024))
    results.append(r)
    return r


def measure_rounds(section, n, specs, runs):
    """Like measure, for tools compared with each other: each round runs
    every tool once, in turn, so that a change in the machine's speed
    (these machines are shared) falls on all of them alike instead of on
    whichever ran at that moment. specs: (tool, cmd, before, ok) tuples;
    results are recorded in the order of specs."""
    walls = {t[0]: [] for t in specs}
    rsss = {t[0]: [] for t in specs}
    failed = {}
    for _ in range(runs):
        for tool, cmd, before, ok in specs:
            if tool in failed:
                continue
            if before:
                before()
            wall, rss, status, msg = run_once(cmd)
            if status != 0 or (ok and not ok()):
                note = msg.strip().splitlines()[0] if msg.strip() else \
                    "code de sortie %d" % status
                if "pas encore disponible" in msg or \
                        "non disponible" in msg:
                    note = NA
                failed[tool] = note
                continue
            walls[tool].append(wall)
            rsss[tool].append(rss)
    for tool, cmd, before, ok in specs:
        if tool in failed:
            log("  %-28s N=%-7d %s" % (tool, n, failed[tool]))
            results.append(dict(section=section, tool=tool, n=n, wall=None,
                                rss=None, runs=0, note=failed[tool]))
            continue
        r = dict(section=section, tool=tool, n=n,
                 wall=statistics.median(walls[tool]), lo=min(walls[tool]),
                 hi=max(walls[tool]), rss=statistics.median(rsss[tool]),
                 runs=runs, note="", rounds=walls[tool])
        log("  %-28s N=%-7d %8.3f s  %8.1f Mo" % (tool, n, r["wall"],
                                                    r["rss"] / 1024))
        results.append(r)


def add_result(section, tool, n, wall, rss=None, note="", runs=0):
    results.append(dict(section=section, tool=tool, n=n, wall=wall, rss=rss,
                        lo=wall, hi=wall, runs=runs, note=note))


# ---- Data ----

def stamp():
    """Changes when the generated content or the schema would."""
    h = hashlib.sha256()
    for rel in ["bench/gen.c", "data/referentiels/vae-2020-2026.txt"] + \
            sorted("src/store/schema/" + f for f in
                   os.listdir(os.path.join(ROOT, "src/store/schema"))):
        with open(os.path.join(ROOT, rel), "rb") as f:
            h.update(f.read())
    return h.hexdigest()


def dataset(n):
    db = os.path.join(OUT, "plan-%d.db" % n)
    csv = os.path.join(OUT, "plan-%d.csv" % n)
    ind = os.path.join(OUT, "plan-%d-indicateurs.csv" % n)
    st = os.path.join(OUT, "plan-%d.stamp" % n)
    want = stamp()
    if os.path.exists(st) and open(st).read() == want and \
            os.path.exists(db) and os.path.exists(csv) and \
            os.path.exists(ind):
        return db, csv, ind
    for f in (db, db + "-wal", db + "-shm", csv, ind, st):
        if os.path.exists(f):
            os.remove(f)
    log("génération du plan de %s actions..." % fmt_n(n))
    wall, rss, status, msg = run_once([os.path.join(BIN, "gen"), str(n), db,
                                       csv, ind])
    if status:
        sys.exit("gen : " + msg)
    log("  généré en %.1f s" % wall)
    with open(st, "w") as f:
        f.write(want)
    return db, csv, ind


def empty_db():
    path = os.path.join(OUT, "empty.db")
    if not os.path.exists(path):
        subprocess.run([SUIVI, "--db", path, "init", "--collectivite",
                        "Ville de Banc-d'Essai"], env=ENV, check=True,
                       capture_output=True)
    return path


def copy_db(src, dst):
    for suffix in ("-wal", "-shm"):
        if os.path.exists(dst + suffix):
            os.remove(dst + suffix)
    shutil.copyfile(src, dst)
    # Flush the copy now: otherwise the first fsync of the measured
    # command (ext4, data=ordered) also writes the whole copied file.
    os.sync()


def frozen_db(n, db):
    """A copy of the plan of n actions whose review of YEAR is done."""
    path = os.path.join(OUT, "plan-%d-bilan.db" % n)
    if not os.path.exists(path) or \
            os.path.getmtime(path) < os.path.getmtime(db):
        copy_db(db, path)
        subprocess.run([SUIVI, "--db", path, "bilan", YEAR, "--fait",
                        "--oui"], env=ENV, check=True, capture_output=True)
        os.sync()
    return path


# ---- Benches ----

def bench_export(n, db, csv, ind):
    runs = runs_for(n)
    out = os.path.join(OUT, "export-%d.xlsx" % n)
    log("export N=%d" % n)
    tmp = os.path.join(OUT, "peer.xlsx")
    # The same year once its review is done: the export reads the frozen
    # snapshot of the plan (tables snapshot_*) instead of the live one.
    frozen = frozen_db(n, db)
    measure_rounds("export", n, [
        ("suivi export", [SUIVI, "--db", db, "export", "--annee", YEAR,
                          "-o", out], None, None),
        ("suivi export (bilan fait)", [SUIVI, "--db", frozen, "export",
                                       "--annee", YEAR, "-o", os.path.join(
                                           OUT, "export-%d-bilan.xlsx" % n)],
         None, None),
        ("plancher C (libxlsxwriter)", [os.path.join(BIN, "floor"), csv, ind,
                                        tmp], None, None),
        ("Python XlsxWriter", [PY, os.path.join(BENCH, "peer_xlsxwriter.py"),
                               csv, ind, tmp], None, None),
        ("Python openpyxl", [PY, os.path.join(BENCH, "peer_openpyxl.py"),
                             csv, ind, tmp], None, None)], runs)
    lo = shutil.which("soffice") or shutil.which("libreoffice")
    if not lo:
        add_result("export", "LibreOffice (CSV du plan → XLSX)", n, None,
                   note="non installé")
    elif n > 10000:
        add_result("export", "LibreOffice (CSV du plan → XLSX)", n, None,
                   note="non mesuré au-delà de 10 000")
    else:
        prof = "file://" + os.path.join(OUT, "lo-profile")
        lodir = os.path.join(OUT, "lo")
        os.makedirs(lodir, exist_ok=True)
        cmd = [lo, "-env:UserInstallation=" + prof, "--headless",
               "--convert-to", "xlsx:Calc MS Excel 2007 XML",
               "--infilter=CSV:59,34,76,1", "--outdir", lodir, csv]
        lo_out = os.path.join(lodir, os.path.basename(csv)[:-4] + ".xlsx")
        run_once(cmd)   # first start creates the profile: not counted
        measure("export", "LibreOffice (CSV du plan → XLSX)", n, cmd,
                min(runs, 3), ok=lambda: os.path.exists(lo_out))
    return out


def bench_import(n, xlsx, csv):
    runs = runs_for(n)
    target = os.path.join(OUT, "import.db")
    log("import N=%d" % n)

    def fresh():
        copy_db(empty_db(), target)
        # each import saves the database first (<db>.avant-import-...)
        for f in os.listdir(OUT):
            if f.startswith("import.db.avant-import-"):
                os.remove(os.path.join(OUT, f))

    specs = []
    for kind, src in (("XLSX", xlsx), ("CSV", csv)):
        if not os.path.exists(src):
            add_result("import", "suivi import " + kind, n, None,
                       note="pas de fichier")
            continue
        specs.append(("suivi import " + kind,
                      [SUIVI, "--db", target, "import", src], fresh, None))
    if os.path.exists(xlsx):
        floor = os.path.join(BIN, "import_floor")
        specs.append((FLOOR_READ, [floor, xlsx], None, None))
        specs.append((FLOOR_STORE, [floor, xlsx, os.path.join(
            OUT, "floor.db")], None, None))
        specs.append(("openpyxl (lecture XLSX)",
                      [PY, os.path.join(BENCH, "peer_read.py"), "xlsx", xlsx],
                      None, None))
    specs.append(("module csv (lecture CSV)",
                  [PY, os.path.join(BENCH, "peer_read.py"), "csv", csv],
                  None, None))
    measure_rounds("import", n, specs, runs)


FLOOR_READ = "plancher C : lecture (libzip + expat)"
FLOOR_STORE = "plancher C : lecture + écriture SQLite"


def some_ref(n):
    """A ref in the middle of the plan (gen numbers e.k per engagement)."""
    return "3.%d" % max(1, n // 10)


def bench_cli(n, db):
    runs = 5 if n <= 10000 else 3
    work = os.path.join(OUT, "cli.db")
    copy_db(db, work)
    ref = some_ref(n)
    log("ligne de commande N=%d" % n)
    measure("cli", "list", n, [SUIVI, "--db", work, "list"], runs)
    measure("cli", "show", n, [SUIVI, "--db", work, "show", ref], runs)
    state = {"k": 0}

    def flip():
        state["k"] += 1

    # Each run changes the value, so that every set really writes.
    values = ["En cours", "Réalisée"]
    walls = []
    for i in range(runs):
        r = run_once([SUIVI, "--db", work, "set", ref,
                      "progress=" + values[i % 2]])
        if r[2]:
            add_result("cli", "set", n, None, note=r[3].strip()[-120:])
            break
        walls.append(r)
    else:
        add_result("cli", "set", n, statistics.median(w[0] for w in walls),
                   statistics.median(w[1] for w in walls), runs=runs)
        results[-1]["lo"] = min(w[0] for w in walls)
        results[-1]["hi"] = max(w[0] for w in walls)
        log("  %-28s N=%-7d %8.3f s" % ("set", n, results[-1]["wall"]))
    measure("cli", "check", n, [SUIVI, "--db", work, "check", YEAR],
            runs if n < 100000 else 1)


SEARCHES = ["parentalité", "harcèlement", "crèches", "numérique", "bio",
            "handicap", "vacances", "CAF", "adolescents", "animateurs"]


def tui_script(path, moves=1000, searches=100, filters=100):
    """Keys of the interface (src/tui/keys.c): j/k move, / searches, x
    clears, f opens the filter menu (item 4 "Prioritaires seulement"
    toggles, item 9 "Voir les actions" applies)."""
    lines = ["start Quitter"]
    for i in range(moves):
        lines.append("key move %s" % ("j" if i < moves // 2 else "k"))
    for i in range(searches):
        lines.append("send /")
        lines.append("until (n suivante")
        lines.append("key search %s\\r" % SEARCHES[i % len(SEARCHES)])
        lines.append("send x")
    for i in range(filters):
        lines += ["send f", "send jjj", "send \\r", "send jjjjj",
                  "key filter \\r"]
    lines.append("quit q")
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")


def bench_tui(n, db):
    log("interface N=%d" % n)
    work = os.path.join(OUT, "tui.db")
    copy_db(db, work)
    script = os.path.join(OUT, "tui.script")
    tui_script(script)
    p = subprocess.run([os.path.join(BIN, "ptydrive"), "-t", "5000", script,
                        "--", SUIVI, "--db", work], capture_output=True,
                       text=True, env=ENV, timeout=1800)
    times = {}
    rss = None
    for line in p.stdout.splitlines():
        k, _, v = line.partition(" ")
        if k == "rss":
            rss = int(v)
        elif k != "status":
            times.setdefault(k, []).append(None if v == "timeout"
                                           else float(v) / 1000)
    if "start" not in times or times["start"][0] is None:
        note = NA if "pas encore disponible" in p.stderr else \
            "premier écran non obtenu"
        for tool in ("premier écran", "déplacement", "recherche", "filtre"):
            add_result("tui", tool, n, None, note=note)
        log("  interface : " + note)
        return
    add_result("tui", "premier écran", n, times["start"][0], rss, runs=1)
    for key, tool in (("move", "déplacement"), ("search", "recherche"),
                      ("filter", "filtre")):
        v = [t for t in times.get(key, []) if t is not None]
        lost = len(times.get(key, [])) - len(v)
        if not v:
            add_result("tui", tool, n, None, note="aucune mesure")
            continue
        add_result("tui", tool, n, statistics.median(v), runs=len(v),
                   note="%d sans réponse" % lost if lost else "")
        results[-1]["lo"], results[-1]["hi"] = min(v), max(v)
    for r in results[-4:]:
        if r["wall"] is not None:
            log("  %-28s N=%-7d %8.2f ms" % (r["tool"], n, r["wall"] * 1e3))


# ---- Report ----

def machine():
    cpu = "?"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    mem = "?"
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("MemTotal"):
                mem = "%.1f Go" % (int(line.split()[1]) / 1024 / 1024)
    def ver(cmd):
        try:
            return subprocess.run(cmd, capture_output=True, text=True,
                                  env=ENV).stdout.strip().splitlines()[0]
        except (OSError, IndexError):
            return "?"
    return {
        "date": datetime.datetime.now().strftime("%Y-%m-%d %H:%M"),
        "nproc": os.cpu_count(), "cpu": cpu, "mem": mem,
        "kernel": platform.release(),
        "suivi": ver([SUIVI, "--version"]),
        "libxlsxwriter": ver(["dpkg-query", "-W", "-f=${Version}\n",
                             "libxlsxwriter-dev"]),
        "sqlite": ver(["pkg-config", "--modversion", "sqlite3"]),
        "python": platform.python_version(),
        "xlsxwriter": ver([PY, "-c", "import xlsxwriter; "
                           "print(xlsxwriter.__version__)"]),
        "openpyxl": ver([PY, "-c", "import openpyxl; "
                         "print(openpyxl.__version__)"]),
    }


def find(section, tool, n):
    for r in results:
        if r["section"] == section and r["tool"] == tool and r["n"] == n:
            return r
    return None


def secs(v):
    if v is None:
        return "–"
    if v < 0.1:
        return "%.1f ms" % (v * 1e3)
    return "%.2f s" % v


def mb(v):
    return "–" if v is None else "%.1f Mo" % (v / 1024)


def quotient(a, b):
    """a's time over b's: the median of the quotients of each round when
    both were measured in the same rounds (paired: a slowdown of the
    machine during one round falls on both), else of their medians."""
    if not a or not b or a["wall"] is None or b["wall"] is None:
        return None
    ra, rb = a.get("rounds"), b.get("rounds")
    if ra and rb and len(ra) == len(rb):
        return statistics.median(x / y for x, y in zip(ra, rb))
    return a["wall"] / b["wall"]


def ratio(a, b):
    q = quotient(a, b)
    return "–" if q is None else "%.2f×" % q


SECTIONS = [("export", "Export XLSX (feuilles Plan d'action et Indicateurs)", "plancher C "
             "(libxlsxwriter)"),
            ("import", "Import dans une base vide", None),
            ("cli", "Ligne de commande", None),
            ("tui", "Interface (pseudo-terminal 120×40)", None)]


def table():
    out = []
    for sec, title, floor in SECTIONS:
        rows = [r for r in results if r["section"] == sec]
        if not rows:
            continue
        out.append("### " + title + "\n")
        head = "| Outil | N | Temps (médiane) | min – max | Mémoire max |"
        sep = "|---|---:|---:|---:|---:|"
        if sec == "export":
            head += " ÷ plancher | ÷ suivi |"
            sep += "---:|---:|"
        elif sec == "import":
            head += " ÷ plancher | ÷ suivi (même format) |"
            sep += "---:|---:|"
        out += [head, sep]
        for r in rows:
            span = "–" if r["wall"] is None else "%s – %s" % (
                secs(r.get("lo")), secs(r.get("hi")))
            line = "| %s | %s | %s | %s | %s |" % (
                r["tool"], fmt_n(r["n"]), secs(r["wall"]) if r["wall"]
                is not None else (r["note"] or "–"), span, mb(r["rss"]))
            if sec == "export":
                line += " %s | %s |" % (ratio(r, find(sec, floor, r["n"])),
                                        ratio(r, find(sec, "suivi export",
                                                      r["n"])))
            elif sec == "import":
                csv = "csv" in r["tool"].lower()
                mine = "suivi import CSV" if csv else "suivi import XLSX"
                line += " %s | %s |" % (
                    "–" if csv else ratio(r, find(sec, FLOOR_STORE, r["n"])),
                    ratio(r, find(sec, mine, r["n"])))
            if r["wall"] is not None and r["note"]:
                line = line[:-1] + "(" + r["note"] + ") |"
            out.append(line)
        out.append("")
    return "\n".join(out)


def targets():
    """Each target of issue 8 at N = 10,000 and 100,000: met or missed."""
    out = ["| Objectif | N | Mesure | Verdict |", "|---|---:|---:|---|"]

    def verdict(ok):
        return "atteint" if ok else "**manqué**"

    for n in [x for x in SIZES if x >= 10000]:
        s, f = find("export", "suivi export", n), \
            find("export", "plancher C (libxlsxwriter)", n)
        if s and f and s["wall"] and f["wall"]:
            q = quotient(s, f)
            out.append("| Export ≤ 1,15 × plancher | %s | %.2f× | %s |" % (
                fmt_n(n), q, verdict(q <= 1.15)))
        small = find("export", "suivi export", min(SIZES))
        if s and small and s["rss"] and small["rss"]:
            g = s["rss"] / small["rss"]
            out.append("| Mémoire de l'export stable (÷ N=%s) | %s | %s "
                       "(%.1f×) | %s |" % (fmt_n(min(SIZES)), fmt_n(n),
                                          mb(s["rss"]), g, verdict(g <= 2)))
        si, op = find("import", "suivi import XLSX", n), \
            find("import", "openpyxl (lecture XLSX)", n)
        fr = find("import", FLOOR_READ, n)
        if si and op and si["wall"] and op["wall"]:
            q = quotient(op, si)
            v = verdict(q >= 10)
            fq = quotient(op, fr)
            if q < 10 and fq is not None and fq < 10:
                v += (" (hors d'atteinte : la seule lecture du plancher C "
                      "n'est que %.1f× plus rapide)" % fq)
            out.append("| Import XLSX ≥ 10 × plus rapide qu'openpyxl | %s | "
                       "%.1f× | %s |" % (fmt_n(n), q, v))
        elif si:
            out.append("| Import XLSX ≥ 10 × plus rapide qu'openpyxl | %s | "
                       "%s | non mesuré |" % (fmt_n(n), si["note"] or "–"))
        for tool, lim, what in (("premier écran", 0.2, "Premier écran < 200 "
                                 "ms"), ("déplacement", 0.005, "Touche < 5 "
                                         "ms (médiane)"),
                                ("recherche", 0.05, "Recherche < 50 ms")):
            r = find("tui", tool, n)
            if r and r["wall"] is not None:
                out.append("| %s | %s | %s | %s |" % (
                    what, fmt_n(n), secs(r["wall"]),
                    verdict(r["wall"] < lim)))
            elif r:
                out.append("| %s | %s | %s | non mesuré |" % (
                    what, fmt_n(n), r["note"]))
        r = find("cli", "set", n)
        if r and r["wall"] is not None:
            out.append("| `set` < 20 ms | %s | %s | %s |" % (
                fmt_n(n), secs(r["wall"]), verdict(r["wall"] < 0.02)))
    return "\n".join(out)


def parts_dates():
    """Says which parts come from an earlier run (BENCH_ONLY)."""
    names = {"export": "export", "import": "import", "cli": "ligne de "
             "commande", "tui": "interface"}
    if len(set(DATES.values())) <= 1:
        return ""
    lines = ["Parties mesurées à des dates différentes (BENCH_ONLY) : "
             "chaque rapport est pris dans une même exécution."]
    for sec in PARTS:
        if sec in DATES:
            lines.append("- %s : %s" % (names[sec], DATES[sec]))
    return "\n".join(lines) + "\n\n"


def write_report(m):
    text = """# Résultats des bancs d'essai

Produit par `make bench%s` (bench/bench.py) le %s. Voir
docs/performance.md pour ce qui est mesuré et comment relancer.

Machine : %s processeurs, %s, mémoire %s, noyau Linux %s.
Logiciels : %s, libxlsxwriter %s, SQLite %s, Python %s (XlsxWriter %s,
openpyxl %s).

Temps : médiane de %s exécutions (horloge murale) ; mémoire : pic de
mémoire résidente du processus mesuré (médiane). Export et import : les
outils comparés tournent à tour de rôle, une exécution de chacun par
tour, pour qu'une variation de vitesse de la machine les touche tous ;
leurs rapports sont la médiane des rapports de chaque tour.
« ÷ plancher » : temps rapporté à celui du programme C minimal
(bench/floor.c pour l'export, bench/import_floor.c pour l'import : lecture
avec libzip et expat, puis une insertion SQLite par ligne, sans contrôle,
journal ni index de recherche) mesuré dans la même exécution ; « ÷ suivi » : temps de
l'outil rapporté à celui de suivi (au-dessus de 1, suivi est plus
rapide).

%s## Objectifs (issue 8)

%s

## Mesures

%s""" % (" QUICK=1" if QUICK else "", m["date"], m["nproc"], m["cpu"],
         m["mem"], m["kernel"], m["suivi"], m["libxlsxwriter"], m["sqlite"],
         m["python"], m["xlsxwriter"], m["openpyxl"],
         "5 (N ≤ 10 000) ou 3", parts_dates(), targets(), table())
    with open(os.path.join(BENCH, "results.md"), "w") as f:
        f.write(text)
    with open(os.path.join(OUT, "results.json"), "w") as f:
        json.dump(dict(machine=m, results=results, dates=DATES), f,
                  indent=1)
    print(text)


PARTS = ["export", "import", "cli", "tui"]
DATES = {}      # section -> date of the run that measured it


def keep_previous(only, date):
    """With BENCH_ONLY, the parts not measured again are taken from the
    last run (bench/out/results.json), for the same sizes, so that
    results.md stays complete; the report dates each part."""
    for sec in only:
        if sec in PARTS:
            DATES[sec] = date
    path = os.path.join(OUT, "results.json")
    if set(only) >= set(PARTS) or not os.path.exists(path):
        return
    with open(path) as f:
        prev = json.load(f)
    dates = prev.get("dates", {})
    for r in prev["results"]:
        if r["section"] not in only and r["n"] in SIZES:
            results.append(r)
            DATES[r["section"]] = dates.get(r["section"],
                                            prev["machine"]["date"])


def main():
    os.makedirs(OUT, exist_ok=True)
    only = os.environ.get("BENCH_ONLY", ",".join(PARTS)).split(",")
    keep_previous(only, datetime.datetime.now().strftime("%Y-%m-%d %H:%M"))
    for n in SIZES:
        db, csv, ind = dataset(n)
        xlsx = os.path.join(OUT, "export-%d.xlsx" % n)
        if "export" in only:
            xlsx = bench_export(n, db, csv, ind)
        if "import" in only:
            bench_import(n, xlsx, csv)
        if "cli" in only:
            bench_cli(n, db)
        if "tui" in only:
            bench_tui(n, db)
    write_report(machine())


if __name__ == "__main__":
    main()
