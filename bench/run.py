#!/usr/bin/env python3
"""Times gagyebu against hledger and ledger on the same generated statements.

Usage: bench/run.py [ROWS ...] [--runs N] [--hledger-max ROWS]
       (default: 10000 100000 1000000, 3 runs, hledger up to 100000 rows)

Needs a release build (cargo build --release) and, for the comparison, hledger, ledger
and the sqlite3 shell on PATH (apt-get install hledger ledger sqlite3). Correctness
first: gagyebu's yearly spending by category must equal what hledger and ledger compute
from gagyebu's own export of the same store; only then are the timings printed. Medians
of N runs, peak memory (max RSS) from /usr/bin/time, the ratios, and the targets of
issue 7 met or missed. hledger needs about 40 s and 870 MB per 100k rows, so larger
files skip it unless --hledger-max says otherwise.
"""
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import Decimal

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
GAGYEBU = os.path.join(ROOT, "target", "release", "gagyebu")

# hledger reads the CSV itself with these rules: seven categories, like a person's
# first rules file. `decimal-mark .` makes "-123,000" read as thousands, not decimals.
HLEDGER_RULES = """skip 1
fields date, description, comment, amount
decimal-mark .
currency KRW
account1 assets:bank
account2 expenses:other
if 스타벅스|STARBUCKS
  account2 expenses:cafe
if 이마트|홈플러스|WHOLEFDS
  account2 expenses:groceries
if 교보문고|예스24|알라딘
  account2 expenses:books
if 코베아|스노우피크|REI
  account2 expenses:camping
if 하이마트|BEST BUY
  account2 expenses:electronics
if 발베니
  account2 expenses:whisky
if 넷플릭스|NETFLIX
  account2 expenses:subscriptions
"""


def timed(cmd, **kw):
    """Seconds and peak KB of one run."""
    with tempfile.NamedTemporaryFile() as stats:
        start = time.perf_counter()
        out = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", stats.name] + cmd,
                             capture_output=True, text=True, **kw)
        elapsed = time.perf_counter() - start
        if out.returncode != 0:
            sys.exit(f"{' '.join(cmd)} failed:\n{out.stderr}")
        peak = int(open(stats.name).read().split()[-1])
    return elapsed, peak, out.stdout


def median_run(make_cmd, runs, setup=None):
    times, peaks, out = [], [], ""
    for _ in range(runs):
        if setup:
            setup()
        t, p, out = timed(make_cmd())
        times.append(t)
        peaks.append(p)
    return statistics.median(times), max(peaks), out


def gagyebu(db, *args):
    return [GAGYEBU, "--db", db, *args]


def totals_from_tool(tool, journal, year):
    if tool == "hledger":
        out = subprocess.run(["hledger", "-f", journal, "bal", "^expenses:", "-p", str(year),
                              "--flat", "-N", "-O", "csv", "cur:KRW"],
                             capture_output=True, text=True, check=True).stdout
        rows = [l.split('","') for l in out.splitlines()[1:]]
        return {r[0].strip('"'): Decimal(r[1].strip('"').split()[0]) for r in rows}
    out = subprocess.run(["ledger", "-f", journal, "bal", "^expenses:", "-p", str(year), "--flat",
                          "--no-total", "-l", 'commodity == "KRW"', "--balance-format",
                          "%(account)\t%(quantity(scrub(display_total)))\n"],
                         capture_output=True, text=True, check=True).stdout
    return {a: Decimal(n) for a, n in (l.split("\t") for l in out.splitlines() if l.strip())}


def option(args, name, default):
    if name in args:
        i = args.index(name)
        value = int(args[i + 1])
        del args[i:i + 2]
        return value
    return default


def verdict(ok):
    return "target met" if ok else "TARGET MISSED"


def main():
    args = sys.argv[1:]
    runs = option(args, "--runs", 3)
    hledger_max = option(args, "--hledger-max", 100_000)
    sizes = [int(a) for a in args] or [10_000, 100_000, 1_000_000]
    if not os.path.exists(GAGYEBU):
        sys.exit("build first: cargo build --release")
    peers = [t for t in ("hledger", "ledger") if shutil.which(t)]
    work = tempfile.mkdtemp(prefix="gagyebu-bench-")
    rules = os.path.join(work, "bench.rules")
    open(rules, "w").write(HLEDGER_RULES)
    year = 2020
    print(f"machine: {os.cpu_count()} cores, {os.uname().release}; runs: {runs} (medians)")
    for rows in sizes:
        csv = os.path.join(work, f"{rows}.csv")
        with open(csv, "w") as f:
            subprocess.run([sys.executable, os.path.join(HERE, "generate.py"), str(rows)],
                           stdout=f, check=True)
        db = os.path.join(work, f"{rows}.sqlite3")

        def fresh():
            for suffix in ("", "-wal", "-shm"):
                if os.path.exists(db + suffix):
                    os.remove(db + suffix)

        raw = os.path.join(work, "raw.sqlite3")

        def fresh_raw():
            if os.path.exists(raw):
                os.remove(raw)

        t_raw = None
        if shutil.which("sqlite3"):
            # What merely copying the file into SQLite costs: no parsing, no checks.
            t_raw, _, _ = median_run(lambda: ["sqlite3", raw, ".mode csv", f".import {csv} t"],
                                     runs, fresh_raw)
            fresh_raw()
        t_import, m_import, _ = median_run(lambda: gagyebu(db, "import", csv), runs, fresh)
        t_reimport, m_reimport, _ = median_run(lambda: gagyebu(db, "import", csv), runs)
        t_year, _, out = median_run(lambda: gagyebu(db, "--format", "json", "report", "year",
                                                    str(year)), runs)
        ours = {f"expenses:{c['category']}": Decimal(c["total"])
                for c in json.loads(out)["categories"] if Decimal(c["total"]) != 0}
        t_budget, _, _ = median_run(lambda: gagyebu(db, "report", "budget", str(year),
                                                    "--as-of", f"{year}-06-30"), runs)
        t_search, _, _ = median_run(lambda: gagyebu(db, "tx", "list", "--search", "발베니"), runs)
        journal = os.path.join(work, f"{rows}.journal")
        subprocess.run(gagyebu(db, "export", "--to", "ledger", "-o", journal), check=True,
                       capture_output=True)
        checked = [t for t in peers if t != "hledger" or rows <= hledger_max]
        for tool in checked:
            theirs = totals_from_tool(tool, journal, year)
            if theirs != ours:
                sys.exit(f"{tool} disagrees with gagyebu's report year {year} at {rows} rows:\n"
                         f"gagyebu {ours}\n{tool} {theirs}")
        print(f"\n{rows:,} rows: totals by category for {year} agree with {', '.join(checked) or 'no peer (none installed)'}")
        print(f"  gagyebu import          {t_import:8.3f} s  {rows / t_import:10,.0f} rows/s  peak {m_import / 1024:6.1f} MB")
        if t_raw:
            print(f"  sqlite3 .import (raw)   {t_raw:8.3f} s  {rows / t_raw:10,.0f} rows/s  "
                  f"(gagyebu import is {t_import / t_raw:.2f}x that)")
        print(f"  gagyebu re-import       {t_reimport:8.3f} s  {rows / t_reimport:10,.0f} rows/s  peak {m_reimport / 1024:6.1f} MB")
        print(f"  gagyebu report year     {t_year * 1000:8.1f} ms")
        print(f"  gagyebu report budget   {t_budget * 1000:8.1f} ms")
        print(f"  gagyebu tx list --search{t_search * 1000:8.1f} ms")
        if rows >= 1_000_000:
            print(f"  targets at {rows:,} rows:")
            print(f"    import >= 250,000 rows/s: {rows / t_import:,.0f}  {verdict(rows / t_import >= 250_000)}")
            if t_raw:
                print(f"    import <= 2x sqlite3 .import: {t_import / t_raw:.2f}x  {verdict(t_import <= 2 * t_raw)}")
            print(f"    re-import faster than import: {verdict(t_reimport < t_import)}")
            print(f"    report year <= 50 ms: {t_year * 1000:.1f} ms  {verdict(t_year <= 0.05)}")
            print(f"    import peak <= 150 MB: {m_import / 1024:.0f} MB (re-import {m_reimport / 1024:.0f} MB)  "
                  f"{verdict(max(m_import, m_reimport) <= 150 * 1024)}")
        if "hledger" in peers and rows > hledger_max:
            print(f"  hledger csv+rules year  skipped above {hledger_max:,} rows (--hledger-max)")
        elif "hledger" in peers:
            t, m, _ = median_run(lambda: ["hledger", "-f", csv, "--rules-file", rules, "bal",
                                          "expenses", "-M", "-p", str(year)], runs)
            print(f"  hledger csv+rules year  {t:8.3f} s  peak {m / 1024:6.1f} MB  "
                  f"(gagyebu import+report is {t / (t_import + t_year):.1f}x faster)")
        if "ledger" in peers:
            t, m, _ = median_run(lambda: ["ledger", "-f", journal, "bal", "^expenses", "-p",
                                          str(year)], runs)
            print(f"  ledger journal year     {t:8.3f} s  peak {m / 1024:6.1f} MB  "
                  f"(gagyebu report year is {t / t_year:.0f}x faster)")
    t, _, _ = median_run(lambda: [GAGYEBU, "--version"], max(runs, 5))
    print(f"\ngagyebu --version        {t * 1000:8.1f} ms  ({verdict(t <= 0.005)}: <= 5 ms)")
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
