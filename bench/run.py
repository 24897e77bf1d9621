#!/usr/bin/env python3
"""Times gagyebu against hledger and ledger on the same generated statements.

Usage: bench/run.py [ROWS ...] [--runs N]      (default: 10000 100000, 3 runs)

Needs a release build (cargo build --release) and, for the comparison, hledger and
ledger on PATH (apt-get install hledger ledger). Correctness first: gagyebu's yearly
spending by category must equal what hledger and ledger compute from gagyebu's own
export of the same store; only then are the timings printed. Medians of N runs, peak
memory (max RSS) from /usr/bin/time, and the ratios.
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


def main():
    args = sys.argv[1:]
    runs = 3
    if "--runs" in args:
        i = args.index("--runs")
        runs = int(args[i + 1])
        del args[i:i + 2]
    sizes = [int(a) for a in args] or [10_000, 100_000]
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
        for tool in peers:
            theirs = totals_from_tool(tool, journal, year)
            if theirs != ours:
                sys.exit(f"{tool} disagrees with gagyebu's report year {year} at {rows} rows:\n"
                         f"gagyebu {ours}\n{tool} {theirs}")
        print(f"\n{rows:,} rows: totals by category for {year} agree with {', '.join(peers) or 'no peer (none installed)'}")
        print(f"  gagyebu import          {t_import:8.3f} s  {rows / t_import:10,.0f} rows/s  peak {m_import / 1024:6.1f} MB")
        print(f"  gagyebu re-import       {t_reimport:8.3f} s  {rows / t_reimport:10,.0f} rows/s  peak {m_reimport / 1024:6.1f} MB")
        print(f"  gagyebu report year     {t_year * 1000:8.1f} ms")
        print(f"  gagyebu report budget   {t_budget * 1000:8.1f} ms")
        print(f"  gagyebu tx list --search{t_search * 1000:8.1f} ms")
        if "hledger" in peers:
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
    print(f"\ngagyebu --version        {t * 1000:8.1f} ms")
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
