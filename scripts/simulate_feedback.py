#!/usr/bin/env python3
"""Simulated feedback log for training the ranker: ILLUSTRATIVE, NOT REAL.

No public outcome data exists for Estonian learning bites, so this script
makes a feedback log whose hidden preferences are written down here. The
ranker trained on it shows that training, evaluation and serving work end
to end; its weights say nothing about real learners.

Generative rule (seeded, reproducible):
- 1500 simulated learners (ids `sim-000001` …), one session each, with
  session times spread over 2026-01 … 2026-12 in id order (so a time split
  is a split by learner).
- Each session shows 6 candidate targets; each candidate's nine ranker
  features (see crates/insight/src/ml/ranker.rs) are drawn independently from Beta
  distributions (progress Beta(2,3), demand Beta(2,2), short Beta(2,2),
  affordable Beta(3,2), level_fit Beta(3,2), language Beta(8,1),
  local Beta(4,2), completion Beta(7,3), transfer Beta(2,3)).
- The hidden chance of a good outcome (completed, then for a third of
  those employed) is sigmoid(z) with
      z = -5.2 + 2.0 progress + 0.8 demand + 3.2 short + 1.8 affordable
          + 2.4 level_fit + 0.4 language + 0.4 local + 2.8 completion
          + 1.2 transfer
  i.e. simulated learners care more about short, affordable, well-fitting
  steps from providers people finish than the fallback's weights assume.
- Events: `shown` for each candidate (with its features), `chosen` for the
  candidate with the highest sampled utility, and for every candidate a
  `completed` (probability sigmoid(z)) or `dropped`; `employed` follows a
  third of the completions.

Usage: python3 scripts/simulate_feedback.py > data/feedback-simulated/events-000001.jsonl
"""
import json
import math
import random
from datetime import datetime, timedelta, timezone

SEED = 20260107
N_LEARNERS = 1500
PER_SESSION = 6
FEATURES = [
    ("progress", 2, 3), ("demand", 2, 2), ("short", 2, 2), ("affordable", 3, 2),
    ("level_fit", 3, 2), ("language", 8, 1), ("local", 4, 2), ("completion", 7, 3),
    ("transfer", 2, 3),
]
WEIGHTS = {"progress": 2.0, "demand": 0.8, "short": 3.2, "affordable": 1.8,
           "level_fit": 2.4, "language": 0.4, "local": 0.4, "completion": 2.8,
           "transfer": 1.2}
INTERCEPT = -5.2



def main():
    rng = random.Random(SEED)
    with open("data/qualifications.jsonl", encoding="utf-8") as f:
        targets = [json.loads(line)["id"] for line in f if line.strip()]
    start = datetime(2026, 1, 1, tzinfo=timezone.utc)
    span = timedelta(days=364)
    for n in range(1, N_LEARNERS + 1):
        learner = f"sim-{n:06d}"
        t = start + span * (n - 1) / N_LEARNERS
        shown = rng.sample(targets, PER_SESSION)
        candidates = []
        for target in shown:
            features = {name: round(rng.betavariate(a, b), 3) for name, a, b in FEATURES}
            z = INTERCEPT + sum(WEIGHTS[k] * v for k, v in features.items())
            candidates.append((target, features, 1 / (1 + math.exp(-z))))
        events = []
        for target, features, _ in candidates:
            events.append({"learner": learner, "target": target, "event": "shown",
                           "time": iso(t), "features": features})
        chosen = max(candidates, key=lambda c: c[2] + rng.gauss(0, 0.1))
        events.append({"learner": learner, "target": chosen[0], "event": "chosen",
                       "time": iso(t + timedelta(minutes=5))})
        for target, _, p in candidates:
            later = t + timedelta(days=rng.randint(20, 90))
            if rng.random() < p:
                events.append({"learner": learner, "target": target, "event": "completed",
                               "time": iso(later)})
                if rng.random() < 1 / 3:
                    events.append({"learner": learner, "target": target, "event": "employed",
                                   "time": iso(later + timedelta(days=rng.randint(10, 60)))})
            else:
                events.append({"learner": learner, "target": target, "event": "dropped",
                               "time": iso(later)})
        for event in events:
            print(json.dumps(event, ensure_ascii=False, separators=(",", ":")))


def iso(t):
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


if __name__ == "__main__":
    main()
