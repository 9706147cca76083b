"""Python's json and orjson loading and dumping the trace JSON document chaintrace wrote (trace.json).

Usage: python3 json_peer.py DIR REPEATS
Prints tab-separated figure and check lines; each figure is the fastest of REPEATS runs. Loading
counts the document's bytes, dumping the bytes each library writes.
"""
import gc
import json
import sys
import time

import orjson


def figure(key, value, unit, what):
    print(f"figure\t{key}\t{value}\t{unit}\t{what}")


def fastest(repeats, body):
    best, result = float("inf"), None
    for _ in range(repeats):
        start = time.perf_counter()
        result = body()
        best = min(best, time.perf_counter() - start)
    return best, result


def main():
    directory, repeats = sys.argv[1], int(sys.argv[2])
    with open(f"{directory}/trace.json", "rb") as f:
        data = f.read()
    megabytes = len(data) / 1e6
    seconds, document = fastest(repeats, lambda: json.loads(data))
    figure("peer.json.load", megabytes / seconds, "MB/s", "Python json.loads of the same document")
    seconds, _ = fastest(repeats, lambda: orjson.loads(data))
    figure("peer.orjson.load", megabytes / seconds, "MB/s", "orjson.loads of the same document")
    gc.disable()
    seconds, _ = fastest(repeats, lambda: orjson.loads(data))
    gc.enable()
    figure("peer.orjson.load.nogc", megabytes / seconds, "MB/s", "orjson.loads with the garbage collector off")
    seconds, text = fastest(repeats, lambda: json.dumps(document))
    figure("peer.json.dump", len(text.encode()) / 1e6 / seconds, "MB/s", "Python json.dumps of the loaded document")
    seconds, raw = fastest(repeats, lambda: orjson.dumps(document))
    figure("peer.orjson.dump", len(raw) / 1e6 / seconds, "MB/s", "orjson.dumps of the loaded document")
    nodes = len(document["nodes"])
    same = document["format"] == "chaintrace-trace" and nodes > 0 and orjson.loads(raw) == document
    print(f"check\tpeer.json.document\t{'ok' if same else 'FAIL'}\t{nodes} nodes loaded; orjson's dump loads back equal")


main()
