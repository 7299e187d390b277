#!/usr/bin/python3
"""Robustness sweeps: every pair of 7 end specs x 4 methods x tol 1e-8, 1e-10, each a 64-point
sweep over Nr = 1e-6 .. 1e8, theta_s, Nc and Q. Checks: no crash or hang (60 s); exit 0 or 1, or 65
where the model is ill-posed (counted, not checked further); and on every ok row the numerical u0,
u1 inside their bounds widened by err_est, and du0 inside its slope bounds (widened by 1e-6
relative: err_est is an error in u, not in u'). A bound left empty is not checked.

  /usr/bin/python3 bench/fuzz_sweeps.py [build/radbound]"""
import collections, csv, io, itertools, subprocess, sys

ENDS = ["dirichlet:1", "dirichlet:0.2", "insulated", "flux:-0.5", "flux:0.3", "convective:1",
        "radiative:0.5:0.3"]


def outside(value, lo, hi, slack):
    """Why value is not within [lo - slack, hi + slack] (empty bounds unchecked), or None."""
    if lo and value < float(lo) - slack:
        return "below"
    if hi and value > float(hi) + slack:
        return "above"
    return None


def check_rows(text):
    points = ok = 0
    problems = []
    for r in csv.DictReader(io.StringIO(text)):
        points += 1
        if r["status"] != "ok":
            continue
        ok += 1
        est = float(r["err_est"])
        for name in ("u0", "u1"):
            why = outside(float(r[name]), r[name + "_lo"], r[name + "_hi"], est + 1e-15)
            if why:
                problems.append(f"{name} {why} its bounds: {r}")
        if r["du0"]:
            du0 = float(r["du0"])
            why = outside(du0, r["du0_lo"], r["du0_hi"], 1e-6 * (1 + abs(du0)))
            if why:
                problems.append(f"du0 {why} its bounds: {r}")
    return points, ok, problems


def main():
    radbound = sys.argv[1] if len(sys.argv) > 1 else "build/radbound"
    points = ok = 0
    problems = []
    codes = collections.Counter()
    for method, tol in itertools.product(["auto", "fd", "shooting", "exact"], ["1e-8", "1e-10"]):
        for left, right in itertools.product(ENDS, ENDS):
            command = [radbound, "sweep", "--nr", "geomspace(1e-6,1e8,8)", "--theta-s", "0,0.5",
                       "--nc", "0,3", "--q", "0,2", "--left", left, "--right", right,
                       "--method", method, "--tol", tol, "-q"]
            try:
                done = subprocess.run(command, capture_output=True, text=True, timeout=60)
            except subprocess.TimeoutExpired:
                problems.append(f"timeout: {command}")
                continue
            codes[done.returncode] += 1
            if done.returncode not in (0, 1, 65):
                problems.append(f"exit {done.returncode}: {command} {done.stderr[:200]}")
            if done.returncode in (0, 1):
                n, k, found = check_rows(done.stdout)
                points, ok = points + n, ok + k
                problems += found
    for line in problems:
        print(line)
    print(f"points {points} ok {ok} problems {len(problems)} exit codes {dict(sorted(codes.items()))}")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
