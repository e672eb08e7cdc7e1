#!/usr/bin/env python3
"""Where a cold miss's time to first byte goes, read from the wire: a capture of the loopback
during bench/edge-vs-peers' cold phase (`tcpdump -i lo -s 200 -w FILE tcp`), split per object into
'in' (the viewer's GET to the cache's GET to its origin), 'origin' (that GET to the origin's first
byte) and 'out' (the origin's first byte to the cache's first byte to the viewer), one row per
server port (the nginx origin, each cache). The wire's times are the sender's: curl's own
time_starttransfer adds its wait for its core. Reads IPv4 on Ethernet or Linux cooked captures.

    bench/ttfb-split.py FILE.pcap
"""
import struct, sys, re, collections, statistics
f = open(sys.argv[1], 'rb')
gh = f.read(24)
magic = struct.unpack('<I', gh[:4])[0]
nano = magic == 0xa1b23c4d
link = struct.unpack('<I', gh[20:24])[0]
pkts = []
while True:
    h = f.read(16)
    if len(h) < 16: break
    ts, tu, incl, orig = struct.unpack('<IIII', h)
    d = f.read(incl)
    t = ts + tu / (1e9 if nano else 1e6)
    off = 14 if link == 1 else (16 if link == 113 else 0)
    ip = d[off:]
    if len(ip) < 20 or ip[0] >> 4 != 4: continue
    ihl = (ip[0] & 15) * 4
    tot = struct.unpack('>H', ip[2:4])[0]
    tcp = ip[ihl:]
    sp, dp = struct.unpack('>HH', tcp[:4])
    thl = (tcp[12] >> 4) * 4
    plen = tot - ihl - thl
    payload = tcp[thl:]
    pkts.append((t, sp, dp, plen, payload[:120]))
gets = collections.defaultdict(list)  # path -> [(t, sport, dport)]
rx = re.compile(rb'^(GET|HEAD) (/videos/cold/\d+\.m4s)')
for t, sp, dp, plen, pl in pkts:
    m = rx.match(pl)
    if m: gets[m.group(2).decode()].append((t, sp, dp))
# index packets by 4-tuple for speed
by = collections.defaultdict(list)
for p in pkts:
    if p[3] > 0: by[(p[1], p[2])].append(p[0])
import bisect
def fd(after, src, dst):
    l = by.get((src, dst), [])
    i = bisect.bisect_left(l, after)
    return l[i] if i < len(l) else None
rows = collections.defaultdict(list)
for path, gl in gets.items():
    gl.sort()
    tv, vcli, vsrv = gl[0]
    vfirst = fd(tv, vsrv, vcli)
    if vfirst is None: continue
    r = {'port': vsrv, 'ttfb': (vfirst - tv) * 1e3, 'n': int(re.search(r'(\d+)', path).group(1))}
    if len(gl) > 1:
        to, ocli, osrv = gl[1]
        ofirst = fd(to, osrv, ocli)
        r['in'] = (to - tv) * 1e3
        r['origin'] = (ofirst - to) * 1e3 if ofirst else float('nan')
        r['out'] = (vfirst - ofirst) * 1e3 if ofirst else float('nan')
    rows[vsrv].append(r)
def med(xs):
    xs = [x for x in xs if x == x]
    return statistics.median(xs) if xs else float('nan')
def pct(xs, q):
    xs = sorted(x for x in xs if x == x)
    return xs[min(len(xs) - 1, int(q * len(xs)))] if xs else float('nan')
print("server-port  n  first-obj  ttfb-p50  ttfb-p90 | in-p50 origin-p50 out-p50 | in-p90 origin-p90 out-p90 (ms, from the wire)")
for port, rs in sorted(rows.items(), key=lambda kv: min(r['n'] for r in kv[1])):
    g = lambda k: [r.get(k, float('nan')) for r in rs]
    print(f"{port:6d} {len(rs):4d} {min(r['n'] for r in rs):6d}   {med(g('ttfb')):8.2f} {pct(g('ttfb'),0.9):8.2f} | {med(g('in')):6.2f} {med(g('origin')):8.2f} {med(g('out')):7.2f} | {pct(g('in'),0.9):6.2f} {pct(g('origin'),0.9):8.2f} {pct(g('out'),0.9):7.2f}")
