#!/usr/bin/env python3
"""õppepala's planner and OR-Tools CP-SAT side by side (issue 21).

Runs the release example `scale` (crates/core/examples/scale.rs), which
generates seeded national-catalogue instances on real ESCO skills, plans each
one as the service does and writes it, lowered to conditions, as JSON; then
solves the same files with CP-SAT (a plain model: choose bites, an order
variable per bite for prerequisites, maximise items met, then minimise
hours) and prints one table row per instance: both paths' hours and items
met, both lower bounds, both times.

CP-SAT results are kept in scripts/scale/results/ per instance file (by its
SHA-256 and the solver settings), so a later run with a changed planner
reuses them; --fresh ignores them.

    python3 -m venv scripts/scale/.venv
    scripts/scale/.venv/bin/pip install ortools
    scripts/scale/.venv/bin/python scripts/scale/compare.py --family national --seeds 1-10

ortools is a bench-only dependency: no test needs it.
"""

import argparse
import hashlib
import json
import os
import pathlib
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parents[2]
RESULTS = ROOT / "scripts" / "scale" / "results"


def seeds(text):
    first, _, last = text.partition("-")
    return int(first), int(last or first)


def run_planner(family, first, last, budget_ms, out_dir):
    target = os.environ.get("CARGO_TARGET_DIR", str(ROOT / "target"))
    cmd = [
        "cargo", "run", "--quiet", "--profile", "bench", "-p", "oppepala-core", "--example", "scale", "--",
        family, str(first), str(last - first + 1), str(budget_ms), str(out_dir),
        str(ROOT / "data" / "taxonomy.bin"),
    ]
    subprocess.run(cmd, check=True, cwd=ROOT, env={**os.environ, "CARGO_TARGET_DIR": target})


def solve_cpsat(instance, seconds, workers):
    from ortools.sat.python import cp_model

    bites = instance["bites"]
    targets = instance["targets"]
    allowed = [b for b in range(len(bites)) if bites[b]["allowed"]]
    providers = {}
    for b in allowed:
        for c in bites[b]["meets"]:
            providers.setdefault(c, []).append(b)
    model = cp_model.CpModel()
    n = len(allowed)
    x = {b: model.NewBoolVar(f"x{b}") for b in allowed}
    pos = {b: model.NewIntVar(0, n, f"p{b}") for b in allowed}
    for b in allowed:
        for p in bites[b]["needs"]:
            options = []
            for q in providers.get(p, []):
                if q == b:
                    continue
                z = model.NewBoolVar(f"z{b}_{p}_{q}")
                model.AddImplication(z, x[q])
                model.Add(pos[q] < pos[b]).OnlyEnforceIf(z)
                options.append(z)
            # A chosen bite has a provider of each prerequisite before it.
            model.Add(sum(options) >= 1).OnlyEnforceIf(x[b])
    met = []
    for t in targets:
        m = model.NewBoolVar(f"m{t}")
        model.Add(sum(x[b] for b in providers.get(t, [])) >= 1).OnlyEnforceIf(m)
        met.append(m)
    if instance["budget_eur"] is not None:
        model.Add(sum(int(round(bites[b]["cost"])) * x[b] for b in allowed)
                  <= int(instance["budget_eur"]))
    hours = sum(int(bites[b]["hours"]) * x[b] for b in allowed)
    big = sum(int(bites[b]["hours"]) for b in allowed) + 1
    # Lexicographic: every unmet item costs more than all hours together.
    model.Minimize(big * (len(targets) - sum(met)) + hours)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = seconds
    solver.parameters.num_workers = workers
    started = time.monotonic()
    status = solver.Solve(model)
    elapsed = time.monotonic() - started
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return {"status": solver.StatusName(status), "seconds": elapsed}
    chosen = [b for b in allowed if solver.Value(x[b])]
    items = sum(solver.Value(m) for m in met)
    best_hours = sum(bites[b]["hours"] for b in chosen)
    bound = solver.BestObjectiveBound()
    unmet = len(targets) - items
    # The bound is in the combined objective; in hours only when it
    # already implies the same number of unmet items.
    hours_bound = bound - big * unmet if bound >= big * unmet else None
    return {
        "status": solver.StatusName(status),
        "hours": best_hours,
        "items_met": items,
        "bound": hours_bound,
        "optimal": status == cp_model.OPTIMAL,
        "seconds": elapsed,
    }


def cached_cpsat(path, seconds, workers, fresh):
    data = path.read_bytes()
    instance = json.loads(data)
    # The planner's own result is in the file; the key is the instance only.
    del instance["planner"]
    del instance["budget_ms"]
    digest = hashlib.sha256(json.dumps(instance, sort_keys=True).encode()).hexdigest()[:16]
    key = RESULTS / f"{instance['name']}-{digest}-{seconds}s-{workers}w.json"
    if key.exists() and not fresh:
        return json.loads(key.read_text())
    result = solve_cpsat(instance, seconds, workers)
    result["load_average"] = os.getloadavg()[0]
    RESULTS.mkdir(parents=True, exist_ok=True)
    key.write_text(json.dumps(result, indent=1) + "\n")
    return result


def fmt(value, digits=0):
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--family", choices=["national", "deep"], default="national")
    parser.add_argument("--seeds", type=seeds, default=(1, 10), help="e.g. 1-10")
    parser.add_argument("--budget-ms", type=int, default=None,
                        help="the planner's time budget (1000 national, 2000 deep)")
    parser.add_argument("--seconds", type=float, default=60.0, help="CP-SAT's time limit")
    parser.add_argument("--workers", type=int, default=2, help="CP-SAT's workers")
    parser.add_argument("--out", default=str(ROOT / "target" / "scale"))
    parser.add_argument("--skip-planner", action="store_true",
                        help="use the instance files already in --out")
    parser.add_argument("--cpsat-only", action="store_true",
                        help="only fill the CP-SAT cache, print nothing")
    parser.add_argument("--fresh", action="store_true", help="ignore cached CP-SAT results")
    args = parser.parse_args()
    budget_ms = args.budget_ms or (1000 if args.family == "national" else 2000)
    out = pathlib.Path(args.out)
    first, last = args.seeds
    if not args.skip_planner:
        run_planner(args.family, first, last, budget_ms, out)
    rows = []
    for seed in range(first, last + 1):
        path = out / f"{args.family}-{seed}.json"
        instance = json.loads(path.read_text())
        ours = instance["planner"]
        theirs = cached_cpsat(path, args.seconds, args.workers, args.fresh)
        rows.append((instance, ours, theirs))
        if args.cpsat_only:
            print(f"{instance['name']}: CP-SAT {fmt(theirs.get('hours'))} h, "
                  f"bound {fmt(theirs.get('bound'))}", file=sys.stderr)
    if args.cpsat_only:
        return
    print(f"| instance | items | õppepala h | items met | bound h | gap to bound | optimal | time s "
          f"| CP-SAT h | items met | bound h | optimal | time s | õppepala vs CP-SAT |")
    print("| --- " * 14 + "|")
    for instance, ours, theirs in rows:
        gap = None
        if ours.get("hours") and ours.get("bound") is not None:
            gap = f"{100 * (ours['hours'] - ours['bound']) / ours['hours']:.1f} %"
        versus = None
        if ours.get("hours") is not None and theirs.get("hours") is not None:
            versus = f"{100 * (ours['hours'] - theirs['hours']) / theirs['hours']:+.1f} %"
        print("| " + " | ".join([
            instance["name"], fmt(instance["n_targets"]),
            fmt(ours.get("hours", ours.get("error"))), fmt(ours.get("items_met")),
            fmt(ours.get("bound")), fmt(gap), fmt(ours.get("optimal")),
            fmt(ours.get("seconds"), 2),
            fmt(theirs.get("hours", theirs.get("status"))), fmt(theirs.get("items_met")),
            fmt(theirs.get("bound")), fmt(theirs.get("optimal")), fmt(theirs.get("seconds"), 1),
            fmt(versus),
        ]) + " |")
    print(f"\nCP-SAT: {args.workers} workers, {args.seconds:.0f} s; õppepala: "
          f"release build (bench profile), time budget {budget_ms} ms, k = 1; load average now {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
