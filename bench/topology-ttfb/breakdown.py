#!/usr/bin/env python3
"""Times of a regional hit at the edge, from breakdown.sh's capture in edge-a.

Usage: breakdown.py OUT_DIR EDGE_URL REGIONAL_CONTROL_URL

Each viewer request in the capture is matched, in order, with the curl line (X-Cache, TTFB) it
answered; for each, four instants as edge-a's namespace first sees the packets (any interface): A the
viewer's request arriving, B the edge's request to the regional cache leaving, C the regional's
first answer packet arriving, D the edge's first answer packet to the viewer leaving. Inbound packets
are seen before the namespace's delay line holds them (2 ms on ran-a's link, 1 ms on the regional
link), outbound ones as the edge sends them.
"""
import re
import statistics
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse

out, edge_url, regional_url = Path(sys.argv[1]), urlparse(sys.argv[2]), urlparse(sys.argv[3])
EDGE = f"{edge_url.hostname}.{edge_url.port}"
REGIONAL = f"{regional_url.hostname}.{regional_url.port}"
LINE = re.compile(r"(\S+) \S+\s+(?:In|Out)\s+IP (\S+) > (\S+): Flags \[[^\]]*\].*length (\d+)")

dump = subprocess.run(["tcpdump", "-r", str(out / "edge-a.pcap"), "-tt", "-n"],
                      capture_output=True, text=True, check=True).stdout
events, seen = [], {}
for line in dump.splitlines():
    m = LINE.match(line)
    if not m or int(m.group(4)) == 0:
        continue
    t, src, dst, length = float(m.group(1)), m.group(2), m.group(3).rstrip(":"), int(m.group(4))
    packet = (src, dst, length)
    if packet in seen and t - seen[packet] < 0.005:  # the same packet on the next interface
        continue
    seen[packet] = t
    if dst == EDGE and not src.startswith("10.200."):
        events.append((t, "A"))
    elif dst == REGIONAL and length > 100:  # a request, not a TLS alert or a bare ACK
        events.append((t, "B"))
    elif src == REGIONAL:
        events.append((t, "C"))
    elif src == EDGE and not dst.startswith("10.200."):
        events.append((t, "D"))
events.sort()
requests = []
for t, kind in events:
    if kind == "A":
        requests.append({"A": t})
    elif requests and kind not in requests[-1] and all(k in requests[-1] for k in "ABCD"[:"ABCD".index(kind)]):
        requests[-1][kind] = t

answers = []
for name in ("ran-a-1.txt", "ran-a-2.txt"):
    lines = (out / name).read_text().splitlines()
    answers += [(name, i, line) for i, line in enumerate(lines)]
rows = []
for r, (batch, i, line) in zip(requests, answers):
    fields = line.split(" ", 3)
    r.update(batch=batch, first=i == 0, ttfb=(float(fields[2]) - float(fields[1])) * 1000,
             xcache=fields[3] if len(fields) > 3 else "")
    rows.append(r)

def spans(rs, title):
    full = [r for r in rs if all(k in r for k in "ABCD")]
    if not full:
        return
    print(f"\n{title}: {len(full)} requests (medians, ms; min-max)")
    for a, b, what in (("A", "B", "viewer request in -> request to the regional out (incl. ran-a's 2 ms inbound delay)"),
                       ("B", "C", "request out -> regional's first answer packet in (incl. the link's 1 ms)"),
                       ("C", "D", "regional's answer in -> first byte to the viewer out (incl. the link's 1 ms inbound delay)"),
                       ("A", "D", "viewer request in -> first byte out")):
        xs = [(r[b] - r[a]) * 1000 for r in full]
        print(f"  {what:95s} {statistics.median(xs):6.1f}  ({min(xs):.1f}-{max(xs):.1f})")
    xs = [r["ttfb"] for r in full]
    print(f"  {'curl TTFB in ran-a (starttransfer - pretransfer)':95s} {statistics.median(xs):6.1f}  ({min(xs):.1f}-{max(xs):.1f})")

hits = [r for r in rows if r["xcache"].startswith("MISS, HIT from regional")]
print(f"{len(rows)} viewer requests matched; {len(hits)} regional hits")
spans([r for r in hits if not r["first"]], "regional hits on kept-alive connections (the first of each batch left out)")
for r in rows:
    if r["first"] and all(k in r for k in "ABCD"):
        print(f"first request of {r['batch']} ({r['xcache']}): A->B {(r['B'] - r['A']) * 1000:.1f}, "
              f"B->C {(r['C'] - r['B']) * 1000:.1f}, C->D {(r['D'] - r['C']) * 1000:.1f}, curl TTFB {r['ttfb']:.1f} ms")
