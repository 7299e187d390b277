#!/usr/bin/python3
"""Robustness sweeps: every pair of 7 end specs x 4 methods x tol 1e-8, 1e-10, each a 128-point
sweep over Nr = 1e-6 .. 1e8, theta_s, Nc and Q. Checks: no crash or hang (60 s), exit 0 or 1, and
on every ok row the numerical u0, u1 inside their bounds widened by err_est, and du0 inside its
slope bounds (widened by 1e-6 relative: err_est is an error in u, not in u').

  /usr/bin/python3 bench/fuzz_sweeps.py build/radbound"""
import csv, io, itertools, subprocess, sys
B = sys.argv[1] if len(sys.argv) > 1 else "build/radbound"
ends = ["dirichlet:1", "dirichlet:0.2", "insulated", "flux:-0.5", "flux:0.3", "convective:1", "radiative:0.5:0.3"]
bad = 0; points = 0; ok = 0; codes = {}
for method, tol in itertools.product(["auto", "fd", "shooting", "exact"], ["1e-8", "1e-10"]):
    for left, right in itertools.product(ends, ends):
        cmd = [B, "sweep", "--nr", "geomspace(1e-6,1e8,8)", "--theta-s", "0,0.5", "--nc", "0,3",
               "--q", "0,2", "--left", left, "--right", right, "--method", method, "--tol", tol, "-q"]
        try:
            done = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
        except subprocess.TimeoutExpired:
            print("TIMEOUT", cmd); bad += 1; continue
        codes[done.returncode] = codes.get(done.returncode, 0) + 1
        if done.returncode not in (0, 1, 65):
            print("EXIT", done.returncode, cmd, done.stderr[:200]); bad += 1; continue
        if done.returncode == 65: continue
        for r in csv.DictReader(io.StringIO(done.stdout)):
            points += 1
            if r["status"] != "ok": continue
            ok += 1
            est = float(r["err_est"])
            for v, lo, hi in (("u0", "u0_lo", "u0_hi"), ("u1", "u1_lo", "u1_hi")):
                if r[lo] and float(r[v]) < float(r[lo]) - est - 1e-15: print("LO", v, r); bad += 1
                if r[hi] and float(r[v]) > float(r[hi]) + est + 1e-15: print("HI", v, r); bad += 1
            if r["du0_lo"] and r["du0"]:
                d, lo, hi = float(r["du0"]), float(r["du0_lo"]), float(r["du0_hi"])
                slack = 1e-6 * (1 + abs(d))
                if not (lo - slack <= d <= hi + slack): print("DU0", r); bad += 1
print(f"points {points} ok {ok} bad {bad} exit codes {codes}")
