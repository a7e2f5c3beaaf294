#!/usr/bin/env python3
"""Pathological page shapes, and how Pith's time grows with their size (issue 11).

    python3 scripts/bench-linear.py [--pith target/release/pith] [--sizes 1,4,16] [--kinds a,b]

For each kind and size (MB) it writes a generated page to a temporary directory, runs
`pith extract --format text` on it once and prints seconds and seconds per MB. A kind is linear
when its time per MB stays flat as the size grows; the last column is the ratio of the time per MB
at the largest size to that at the smallest (the issue's target: within 1.5x).
Pages are generated, never taken from a dataset.
"""
import argparse, os, subprocess, sys, tempfile, time

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
    "attributes": lambda mb: "<article><p " + " ".join(f"a{i}='v'" for i in range(int(mb * 150_000))) + ">" + prose(0)[3:] + "</article>",
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


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pith", default="target/release/pith")
    ap.add_argument("--sizes", default="1,4,16")
    ap.add_argument("--kinds", default=",".join(KINDS))
    args = ap.parse_args()
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
                r = subprocess.run([args.pith, "extract", "--format", "text", path], capture_output=True, timeout=600)
                secs = time.perf_counter() - t
                real_mb = len(html) / 1_000_000
                per_mb.append(secs / real_mb)
                mark = "" if r.returncode == 0 else "*"
                row += f"{secs:>10.2f}{mark:1}{secs / real_mb:>8.3f}"
            row += f"{per_mb[-1] / per_mb[0]:>8.2f}"
            print(row, flush=True)
    print("(* = pith exited non-zero: a refusal such as 'too large' or 'no content', still timed)")


if __name__ == "__main__":
    sys.exit(main())
