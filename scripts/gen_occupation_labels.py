#!/usr/bin/env python3
"""Choose the common ESCO occupations of ISCO major groups 4, 5, 7, 8 and 9 in
Estonia and write the hand-written Estonian and Russian names of them and of
their essential skills as reviewable CSV files that `oppepala import esco`
merges:

- data/sources/common_occupations.csv   the chosen occupations, in order, with
                                        the figures they were chosen by;
- data/sources/occupation_labels_et_ru.csv   concept_uri,lang,label,esco_en;
- data/sources/skill_labels_common.csv       concept_uri,lang,label,esco_en.

The names themselves are written by hand in scripts/occupation_names.txt and
scripts/skill_names.txt (keyed by ESCO's English preferred label, so that a
reviewer reads what is translated); they are NOT official ESCO translations.
This script only checks them against ESCO and writes the CSV files.

Choosing the occupations (no employment count per occupation is public
offline, so the choice uses proxies from the tables in ../shared/data):
1. Every ESCO occupation of ISCO major groups 4, 5, 7, 8, 9 that the default
   catalogue targets (scripts/catalogue_spec.py; chosen there as the common
   entry jobs of low-qualified adults), in URI order.
2. Then one occupation per ISCO-08 unit group of those major groups, groups in
   the order of a size proxy: (1 + the number of Estonian detailed occupations
   in the group, AK2008 level 5, Statistics Estonia) x (1 + the number of those
   detailed occupations the ESCO <-> Estonian crosswalk links to an ESCO
   occupation of the group by an exact, close or narrow match). More Estonian
   job titles in a group means more kinds of jobs people hold in it. The same
   proxy (AK2008 detail per group) sizes the groups in gen_demand.py.
3. Within a group, the occupation most like the group itself: the share of
   its English label's words that are in the group's English name (so
   "sewing machine operator" for "Sewing machine operators"), then the number
   of Estonian detailed occupations linked to it, then its label.
4. Stop at TARGET occupations.

Names may also be written for other occupations of these major groups (the
second common occupation of a group, such as "materials handler" beside
"warehouse worker"); the script counts them.

Skills: the essential skills of the chosen occupations, in the order of the
occupations (the first ones first), are the ones to name; all 1 630 of the
150 occupations have Estonian and Russian names (139 by the glossary, 1 491
in skill_names.txt). Those that data/sources/skill_labels_glossary.csv
already names may get more names (people's words: "kassaaparaat",
"soojustamine"); the glossary's stay preferred, as it is read first. The
Estonian field of a line may be left empty where ESCO's official Estonian
label (data/sources/derived_esco_uri_labels_et.csv) exists; the offline
export has none for skills, so today every line has both. The counts are
printed (and written in data/SOURCES.md).

Run from the repository root: python3 scripts/gen_occupation_labels.py [SHARED_DATA]
(SHARED_DATA defaults to ../shared/data). Deterministic; stdlib only.
With --missing it writes nothing and prints, one a line in occupation order,
the English labels of the essential skills still without an Estonian or a
Russian name: the lines left to write in scripts/skill_names.txt.
"""
import csv
import io
import os
import re
import sys
from collections import Counter, defaultdict

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import catalogue_spec  # noqa: E402

TARGET = 150
MAJOR_GROUPS = "45789"
OCC = "http://data.europa.eu/esco/occupation/"


def die(message):
    sys.exit(f"gen_occupation_labels.py: {message}")


def read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def read_names(path, columns):
    """Lines `english | names; … | names; …` → [(english, [[names], …])]."""
    rows = []
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if not line.strip() or line.startswith("#"):
                continue
            parts = [p.strip() for p in line.rstrip("\n").split("|")]
            if len(parts) != columns + 1:
                die(f"{path}:{number}: expected {columns + 1} fields separated by |")
            names = [[n.strip() for n in p.split(";") if n.strip()] for p in parts[1:]]
            rows.append((parts[0], names))
    return rows


def words(text):
    ignore = {"and", "or", "the", "of", "other", "not", "elsewhere", "classified", "related", "workers"}
    return {w[:5] for w in re.findall(r"[a-z]+", text.lower()) if w not in ignore}


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    flags = {a for a in sys.argv[1:] if a.startswith("--")}
    if flags - {"--missing"}:
        die(f"unknown option {sorted(flags - {'--missing'})[0]} (only --missing)")
    shared = args[0] if args else "../shared/data"
    esco = os.path.join(shared, "esco", "v1.1.1")
    ak = {r["code"]: r for r in read_csv(os.path.join(shared, "estonia", "ak2008_occupations_et_en_ru.csv"))}
    detailed = Counter(code[:4] for code, row in ak.items() if row["level"] == "5")
    occupations = {r["conceptUri"]: r for r in read_csv(os.path.join(esco, "occupations_en.csv"))}
    groups = {r["code"]: r["preferredLabel"] for r in read_csv(os.path.join(esco, "ISCOGroups_en.csv"))}
    skills = {r["conceptUri"]: r for r in read_csv(os.path.join(esco, "skills_en.csv"))}
    with open(os.path.join(shared, "esco-et", "EE_mapping_07.10.2021.csv"), encoding="utf-8-sig") as f:
        text = f.read()
    links = defaultdict(set)
    for row in csv.DictReader(io.StringIO(text[text.index("Classification 1 URI"):])):
        code = row["Classification 2 URI"].rsplit("/", 1)[1].replace(".", "")
        if (code in ak and ak[code]["level"] == "5"
                and row["Mapping relation"] in ("skos:exactMatch", "skos:closeMatch", "skos:narrowMatch")):
            links[row["Classification 1 URI"]].add(code)
    essential = defaultdict(list)
    for row in read_csv(os.path.join(esco, "occupationSkillRelations.csv")):
        if row["relationType"] == "essential":
            essential[row["occupationUri"]].append(row["skillUri"])

    # 1. The catalogue's occupations.
    catalogue = sorted({OCC + u for _, listed in catalogue_spec.FIELDS.values() for u in listed})
    chosen = [u for u in catalogue if occupations[u]["iscoGroup"][:1] in MAJOR_GROUPS]
    reason = {u: "catalogue" for u in chosen}
    # 2.–3. One per unit group, groups by the size proxy.
    by_group = defaultdict(list)
    for uri, row in occupations.items():
        if row["iscoGroup"][:1] in MAJOR_GROUPS:
            by_group[row["iscoGroup"]].append(uri)
    proxy = {
        g: (1 + detailed[g]) * (1 + len(set().union(*(links[u] for u in members))))
        for g, members in by_group.items()
    }

    def likeness(uri):
        label = occupations[uri]["preferredLabel"]
        own = words(label)
        share = len(own & words(groups.get(occupations[uri]["iscoGroup"], ""))) / max(1, len(own))
        return (-round(share, 3), -len(links[uri]), label)

    for group in sorted(by_group, key=lambda g: (-proxy[g], g)):
        if len(chosen) >= TARGET:
            break
        if any(occupations[u]["iscoGroup"] == group for u in chosen):
            continue
        best = sorted(by_group[group], key=likeness)[0]
        chosen.append(best)
        reason[best] = "group"
    chosen = chosen[:TARGET]

    # The hand-written names.
    by_label = {}
    for uri, row in occupations.items():
        by_label.setdefault(row["preferredLabel"].strip(), []).append(uri)
    skill_by_label = {}
    for uri, row in skills.items():
        skill_by_label.setdefault(row["preferredLabel"].strip(), []).append(uri)

    def resolve(table, label, what):
        uris = table.get(label.strip())
        if not uris:
            die(f"{what} {label!r} is not an ESCO v1.1.1 preferred label")
        if len(uris) > 1:
            die(f"{what} {label!r} names {len(uris)} concepts")
        return uris[0]

    occupation_rows = []
    named = set()
    for english, (ru, et) in read_names("scripts/occupation_names.txt", 2):
        uri = resolve(by_label, english, "occupation")
        if occupations[uri]["iscoGroup"][:1] not in MAJOR_GROUPS:
            die(f"occupation {english!r} is not in ISCO major group 4, 5, 7, 8 or 9")
        named.add(uri)
        occupation_rows += [(uri, "ru", n, english) for n in ru]
        occupation_rows += [(uri, "et", n, english) for n in et]
    missing = [occupations[u]["preferredLabel"] for u in chosen if u not in named]
    if missing:
        die(f"no names written for: {', '.join(missing)}")

    glossary_rows = read_csv("data/sources/skill_labels_glossary.csv")
    glossary = {r["concept_uri"] for r in glossary_rows}
    # Which skills have a name in each language: the glossary's, the
    # hand-written ones here and (Estonian) ESCO's official ones.
    has = {"et": set(), "ru": set()}
    for r in glossary_rows:
        if r["lang"] in has and r["label"].strip():
            has[r["lang"]].add(r["concept_uri"])
    for r in read_csv("data/sources/derived_esco_uri_labels_et.csv"):
        if r["concept_uri"] in skills and r["labels_et"].strip():
            has["et"].add(r["concept_uri"])
    skill_rows = []
    skill_named = set()
    more_names = set()
    seen = set()
    for english, (et, ru) in read_names("scripts/skill_names.txt", 2):
        uri = resolve(skill_by_label, english, "skill")
        if uri in seen:
            die(f"skill {english!r} is named twice in scripts/skill_names.txt")
        seen.add(uri)
        if not et and uri not in has["et"]:
            die(f"skill {english!r}: no Estonian name, and ESCO has no official one")
        if not ru:
            die(f"skill {english!r}: no Russian name")
        if uri in glossary:
            more_names.add(uri)
        else:
            skill_named.add(uri)
        has["et"].update([uri] if et else [])
        has["ru"].add(uri)
        skill_rows += [(uri, "et", n, english.strip()) for n in et]
        skill_rows += [(uri, "ru", n, english.strip()) for n in ru]

    wanted = []
    for uri in chosen:
        for skill in essential[uri]:
            if skill not in wanted:
                wanted.append(skill)
    if "--missing" in flags:
        # The essential skills still without an Estonian or a Russian name,
        # in the order of the occupations: the lines left to write.
        for skill in wanted:
            if skill not in has["et"] or skill not in has["ru"]:
                print(skills[skill]["preferredLabel"].strip())
        return

    with open("data/sources/common_occupations.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["rank", "concept_uri", "isco_group", "preferred_label_en", "chosen_by",
                    "group_proxy", "ak2008_detailed_in_group", "ak2008_linked"])
        for rank, uri in enumerate(chosen, 1):
            g = occupations[uri]["iscoGroup"]
            w.writerow([rank, uri, g, occupations[uri]["preferredLabel"], reason[uri], proxy[g],
                        detailed[g], len(links[uri])])
    for path, rows in (("data/sources/occupation_labels_et_ru.csv", occupation_rows),
                       ("data/sources/skill_labels_common.csv", skill_rows)):
        with open(path, "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(["concept_uri", "lang", "label", "esco_en"])
            w.writerows(rows)

    def named_both(s):
        return s in has["et"] and s in has["ru"]

    covered = [s for s in wanted if named_both(s)]
    by_glossary = [s for s in covered if s in glossary]
    print(f"occupations chosen: {len(chosen)} ({sum(1 for u in chosen if reason[u] == 'catalogue')} from the catalogue)")
    print(f"occupation labels written: {len(occupation_rows)}, for {len(named)} occupations "
          f"({len(named - set(chosen))} more of the same major groups)")
    print(f"skills named here: {len(skill_named)}; more names for glossary skills: {len(more_names)}")
    print(f"essential skills of the chosen occupations: {len(wanted)}; named in et and ru: "
          f"{len(covered)} ({len(by_glossary)} by the glossary, "
          f"{len([s for s in covered if s in skill_named])} here)")
    for top in (10, 25, 50, 150):
        first = {s for u in chosen[:top] for s in essential[u]}
        done = {s for s in first if named_both(s)}
        print(f"  of the first {top} occupations: {len(done)} of {len(first)} essential skills named")


if __name__ == "__main__":
    main()
