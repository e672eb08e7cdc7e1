#!/usr/bin/env python3
"""hold.py --count N URL...: holds N kept-alive connections open to each edge's viewer listener
until SIGTERM (bench/topology-drills/overflow.sh). Each connection is opened with one GET /health
whose answer is read whole, and the request is repeated every 10 s so that the edge's idle timeout
(edge.limits.idle-timeout, 60 s) never closes it: an edge counts them as open viewer connections and,
at edge.duress-connections, reports duress, as CloudOverflowIT's held sockets make it.
Prints one line per URL once its connections are open, then waits."""
import argparse
import signal
import socket
import sys
import time
from urllib.parse import urlsplit

KEEPALIVE_S = 10.0


def health(sock, host):
    """One GET /health on sock; reads the head and the Content-Length body of the answer."""
    sock.sendall(f"GET /health HTTP/1.1\r\nHost: {host}\r\n\r\n".encode("ascii"))
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(4096)
        if not chunk:
            raise ConnectionError("closed before the head")
        data += chunk
    head, body = data.split(b"\r\n\r\n", 1)
    if not head.startswith(b"HTTP/1.1 200"):
        raise ConnectionError(head.split(b"\r\n", 1)[0].decode("ascii", "replace"))
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(body) < length:
        chunk = sock.recv(4096)
        if not chunk:
            raise ConnectionError("closed in the body")
        body += chunk


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--count", type=int, required=True)
    p.add_argument("urls", nargs="+")
    args = p.parse_args()
    held = []
    for url in args.urls:
        parts = urlsplit(url)
        for _ in range(args.count):
            sock = socket.create_connection((parts.hostname, parts.port), timeout=5)
            health(sock, parts.netloc)
            held.append((sock, parts.netloc))
        print(f"holding {args.count} connections to {url}", flush=True)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        while True:
            time.sleep(KEEPALIVE_S)
            for sock, host in held:
                health(sock, host)
    finally:
        for sock, _ in held:
            sock.close()


if __name__ == "__main__":
    main()
