#!/usr/bin/python3
"""Sweep throughput of radbound, and its speed against scipy's solve_bvp measured in the same run.

  bench/sweep_vs_scipy.py [--radbound build/radbound] [--peer ../shared/peers/scipy_fin_sweep.py]
                          [--repeat 3] [--skip-standard] [--cpu N]

1. Runs the peer (scipy.integrate.solve_bvp on the radiating fin, nr = geomspace(1e-2,1e2,41) x
   theta_s in {0, 0.3, 0.6}, tol 1e-8): one pass times each of its 123 points.
2. Runs radbound on the same fin over a 100x denser grid (4100 x 3 = 12,300 points), one thread,
   timing the whole process (start-up, parsing, output included); the time per point is that wall
   time over 12,300.
   Steps 1 and 2 are taken in pairs, --repeat pairs, scipy first in the first pair and radbound
   first in the next (scipy, radbound, radbound, scipy, scipy, ...), so that both sides sample the
   same stretch of the machine's time, and a steady drift favours neither: the development VM's
   cores switch between a fast and a slow state (about 25 % apart) now and then, and a switch
   between one side's measurement and the other's moved a ratio by as much. Every radbound run
   must exit 0 with 12,300 rows, all ok.
3. ratio = the median, over the --repeat pairs, of a pass's median per point over the per-point
   time of the radbound run beside it: each pair is measured back to back, within about a
   second, so a speed switch touches at most the pair it falls in, and the median passes over it.
   (Pooling instead, scipy's median over every point of every pass against radbound's median run,
   mixes the states differently on the two sides when a switch falls mid-series: 978x where every
   pair gave 1,079x to 1,320x. It is printed too.)
4. Accuracy on the peer grid: radbound's u(1) (default method) against --method exact at tol
   1e-13, and against scipy's u(1) for information.
5. Points per second of a few standard sweeps, on 1 thread and on every core.
--cpu N runs both sides on core N only: on a machine whose cores differ in speed (the development
VM's second core is about 40 % slower, for scipy and radbound alike) the ratio is then measured on
one core rather than on whichever core each process happened to land. The benchmark pins itself
around each pinned run and the child inherits the core, so the timed process is the measured
program alone: a `taskset` wrapper would add its own start (about 3 ms on that VM) to radbound's
whole-process time, and a pin set in the child between fork and exec would make Python fork
instead of vfork.
Needs Debian's python3-scipy (run with /usr/bin/python3). Paths are relative to the repository
root, with shared/ beside the checkout as CI and users have it.
"""
import argparse, csv, io, math, os, statistics, subprocess, sys, tempfile, time

PEER_GRID = ["--nr", "geomspace(1e-2,1e2,41)", "--theta-s", "0,0.3,0.6"]
DENSE_GRID = ["--nr", "geomspace(1e-2,1e2,4100)", "--theta-s", "0,0.3,0.6"]
STANDARD = {
    "radiating fin, 100x peer grid": DENSE_GRID,
    "convective tip": ["--nr", "geomspace(1e-2,1e2,200)", "--right", "convective:linspace(0,2,50)"],
    "stiff fin, Nr 1e2..1e8": ["--nr", "geomspace(1e2,1e8,2000)", "--theta-s", "0,0.5"],
    "convection and generation": ["--nr", "0.5", "--nc", "linspace(0,10,100)", "--theta-inf", "0.5",
                                  "--q", "linspace(0,5,100)"],
}


PIN = set()  # {N} under --cpu N


def run_timed(command, pinned=True):
    """Wall time of the whole process, its stdout and exit code."""
    every_core = os.sched_getaffinity(0)
    if pinned and PIN:
        os.sched_setaffinity(0, PIN)
    try:
        start = time.perf_counter()
        done = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        return time.perf_counter() - start, done
    finally:
        os.sched_setaffinity(0, every_core)


def sweep(radbound, grid, *options, tol="1e-8"):
    return [radbound, "sweep", *grid, "--tol", tol, "-q", *options]


def rows(text):
    return list(csv.DictReader(io.StringIO(text)))


def peer_pass(peer):
    """One pass of the peer: its rows (with each point's seconds) and failures."""
    _, done = run_timed(["/usr/bin/python3", peer, "1e-8"])
    if done.returncode != 0:
        sys.exit(f"peer failed: {done.stderr}")
    summary = done.stderr.strip().splitlines()[-1]
    fields = dict(item.split("=") for item in summary.lstrip("# ").split())
    return rows(done.stdout), int(fields["failures"])


def timed_sweep(radbound, grid, table, threads):
    """One timed sweep into the file `table` (threads 0: the default, all cores; pinned with 1):
    its wall time, its rows (none if it failed), how many are ok, and the finished process."""
    options = ["-o", table] + (["--threads", str(threads)] if threads else [])
    seconds, done = run_timed(sweep(radbound, grid, *options), pinned=threads == 1)
    data = []
    if done.returncode == 0:
        with open(table) as f:
            data = rows(f.read())
    return seconds, data, sum(r["status"] == "ok" for r in data), done


def radbound_run(radbound, table):
    """Seconds per point of one timed dense sweep into `table`, checked: exit 0, every row ok."""
    points = 4100 * 3
    wall, data, ok, done = timed_sweep(radbound, DENSE_GRID, table, 1)
    if done.returncode != 0 or len(data) != points or ok != points:
        sys.exit(f"radbound's timed run failed: exit {done.returncode}, {len(data)} rows, {ok} ok\n"
                 f"{done.stderr}")
    return wall / points


def side_by_side(peer, radbound, repeat):
    """Peer passes and radbound runs in pairs, in alternating order. Returns every peer point's
    seconds, each pass's median, each radbound run's seconds per point, the last pass's rows and
    the failures over all passes."""
    peer_times, pass_medians, run_times, failures = [], [], [], 0
    with tempfile.TemporaryDirectory() as tmp:
        for k in range(repeat):
            # A new file each time, as for a user's new sweep: renaming over the previous run's
            # 4.8 MB table makes ext4 write its data out at once (auto_da_alloc), 0.5-17 ms.
            table = os.path.join(tmp, f"dense-{k}.csv")
            if k % 2:
                run_times.append(radbound_run(radbound, table))
            peer_rows, pass_failures = peer_pass(peer)
            failures += pass_failures
            seconds = [float(r["seconds"]) for r in peer_rows]
            peer_times += seconds
            pass_medians.append(statistics.median(seconds))
            if k % 2 == 0:
                run_times.append(radbound_run(radbound, table))
    return peer_times, pass_medians, run_times, peer_rows, failures


def accuracy(radbound, peer_rows):
    auto = rows(subprocess.run(sweep(radbound, PEER_GRID, "--columns", "nr,theta_s,status,u1,err_est,method"),
                               stdout=subprocess.PIPE, text=True).stdout)
    exact = rows(subprocess.run(sweep(radbound, PEER_GRID, "--method", "exact", "--columns",
                                      "nr,theta_s,status,u1", tol="1e-13"),
                                stdout=subprocess.PIPE, text=True).stdout)
    scipy = {(round(float(r["nr"]), 12), float(r["theta_s"])): float(r["u1"]) for r in peer_rows}
    worst_exact = worst_scipy = 0.0
    not_ok = [r for r in auto if r["status"] != "ok"]
    exact_missing = 0
    for a, e in zip(auto, exact):
        if a["status"] != "ok":
            continue
        if e["status"] == "ok":
            worst_exact = max(worst_exact, abs(float(a["u1"]) - float(e["u1"])))
        else:
            exact_missing += 1
        key = (round(float(a["nr"]), 12), float(a["theta_s"]))
        worst_scipy = max(worst_scipy, abs(float(a["u1"]) - scipy[key]))
    methods = sorted({a["method"] for a in auto})
    return worst_exact, exact_missing, worst_scipy, not_ok, methods


def throughput(radbound, grid, threads):
    with tempfile.TemporaryDirectory() as tmp:
        seconds, data, ok, done = timed_sweep(radbound, grid, os.path.join(tmp, "t.csv"), threads)
    return len(data) / seconds, len(data), ok, done.returncode


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--radbound", default="build/radbound")
    parser.add_argument("--peer", default="../shared/peers/scipy_fin_sweep.py")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip-standard", action="store_true")
    parser.add_argument("--cpu", type=int, help="run both sides on this core only")
    args = parser.parse_args()
    if args.cpu is not None:
        PIN.add(args.cpu)

    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    peer_times, pass_medians, run_times, peer_rows, failures = side_by_side(
        args.peer, args.radbound, args.repeat)
    median, per_point = statistics.median(peer_times), statistics.median(run_times)
    pair_ratios = [m / t for m, t in zip(pass_medians, run_times)]
    worst_exact, exact_missing, worst_scipy, not_ok, methods = accuracy(args.radbound, peer_rows)
    where = f", both on core {args.cpu}" if args.cpu is not None else ""
    print(f"## radbound vs scipy solve_bvp (radiating fin, tol 1e-8, same run{where})\n")
    print(f"scipy solve_bvp: median {median * 1e3:.3f} ms per point over {args.repeat} passes of "
          f"123 points ({failures} failures in all); pass medians "
          f"{', '.join(f'{m * 1e3:.2f}' for m in pass_medians)} ms")
    print(f"radbound, 12,300 points, 1 thread, whole process, one run beside each pass: "
          f"{', '.join(f'{t * 1e6:.2f}' for t in run_times)} us per point (every run exit 0, all "
          f"rows ok); median {per_point * 1e6:.2f} us per point = {1 / per_point:,.0f} points/s")
    print(f"ratio of each pass to the run beside it: {', '.join(f'{r:,.0f}x' for r in pair_ratios)}"
          f" (pooled: scipy's median over all passes / radbound's median run = "
          f"{median / per_point:,.0f}x)")
    print(f"ratio (scipy median / radbound per point, median over the pairs): "
          f"{statistics.median(pair_ratios):,.0f}x")
    exact_text = (f"max |u1 - u1_exact| = {worst_exact:.2e}" if exact_missing < 123 else
                  "no exact values (--method exact not available)")
    if 0 < exact_missing < 123:
        exact_text += f" ({exact_missing} points without an exact value)"
    print(f"peer grid accuracy: {exact_text}; max |u1 - u1_scipy| = {worst_scipy:.2e}; "
          f"points not ok: {len(not_ok)}; methods: {', '.join(methods)}")
    if args.skip_standard:
        return
    print("\n## Standard sweeps (tol 1e-8, whole process)\n")
    print("| sweep | points | ok | 1 thread (points/s) | all cores (points/s) |")
    print("|---|---:|---:|---:|---:|")
    for name, grid in STANDARD.items():
        one, n, ok, _ = throughput(args.radbound, grid, 1)
        every, _, _, _ = throughput(args.radbound, grid, 0)
        print(f"| {name} | {n} | {ok} | {one:,.0f} | {every:,.0f} |")


if __name__ == "__main__":
    main()
