#!/usr/bin/python3
"""The chain of `stellwerk-node bench hops`, over libzmq instead of jeromq, for comparison.

Same shape: a sender, HOPS - 1 relay processes and a sink process, PUB to SUB on loopback
(127.0.88.x here), each relay and the sink polling and draining like a station's loop, RATE
messages/s of SIZE bytes stamped with the monotonic clock, SECONDS measured after a 3 s warm-up.
Prints one JSON line per mode, like the Java bench. Not part of the build or of CI: it needs
Debian's python3-zmq (libzmq 4.3 with CURVE), run with the system Python:

    apt-get install python3-zmq
    /usr/bin/python3 node-runtime/src/test/scripts/libzmq-hops.py [--hops 2] [--security both]

Python adds its own cost per message to every process, so libzmq's figures here are an upper
bound of what libzmq itself needs.
"""
import argparse
import json
import os
import struct
import subprocess
import sys
import time

import zmq

HOST = "127.0.88."
PORT = 7300
WARMUP = 3.0
MEASURED, END = 1, 2


def endpoint(i):
    return "tcp://%s%d:%d" % (HOST, i + 1, PORT)


def curve_server(sock, secret):
    sock.curve_server = True
    sock.curve_secretkey = secret


def curve_client(sock, server_public, public, secret):
    sock.curve_serverkey = server_public
    sock.curve_publickey = public
    sock.curve_secretkey = secret


def node(role, index):
    """A relay or the sink, in its own process; keys (if any) come in the environment."""
    ctx = zmq.Context(1)
    env = os.environ
    sub = ctx.socket(zmq.SUB)
    if "HOPS_UPSTREAM_KEY" in env:
        curve_client(sub, env["HOPS_UPSTREAM_KEY"].encode(), env["HOPS_CLIENT_PUBLIC"].encode(),
                     env["HOPS_CLIENT_SECRET"].encode())
    sub.setsockopt(zmq.SUBSCRIBE, b"")
    sub.connect(endpoint(index - 1))
    pub = None
    if role == "relay":
        pub = ctx.socket(zmq.PUB)
        if "HOPS_SERVER_SECRET" in env:
            curve_server(pub, env["HOPS_SERVER_SECRET"].encode())
        pub.bind(endpoint(index))
    poller = zmq.Poller()
    poller.register(sub, zmq.POLLIN)
    latency = []
    heard = False
    while True:
        poller.poll(25)
        while True:
            try:
                m = sub.recv(zmq.NOBLOCK)
            except zmq.Again:
                break
            now = time.monotonic()
            if pub is not None:
                pub.send(m, zmq.NOBLOCK)
            if m[8] == END:
                if pub is None:
                    latency.sort()
                    n = len(latency)
                    pick = lambda q: latency[min(n - 1, int(n * q))] * 1e3
                    print(json.dumps({"received": n, "latency_ms": {
                        "p50": round(pick(0.5), 3), "p90": round(pick(0.9), 3),
                        "p99": round(pick(0.99), 3), "max": round(latency[-1] * 1e3, 3)}}),
                        flush=True)
                return
            if pub is None and not heard:
                heard = True
                print("ready", flush=True)
            if pub is None and m[8] == MEASURED:
                latency.append(now - struct.unpack_from("<d", m, 0)[0])


def send(pub, msg, rate, seconds, kind):
    start = time.monotonic()
    sent = 0
    msg[8] = kind
    while time.monotonic() - start < seconds:
        due = int((time.monotonic() - start) * rate) - sent
        for _ in range(due):
            struct.pack_into("<d", msg, 0, time.monotonic())
            pub.send(bytes(msg), zmq.NOBLOCK)
            sent += 1
        time.sleep(0.001)
    return sent


def cpu_seconds(pid):
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run(hops, rate, size, seconds, curve):
    ctx = zmq.Context(1)
    servers = [zmq.curve_keypair() for _ in range(hops)]
    client = zmq.curve_keypair()
    pub = ctx.socket(zmq.PUB)
    if curve:
        curve_server(pub, servers[0][1])
    pub.bind(endpoint(0))
    procs = []
    for i in range(1, hops + 1):
        env = dict(os.environ)
        if curve:
            env["HOPS_UPSTREAM_KEY"] = servers[i - 1][0].decode()
            env["HOPS_CLIENT_PUBLIC"] = client[0].decode()
            env["HOPS_CLIENT_SECRET"] = client[1].decode()
            if i < hops:
                env["HOPS_SERVER_SECRET"] = servers[i][1].decode()
        role = "sink" if i == hops else "relay"
        procs.append(subprocess.Popen([sys.executable, __file__, "--node", role, str(i)],
                                      env=env, stdout=subprocess.PIPE, text=True))
    sink = procs[-1]
    msg = bytearray(size)
    # Send until the sink hears the chain (it prints "ready" at its first message).
    import selectors
    sel = selectors.DefaultSelector()
    sel.register(sink.stdout, selectors.EVENT_READ)
    deadline = time.monotonic() + 60
    while not sel.select(timeout=0):
        if time.monotonic() > deadline:
            raise SystemExit("the chain did not come up")
        send(pub, msg, rate, 0.05, 0)
    if sink.stdout.readline().strip() != "ready":
        raise SystemExit("the sink did not say ready")
    send(pub, msg, rate, WARMUP, 0)
    relays = [p.pid for p in procs[:-1]]
    before = sum(cpu_seconds(p) for p in relays)
    sent = send(pub, msg, rate, seconds, MEASURED)
    relay_cpu = sum(cpu_seconds(p) for p in relays) - before
    msg[8] = END
    pub.send(bytes(msg))
    result = json.loads(sink.stdout.readline())
    for p in procs:
        p.wait(timeout=10)
    line = {"bench": "hops", "transport": "libzmq " + zmq.zmq_version(),
            "security": "curve" if curve else "off", "hops": hops, "rate": rate, "size": size,
            "sent": sent}
    if relays:
        line["relay_cpu_us_per_msg"] = round(relay_cpu * 1e6 / len(relays) / sent, 1)
    line.update(result)
    print(json.dumps(line), flush=True)
    pub.close(0)
    ctx.term()


def main():
    a = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    a.add_argument("--hops", type=int, default=2)
    a.add_argument("--rate", type=int, default=600)
    a.add_argument("--size", type=int, default=1000)
    a.add_argument("--duration", type=int, default=10)
    a.add_argument("--security", choices=["off", "curve", "both"], default="both")
    a.add_argument("--node", nargs=2, help=argparse.SUPPRESS)
    o = a.parse_args()
    if o.node:
        node(o.node[0], int(o.node[1]))
        return
    if o.hops < 1 or o.size < 9:
        raise SystemExit("--hops must be at least 1 and --size at least 9 bytes")
    for curve in {"off": [False], "curve": [True], "both": [False, True]}[o.security]:
        run(o.hops, o.rate, o.size, o.duration, curve)


if __name__ == "__main__":
    main()
