#!/usr/bin/env python3
"""A cohort of varied, made-up learners for measuring `oppepala recommend
--cohort` and `POST /v1/cohorts/recommendations` (JSON Lines of
{"id", "learner"}). Seeded and stdlib only, so the same arguments give the
same file. The learners are synthetic: no real person is described.

    python3 scripts/cohort/gen_cohort.py --n 2000 --seed 7 > /tmp/cohort.jsonl
"""

import argparse
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
COUNTIES = ["EE-37", "EE-39", "EE-44", "EE-49", "EE-51", "EE-57", "EE-59", "EE-65",
            "EE-67", "EE-70", "EE-74", "EE-78", "EE-82", "EE-84", "EE-86"]
LANGUAGE_SETS = [["et"], ["ru"], ["et", "ru"], ["en"], ["et", "en"], ["ru", "en"]]
FUNDING = [[], ["unemployed"], ["training-credit"], ["unemployed", "free"]]
MODES = [[], [], ["online"], ["online", "blended"], ["onsite", "blended"]]


def catalogue_skills(data: Path) -> list:
    skills = set()
    with open(data / "bites.jsonl", encoding="utf-8") as f:
        for line in f:
            bite = json.loads(line)
            for c in bite.get("outcomes", []) + bite.get("prerequisites", []):
                skills.add(c["skill"])
    return sorted(skills)


def learner(rng: random.Random, skills: list) -> dict:
    held = rng.sample(skills, rng.choice([0, 0, 1, 2, 3, 4]))
    out = {
        "competences": [{"skill": s, "level": rng.choice([1, 1, 2, 3])} for s in held],
        "languages": rng.choice(LANGUAGE_SETS),
        "region": rng.choice(COUNTIES),
        "education": rng.choice([1, 2, 2, 3, 3, 4, 5, 6]),
        "constraints": {"funding": rng.choice(FUNDING), "modes": rng.choice(MODES)},
    }
    if rng.random() < 0.3:
        out["constraints"]["max_hours_per_week"] = rng.choice([5, 10, 20])
    if rng.random() < 0.3:
        out["constraints"]["budget_eur"] = rng.choice([0, 100, 500])
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=2000, help="learners")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--data", type=Path, default=ROOT / "data")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    skills = catalogue_skills(args.data)
    out = sys.stdout
    for i in range(args.n):
        out.write(json.dumps({"id": f"c{i:06d}", "learner": learner(rng, skills)},
                             ensure_ascii=False, separators=(",", ":")) + "\n")


if __name__ == "__main__":
    main()
