#!/usr/bin/python3
"""Fits and plots the cost curve measured by bench/cost_curve.sh.

Usage: cost_curve_report.py --tsv cost-curve.tsv --out DIR

Per size, the rows with status "ok" are combined: for every time and memory column the smallest
value of the runs (noise on a shared host only adds), for counts and sizes on disk the first run.
Each measure is fitted by least squares on log-log axes, y = a * size^b: b is the exponent, 2^b the
factor per doubling of the corpus. The fit is projected to 100x, and the size at which it crosses
the budget of a 2-core, 24 GiB machine (the table BUDGETS below) is solved for.
Writes DIR/cost-curve.md (tables), DIR/cost-curve.dat and DIR/cost-curve.gp, and runs gnuplot
for DIR/cost-curve.png.
"""
import argparse
import csv
import math
import os
import subprocess

# column, label, unit, budget on a 2-core, 24 GiB machine (None: no budget), why that budget
MEASURES = [
    ("ingest_s", "full ingest, wall", "s", 3600,
     "1 h: a full rebuild (format change, new extractor) fits an operator's maintenance window"),
    ("ingest_cpu_s", "full ingest, CPU (user+sys)", "s", None, ""),
    ("ingest_peak_mib", "full ingest, peak RSS", "MiB", 22 * 1024,
     "22 GiB: 23.5 GiB MemTotal, no swap, less the OS and sshd/nginx"),
    ("snapshot_mib", "snapshot on disk", "MiB", None, ""),
    ("index_mib", "Xapian index on disk", "MiB", None, ""),
    ("graph_mib", "graph.bin on disk", "MiB", None, ""),
    ("start_s", "server start to /healthz 200", "s", 60,
     "60 s: a restarted replica is out of the pool no longer than a minute"),
    ("start_cpu_s", "server start, CPU", "s", None, ""),
    ("start_rss_mib", "server RSS after start", "MiB", 22 * 1024, "22 GiB as above"),
    ("serve_hwm_mib", "server peak RSS after the query runs", "MiB", 22 * 1024, "22 GiB as above"),
    ("follow_hwm_mib", "serve --follow peak RSS (graph served + graph built)", "MiB", 22 * 1024,
     "22 GiB as above"),
    ("search_p50_ms", "uncached search p50 (sequential)", "ms", None, ""),
    ("search_p99_ms", "uncached search p99 (sequential)", "ms", 25, "25 ms: issue 19's p99 target"),
    ("search_cpu_ms", "server CPU per uncached search", "ms", None, ""),
    ("floor_p50_ms", "Xapian floor p50 (same queries)", "ms", None, ""),
    ("nbhd_p99_ms", "neighbourhood p99 (HTTP, uncached)", "ms", 10, "10 ms: issue 4's target"),
    ("paths_p99_ms", "paths p99 (HTTP, uncached)", "ms", 10, "10 ms: issue 4's target"),
    ("nbhd_cpu_ms", "server CPU per neighbourhood request", "ms", None, ""),
    ("paths_cpu_ms", "server CPU per paths request", "ms", None, ""),
    ("lib_nbhd2_us", "2-hop neighbourhood, library (mean)", "µs", None, ""),
    ("lib_path_us", "shortest path, library (mean)", "µs", None, ""),
    ("lib_pagerank_ms", "PageRank, whole graph", "ms", None, ""),
    ("follow_start_s", "serve --follow: first ingest in the server", "s", None, ""),
    ("follow_start_cpu_s", "serve --follow: start + first ingest, CPU", "s", None, ""),
    ("refresh_new_version_ms", "refresh: new dated version searchable", "ms", 2000,
     "2 s: issue 5's target (issue 19 asks 1 s)"),
    ("refresh_article_ms", "refresh: changed article searchable", "ms", 2000,
     "2 s: issue 5's target (issue 19 asks 1 s)"),
    ("refresh_new_version_cpu_s", "refresh (new version), server CPU to commit", "s", None, ""),
    ("refresh_article_cpu_s", "refresh (one article), server CPU to commit", "s", None, ""),
]
FIRST_RUN = {"files", "nodes", "edges", "documents", "snapshot_mib", "index_mib", "graph_mib"}


def num(v):
    try:
        return float(v)
    except (TypeError, ValueError):
        return None


def fit(xs, ys):
    """Least squares on log-log: returns (a, b) of y = a * x^b, or None."""
    pts = [(math.log(x), math.log(y)) for x, y in zip(xs, ys) if y is not None and y > 0]
    if len(pts) < 2:
        return None
    n = len(pts)
    mx = sum(p[0] for p in pts) / n
    my = sum(p[1] for p in pts) / n
    sxx = sum((p[0] - mx) ** 2 for p in pts)
    if sxx == 0:
        return None
    b = sum((p[0] - mx) * (p[1] - my) for p in pts) / sxx
    return math.exp(my - b * mx), b


def fmt(v, unit=""):
    if v is None:
        return "–"
    if unit == "MiB" and v >= 1024:
        return f"{v / 1024:.1f} GiB"
    if unit == "ms" and v >= 1000:
        return f"{v / 1000:.2f} s"
    if unit == "s" and v >= 3600:
        return f"{v / 3600:.1f} h"
    if abs(v) >= 100:
        return f"{v:,.0f} {unit}".strip()
    if abs(v) >= 10:
        return f"{v:.1f} {unit}".strip()
    return f"{v:.2f} {unit}".strip()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tsv", required=True)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    with open(args.tsv, encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    ok = [r for r in rows if r["status"] == "ok"]
    skipped = [r for r in rows if r["status"] != "ok"]
    sizes = sorted({int(r["size"]) for r in ok})
    agg = {}
    for s in sizes:
        runs = [r for r in ok if int(r["size"]) == s]
        a = {"runs": len(runs), "loads": [r["load_ingest"] for r in runs]}
        for col in rows[0].keys():
            vals = [num(r[col]) for r in runs]
            vals = [v for v in vals if v is not None]
            if not vals:
                a[col] = None
            elif col in FIRST_RUN:
                a[col] = vals[0]
            else:
                a[col] = min(vals)
        agg[s] = a

    md = []
    measured = ", ".join(f"{s}x ({agg[s]['runs']} run{'s' if agg[s]['runs'] > 1 else ''})"
                         for s in sizes)
    md.append(f"Sizes measured: {measured}."
              + (" Not measured: " + "; ".join(f"{r['size']}x ({r['status']})" for r in skipped) + "."
                 if skipped else ""))
    md.append("")
    head = "| measure | " + " | ".join(f"{s}x" for s in sizes) + " |"
    md.append(head)
    md.append("|---|" + "---:|" * len(sizes))
    for col, label in [("files", "source files"), ("nodes", "graph nodes"), ("edges", "graph edges"),
                       ("documents", "index documents")]:
        md.append(f"| {label} | " + " | ".join(fmt(agg[s][col]) for s in sizes) + " |")
    for col, label, unit, _, _ in MEASURES:
        md.append(f"| {label} | " + " | ".join(fmt(agg[s].get(col), unit) for s in sizes) + " |")
    for col, label in [("load_ingest", "load average (1 min) before the ingest"),
                       ("load_search", "load average before the searches"),
                       ("load_refresh", "load average before the refreshes")]:
        md.append(f"| {label} | " + " | ".join(
            ", ".join(r[col] for r in ok if int(r["size"]) == s) for s in sizes) + " |")
    md.append("")
    md.append("Fits on log-log axes, y = a·size^b (least squares over the sizes above): b is the "
              "exponent (1 = linear), 2^b the factor per doubling of the corpus.")
    md.append("")
    md.append("| measure | b | per doubling | fit at 100x | budget (2 cores, 24 GiB) | reached at |")
    md.append("|---|---:|---:|---:|---|---:|")
    for col, label, unit, budget, why in MEASURES:
        f = fit(sizes, [agg[s].get(col) for s in sizes])
        if f is None:
            md.append(f"| {label} | – | – | – | {why or '–'} | – |")
            continue
        a, b = f
        at100 = a * 100 ** b
        reached = "–"
        if budget is not None:
            if b > 0.05:
                x = (budget / a) ** (1 / b)
                reached = f"{x:,.1f}x" if x < 1000 else "> 1000x"
                if x < 1:
                    reached = "already (1x)"
            else:
                reached = "flat: never" if at100 < budget else "already"
        md.append(f"| {label} | {b:.2f} | {2 ** b:.2f}x | {fmt(at100, unit)} | "
                  f"{why or '–'} | {reached} |")
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "cost-curve.md"), "w", encoding="utf-8") as f:
        f.write("\n".join(md) + "\n")

    # gnuplot: one data file, four panels on log-log axes
    cols = ["size"] + [m[0] for m in MEASURES]
    dat = os.path.join(args.out, "cost-curve.dat")
    with open(dat, "w") as f:
        f.write("# " + " ".join(cols) + "\n")
        for s in sizes:
            f.write(" ".join(str(s) if c == "size" else
                             ("NaN" if agg[s].get(c) is None else repr(agg[s][c])) for c in cols) + "\n")
    ci = {c: i + 1 for i, c in enumerate(cols)}

    def series(items):
        out = []
        for c, scale, t in items:
            y = f"(${ci[c]}{scale})" if scale else f"{ci[c]}"
            out.append(f"'cost-curve.dat' using 1:{y} with linespoints lw 2 pt 7 title '{t}'")
        return ", \\\n  ".join(out)

    xt = ", ".join(f'"{s}x" {s}' for s in sizes)
    loads = [num(r[c]) for r in ok for c in r if c.startswith("load_") and num(r[c]) is not None]
    load_lo, load_hi = (min(loads), max(loads)) if loads else (0, 0)
    gp = f"""set terminal pngcairo size 1400,1000 font ",11"
set output 'cost-curve.png'
set multiplot layout 2,2 title "regkg cost curve: synthetic corpora of 1x-{sizes[-1]}x the full corpus (log-log axes; fits and host load in BENCHMARKS.md)"
set logscale xy 2
set xrange [0.8:{sizes[-1] * 1.25}]
set xtics ({xt})
set grid
set format y "%g"
set key top left opaque box
set offsets 0, 0, graph 0.35, 0
set xlabel "corpus size"
set title "CPU seconds (user+sys) to build, start and refresh"
set ylabel "CPU seconds"
plot {series([("ingest_cpu_s", "", "full ingest"), ("follow_start_cpu_s", "", "serve --follow start + first ingest"),
              ("refresh_article_cpu_s", "", "refresh, one article (server)"), ("start_cpu_s", "", "server start")])}, \\
  'cost-curve.dat' using 1:{ci["ingest_s"]} with linespoints dt 2 pt 6 lc rgb "gray40" title 'full ingest, wall (loaded host)'
set title "memory (peak RSS) and disk"
set ylabel "GiB"
plot {series([("ingest_peak_mib", "/1024.", "ingest peak RSS"), ("follow_hwm_mib", "/1024.", "serve --follow peak RSS"),
              ("serve_hwm_mib", "/1024.", "server peak RSS (queries)"), ("snapshot_mib", "/1024.", "snapshot on disk"),
              ("index_mib", "/1024.", "index on disk"), ("graph_mib", "/1024.", "graph.bin on disk")])}, \\
  22 with lines dt 2 lc rgb "red" title "22 GiB usable of 24"
set title "work per query: server CPU per request, library and Xapian times"
set ylabel "ms"
plot {series([("search_cpu_ms", "", "server CPU per uncached search"), ("floor_p50_ms", "", "Xapian floor p50 (wall)"),
              ("nbhd_cpu_ms", "", "server CPU per neighbourhood"), ("paths_cpu_ms", "", "server CPU per paths"),
              ("lib_nbhd2_us", "/1000.", "library 2-hop (uncapped), mean"), ("lib_path_us", "/1000.", "library path, mean"),
              ("lib_pagerank_ms", "", "library PageRank")])}
set title "wall latency (host load average {load_lo:g}-{load_hi:g} on 2 cores)"
set ylabel "ms"
plot {series([("search_p50_ms", "", "search p50"), ("search_p99_ms", "", "search p99"),
              ("nbhd_p99_ms", "", "neighbourhood p99"), ("paths_p99_ms", "", "paths p99"),
              ("refresh_article_ms", "", "refresh, one article"), ("refresh_new_version_ms", "", "refresh, new version")])}, \\
  2000 with lines dt 2 lc rgb "red" title "2 s (issue 5)"
unset multiplot
"""
    gpf = os.path.join(args.out, "cost-curve.gp")
    with open(gpf, "w") as f:
        f.write(gp)
    subprocess.run(["gnuplot", "cost-curve.gp"], check=True, cwd=args.out)
    print("\n".join(md))


if __name__ == "__main__":
    main()
