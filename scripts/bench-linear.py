#!/usr/bin/env python3
"""Pathological page shapes, and how Pith's time grows with their size (issue 11).

    python3 scripts/bench-linear.py [--pith target/release/pith] [--sizes 1,4,16] [--kinds a,b]
                                    [--svg docs/linear-time.svg]
    python3 scripts/bench-linear.py --check [--sizes 20]   (the blow-up test `make test` runs)

For each kind and size (MB) it writes a generated page to a temporary directory, runs
`pith extract --format text` on it once and prints seconds and seconds per MB. A kind is linear
when its time per MB stays flat as the size grows; the last column is the ratio of the time per MB
at the largest size to that at 1 MB (or the smallest size; the issue's target: within 1.5x).
With --check it is a test: every kind at each size must finish within CHECK_SECONDS_PER_MB
(generous: it catches a blow-up, not a slowdown; the slowest kind takes under 1 s/MB) and must
neither crash nor time out; a refusal ("no content") is an answer. With --svg it also draws time against size on log-log axes, one line per kind (a linear kind is
a line of slope 1, parallel to the dotted guide). Pages are generated, never taken from a dataset.
"""
import argparse, math, os, subprocess, sys, tempfile, time

WORDS = "the river rose all winter and the mill stood idle while the town argued about the bridge".split()


def prose(i):
    return "<p>" + " ".join(WORDS[(i + k) % len(WORDS)] for k in range(80)) + ".</p>"


def repeat(unit, mb, head="<article>", tail="</article>"):
    """A page of `unit(i)` repeated until it is `mb` megabytes."""
    out, size, i = [head], 0, 0
    target = int(mb * 1_000_000)
    while size < target:
        s = unit(i)
        out.append(s)
        size += len(s)
        i += 1
    out.append(tail)
    return "".join(out)


def nested(open_tag, close_tag, inner, mb):
    n = max(1, int(mb * 1_000_000) // (len(open_tag) + len(close_tag) + len(inner)))
    return (open_tag + inner) * n + close_tag * n


KINDS = {
    "prose": lambda mb: repeat(prose, mb),
    "link-rows": lambda mb: repeat(lambda i: f"<div><a href='/p{i}'>link number {i}</a></div>", mb, "", ""),
    "siblings": lambda mb: repeat(lambda i: f"<p>word number {i} here</p>", mb),
    "deep-nesting": lambda mb: nested("<div>", "</div>", "text ", mb),
    "text-node": lambda mb: "<article><p>" + ("word " * int(mb * 200_000)) + "</p></article>",
    "attributes": lambda mb: "<article><p " + " ".join(f"a{i}='v'" for i in range(int(mb * 85_000))) + ">" + prose(0)[3:] + "</article>",
    "tiny-paragraphs": lambda mb: repeat(lambda i: "<p>a</p>", mb),
    "table": lambda mb: "<article>" + prose(0) + "<table><thead><tr><th>h</th><th>a</th><th>b</th><th>c</th><th>d</th><th>e</th></tr></thead>"
    + repeat(lambda i: f"<tr><td>{i}</td><td>{i % 97}</td><td>{i % 89}</td><td>{i % 83}</td><td>{i % 79}</td><td>{i % 73}</td></tr>", mb, "", "")
    + "</table></article>",
    "nested-tables": lambda mb: "<article>" + prose(0) + nested("<table><tr><td>", "</td></tr></table>", "cell ", mb) + "</article>",
    "brs": lambda mb: "<article>" + prose(0) + repeat(lambda i: "line<br>", mb, "<div>", "</div>") + "</article>",
    "inline": lambda mb: repeat(lambda i: "<span><b>x</b><i>y</i></span> ", mb, "<article><p>", "</p></article>"),
    "only-links": lambda mb: repeat(lambda i: f"<a href='/l{i}'>l{i}</a> ", mb, "<body>", "</body>"),
    "only-images": lambda mb: repeat(lambda i: f"<img src='/i{i}.jpg' alt='picture {i}'>", mb, "<body>", "</body>"),
}


def page(kind, mb):
    return f"<!DOCTYPE html><html><head><title>Generated {kind}</title></head><body>{KINDS[kind](mb)}</body></html>"


CHECK_SECONDS_PER_MB = 3.0

COLOURS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
           "#bcbd22", "#17becf", "#393b79", "#637939", "#843c39"]


def svg_plot(results, path, ticks):
    """results: {kind: [(mb, seconds)]} -> a log-log SVG (written by hand: no plotting library);
    ticks: the sizes asked for (MB), labelled on the x axis."""
    pts = [(mb, s) for rows in results.values() for mb, s in rows if s > 0]
    x0, x1 = math.log10(min(p[0] for p in pts)), math.log10(max(p[0] for p in pts))
    y0, y1 = math.floor(math.log10(min(p[1] for p in pts))), math.ceil(math.log10(max(p[1] for p in pts)))
    W, H, L, R, T, B = 760, 480, 60, 170, 20, 45
    X = lambda mb: L + (math.log10(mb) - x0) / max(x1 - x0, 1e-9) * (W - L - R)
    Y = lambda s: T + (y1 - math.log10(s)) / max(y1 - y0, 1e-9) * (H - T - B)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" font-family="sans-serif" font-size="11">',
           f'<rect width="{W}" height="{H}" fill="white"/>']
    for e in range(y0, y1 + 1):
        y = Y(10 ** e)
        out.append(f'<line x1="{L}" y1="{y:.1f}" x2="{W - R}" y2="{y:.1f}" stroke="#ddd"/>')
        out.append(f'<text x="{L - 6}" y="{y + 4:.1f}" text-anchor="end">{10 ** e:g} s</text>')
    for mb in ticks:
        x = X(mb)
        out.append(f'<line x1="{x:.1f}" y1="{T}" x2="{x:.1f}" y2="{H - B}" stroke="#eee"/>')
        out.append(f'<text x="{x:.1f}" y="{H - B + 15}" text-anchor="middle">{mb:g} MB</text>')
    # A guide of slope 1 (time proportional to size) through the lowest point at the smallest size.
    smallest = min(p[0] for p in pts)
    base = min(s for mb, s in pts if mb == smallest)
    big = max(p[0] for p in pts)
    out.append(f'<line x1="{X(smallest):.1f}" y1="{Y(base):.1f}" x2="{X(big):.1f}" y2="{Y(base * big / smallest):.1f}" '
               'stroke="#000" stroke-dasharray="3,3"/>')
    out.append(f'<text x="{(L + W - R) / 2}" y="{H - 8}" text-anchor="middle">page size (log); dotted: time proportional to size</text>')
    for i, (kind, rows) in enumerate(results.items()):
        c = COLOURS[i % len(COLOURS)]
        line = " ".join(f"{X(mb):.1f},{Y(s):.1f}" for mb, s in rows if s > 0)
        out.append(f'<polyline points="{line}" fill="none" stroke="{c}" stroke-width="1.6"/>')
        out.append(f'<text x="{W - R + 10}" y="{T + 14 * i + 10}" fill="{c}">{kind}</text>')
    out.append("</svg>")
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    with open(path, "w") as f:
        f.write("\n".join(out) + "\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pith", default="target/release/pith")
    ap.add_argument("--sizes", default="1,4,16")
    ap.add_argument("--kinds", default=",".join(KINDS))
    ap.add_argument("--svg", help="also write a log-log plot of time against size here")
    ap.add_argument("--check", action="store_true", help="fail on a crash or on more than CHECK_SECONDS_PER_MB")
    args = ap.parse_args()
    failures = []
    results = {}
    sizes = [float(s) for s in args.sizes.split(",")]
    print(f"{'kind':<16}" + "".join(f"{f'{s:g} MB s':>11}{'s/MB':>8}" for s in sizes) + f"{'ratio':>8}")
    with tempfile.TemporaryDirectory() as tmp:
        for kind in args.kinds.split(","):
            per_mb, row = [], f"{kind:<16}"
            for mb in sizes:
                path = os.path.join(tmp, f"{kind}-{mb}.html")
                html = page(kind, mb)
                with open(path, "w") as f:
                    f.write(html)
                t = time.perf_counter()
                real_mb = len(html) / 1_000_000
                bound = CHECK_SECONDS_PER_MB * max(real_mb, 1.0)
                try:
                    r = subprocess.run([args.pith, "extract", "--format", "text", path], capture_output=True,
                                       timeout=bound * 2 if args.check else 600)
                except subprocess.TimeoutExpired:
                    failures.append(f"{kind} at {real_mb:.1f} MB: no answer within {bound * 2:.0f} s")
                    row += f"{'timeout':>18}"
                    per_mb.append(float("nan"))
                    continue
                secs = time.perf_counter() - t
                # 0: an article; 1: a clear refusal (no content, too large). Anything else is a crash.
                if r.returncode not in (0, 1):
                    failures.append(f"{kind} at {real_mb:.1f} MB: exit {r.returncode}: {r.stderr.decode()[-300:]}")
                if args.check and secs > bound:
                    failures.append(f"{kind} at {real_mb:.1f} MB: {secs:.1f} s, over the bound of {bound:.0f} s")
                per_mb.append(secs / real_mb)
                results.setdefault(kind, []).append((real_mb, secs))
                mark = "" if r.returncode == 0 else "*"
                row += f"{secs:>10.2f}{mark:1}{secs / real_mb:>8.3f}"
            # Against 1 MB where measured: below it, process start-up dominates the time.
            ref = sizes.index(1.0) if 1.0 in sizes else 0
            row += f"{per_mb[-1] / per_mb[ref]:>8.2f}"
            print(row, flush=True)
    if args.svg:
        svg_plot(results, args.svg, sizes)
    if failures:
        print("bench-linear FAILED:\n  " + "\n  ".join(failures), file=sys.stderr)
        return 1
    print("(* = pith exited non-zero: a refusal such as 'too large' or 'no content', still timed)")


if __name__ == "__main__":
    sys.exit(main())
