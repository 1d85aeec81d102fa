"""Prints `name req/s p50-ms p99-ms non-2xx` from one wrk --latency report."""
import re
import sys

name, path = sys.argv[1], sys.argv[2]
text = open(path).read()
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))


def pct(p):
    m = re.search(r"\s%s%%\s+([\d.]+)(us|ms|s)" % p, text)
    v, unit = float(m.group(1)), m.group(2)
    return v / 1000 if unit == "us" else v * 1000 if unit == "s" else v


errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
print(f"{name} {rps:.0f} {pct(50):.3f} {pct(99):.3f} {errors.group(1) if errors else 0}")
