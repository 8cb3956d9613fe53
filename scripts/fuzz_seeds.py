#!/usr/bin/env python3
"""Writes the seed inputs of the fuzz corpus (fuzz/corpus/<target>/seed-*).

Seeds come from files already in the repository (test fixtures, the default
data, the example learners) plus a few hand-written hostile inputs; see
fuzz/README.md. Files found by fuzzing (crashes fixed, minimized by
`cargo fuzz cmin`) are kept next to them under other names and are not
touched by this script. Deterministic: running it twice writes the same bytes.
"""
import json
import pathlib

ROOT = pathlib.Path(__file__).resolve().parent.parent
CORPUS = ROOT / "fuzz" / "corpus"
SEP = b"\x1e"


def write(target, name, data):
    folder = CORPUS / target
    folder.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    (folder / f"seed-{name}").write_bytes(data)


def read(path):
    return (ROOT / path).read_bytes()


# esco_csv: the mini ESCO export and sources, in fuzz/src/lib.rs ESCO_FILES order.
mini = "tests/fixtures/esco-mini/"
src = "tests/fixtures/sources-mini/"
files = [mini + "skills_en.csv", mini + "occupations_en.csv",
         mini + "occupationSkillRelations.csv", mini + "broaderRelationsSkillPillar_en.csv",
         mini + "skillSkillRelations.csv", mini + "skillGroups_en.csv", mini + "ISCOGroups_en.csv",
         src + "ak2008_occupations_et_en_ru.csv", src + "derived_esco_uri_labels_et.csv",
         src + "skill_labels.csv"]
write("esco_csv", "mini-full", SEP.join(read(f) for f in files))
write("esco_csv", "mini-required", SEP.join(read(f) for f in files[:5]))

# catalogue_jsonl: real lines of the default catalogue and odd ones.
bites = read("data/bites.jsonl").splitlines()
quals = read("data/qualifications.jsonl").splitlines()
write("catalogue_jsonl", "bites", b"\n".join(bites[:3]) + b"\n")
write("catalogue_jsonl", "qualifications", b"\n".join(bites[:2] + quals[:2]) + b"\n")
bite = json.loads(bites[0])
odd = dict(bite, hours=1e308, ects=-0.0, eqf_level=8, title={"et": "\u202e\u0301" * 50})
write("catalogue_jsonl", "odd-values", json.dumps(odd) + "\n" + json.dumps(dict(bite, sessions=[])) + "\n")
write("catalogue_jsonl", "duplicate-ids", b"\n".join([bites[0], bites[0]]) + b"\n")

# provider_csv: the test fixtures.
write("provider_csv", "provider", read("tests/fixtures/provider.csv"))
write("provider_csv", "outcome-texts", read("tests/fixtures/provider_outcome_texts.csv"))
write("provider_csv", "quotes", 'id,title_et,hours,eqf_level,languages,mode,sessions\n"a""b",x,1e400,9,et;;,onsite,2027-02-30/0\n')

# elm_json: the small Open Badges example (MIT, see tests/fixtures/elm/).
write("elm_json", "open-badge", read("tests/fixtures/elm/mynextid-open-badge-mc-example.json"))
write("elm_json", "nested", "[" * 200 + "]" * 200)

# config_toml: a full file and environment overrides after a NUL byte.
write("config_toml", "full", 'listen = "0.0.0.0:8080"\nheavy_concurrency = 8\nplanner_budget_ms = 100\n'
      'cors_allow_origins = ["https://a.example"]\nlog_json = true\n')
write("config_toml", "env", b'cache_entries = 5\n\0OPPEPALA_HEAVY_CONCURRENCY=4\nOPPEPALA_LOG_JSON=yes\n'
      b'OPPEPALA_CORS_ALLOW_ORIGINS=a,b\n')

# api_request: selector byte (fuzz/src/lib.rs API_ROUTES) + body/query/id.
learner = json.loads(read("data/examples/ru-care-worker.json"))
gap = {"learner": learner, "target": {"qualification": "mq-care-elderly"}}
paths = dict(gap, lang="ru", k=2)
write("api_request", "gap", bytes([0]) + json.dumps(gap).encode())
write("api_request", "paths", bytes([1]) + json.dumps(paths).encode())
write("api_request", "paths-skills", bytes([1]) + json.dumps(
    {"learner": {"competences": [], "languages": ["et"]},
     "target": {"skills": [{"skill": learner["competences"][0]["skill"], "level": 4}]},
     "objective": "weeks"}).encode())
write("api_request", "bites-query", bytes([2]) + b"q=klienditeenindusele&lang=et&county=EE-37&per_page=5&page=2")
write("api_request", "skills-query", bytes([3]) + b"q=Excel&limit=3&lang=ru")
write("api_request", "occupations-query", bytes([4]) + b"q=kassapidaja&lang=ru")
write("api_request", "qualifications-query", bytes([5]) + b"field=care&field=retail")
write("api_request", "bite-id", bytes([6]) + b"..%2F..%2Fetc%2Fpasswd")
write("api_request", "skill-uri", bytes([7]) + b"http%3A%2F%2Fdata.europa.eu%2Fesco%2Fskill%2F24f980ba-b44f-4739-b563-205104c3190d")
write("api_request", "occupation-uri", bytes([8]) + b"%C0%AF")
write("api_request", "qualification-id", bytes([9]) + b"mq-care-elderly")
write("api_request", "put-bite", bytes([10]) + json.dumps(dict(bite, id="fuzz-bite")).encode())

# api_body: selector byte (fuzz/src/lib.rs API_BODY_ROUTES) + body/query.
recommend = {"learner": learner, "k": 2, "today": "2027-01-01"}
write("api_body", "recommendations", bytes([0]) + json.dumps(recommend).encode())
cohort = [json.dumps({"id": "a", "learner": learner}), "{not json", json.dumps({"id": "c", "learner": {}})]
write("api_body", "cohort", bytes([1]) + "\n".join(cohort).encode() + b"\n")
feedback = {"events": [{"learner": "fuzz-0001", "bite": bite["id"], "event": "shown",
                        "time": "2027-01-04T09:30:00Z", "features": {"demand": 0.5}}]}
write("api_body", "feedback", bytes([2]) + json.dumps(feedback).encode())
write("api_body", "demand-query", bytes([3]) + b"occupation=http%3A%2F%2Fdata.europa.eu%2Fesco%2Foccupation%2F000e93a3-d956-4e45-aacb-f12c83fedf84&region=EE-37")
