#!/usr/bin/env python3
"""Generate the default, ILLUSTRATIVE demand series: data/demand/signals.json.

No vacancy series per occupation and county is available offline, so the
default series are made by a seeded, documented method anchored on real
tables (see data/SOURCES.md, "demand/signals.json"). They are illustrative:
they have the shape of real postings data (level by occupation group and
county, a business-cycle path, group trends, seasonality, noise), not its
numbers. Replace them with a real source through `oppepala import demand`.

Method (one series per ISCO-08 minor group × Estonian county × month,
2017-01 … 2024-12):
1. National level: BASE_POSTINGS_PER_MONTH (an assumption, written below)
   times a yearly business-cycle factor (mean unemployment / the year's
   unemployment rate)^1.5, the rate for Estonia taken from the Eurostat
   panel (une_rt_a), interpolated linearly between mid-years.
2. Share of an ISCO minor group: 1 + the number of Estonian detailed
   occupations (AK2008 level 5, Statistics Estonia) in it, normalised.
   Armed forces (ISCO 0) are left out.
3. Trend of a group: the yearly growth of employed ICT specialists in
   Estonia (Eurostat isoc_sks_itspt, 2017 → 2024) times the share of online
   job ads of the group's ISCO major group asking for ICT skills (Cedefop),
   minus 1 % a year, plus a seeded county-specific drift (sd 1 %/year).
4. Share of a county: its population on 1 January 2024 (Statistics
   Estonia, RV021, rounded to thousands; written below).
5. Seasonality: a cosine with a peak month and an amplitude per group of
   OSKA sector (oska_valdkonnad.csv): agriculture and forestry, construction,
   accommodation and catering, trade, education; 0.08 elsewhere.
6. A seeded per-series level factor (log-normal, sd 0.3) and monthly noise
   (log-normal, sd 0.10); values rounded to whole postings. Series whose
   mean level is under MIN_LEVEL postings a month are not written (too
   small to forecast by month; the county then has no series for that group).

Run from the repository root:  python3 scripts/gen_demand.py [SHARED_DATA]
(SHARED_DATA defaults to ../shared/data). Output is byte-for-byte
reproducible (seed SEED).
"""
import csv
import json
import math
import os
import random
import sys

SEED = 20261129
BASE_POSTINGS_PER_MONTH = 9000  # assumption: order of magnitude of monthly new job ads in Estonia
MIN_LEVEL = 4.0
FIRST_YEAR, LAST_YEAR = 2017, 2024
SOURCE = "illustrative: scripts/gen_demand.py (seeded, anchored on Eurostat, Cedefop, Statistics Estonia)"

# ISO 3166-2:EE county codes as the default catalogue uses them, with the
# population on 1 Jan 2024 in thousands (Statistics Estonia RV021, rounded).
COUNTIES = {
    "EE-37": ("Harju", 620), "EE-39": ("Hiiu", 9), "EE-44": ("Ida-Viru", 131),
    "EE-49": ("Jõgeva", 28), "EE-51": ("Järva", 30), "EE-57": ("Lääne", 20),
    "EE-59": ("Lääne-Viru", 59), "EE-65": ("Põlva", 24), "EE-67": ("Pärnu", 87),
    "EE-70": ("Rapla", 34), "EE-74": ("Saare", 31), "EE-78": ("Tartu", 157),
    "EE-82": ("Valga", 28), "EE-84": ("Viljandi", 46), "EE-86": ("Võru", 35),
}

# (OSKA sector, ISCO sub-major or minor group prefixes, peak month, amplitude)
SEASONS = [
    ("Põllumajandus; Metsandus, puidutööstus", ("61", "62", "92"), 5, 0.35),
    ("Ehitus", ("71", "93"), 4, 0.20),
    ("Majutus, toitlustus, turism", ("51", "94"), 6, 0.30),
    ("Kaubandus, rentimine ja parandus", ("52",), 11, 0.12),
    ("Haridus ja teadus", ("23",), 8, 0.30),
]


def season_of(code):
    for sector, prefixes, peak, amplitude in SEASONS:
        if code.startswith(prefixes):
            return sector, peak, amplitude
    return None, 3, 0.08


def main():
    shared = sys.argv[1] if len(sys.argv) > 1 else "../shared/data"
    rng = random.Random(SEED)

    # 1. Unemployment rate of Estonia per year (Eurostat une_rt_a via the panel).
    unemployment, ict = {}, {}
    with open(os.path.join(shared, "demand/eurostat_panel_annual_2014_2024.csv"), newline="") as f:
        for row in csv.DictReader(f):
            if row["geo"] == "EE":
                unemployment[int(row["year"])] = float(row["unemp_rate_pc_act"])
                ict[int(row["year"])] = float(row["ict_employed_ths"])
    years = range(FIRST_YEAR, LAST_YEAR + 1)
    mean_u = sum(unemployment[y] for y in years) / len(years)
    cycle = {y: (mean_u / unemployment[y]) ** 1.5 for y in years}
    ict_growth = (ict[LAST_YEAR] / ict[FIRST_YEAR]) ** (1 / (LAST_YEAR - FIRST_YEAR)) - 1

    # 3. Share of job ads asking for ICT skills per ISCO major group (Cedefop).
    ict_share = {}
    with open(os.path.join(shared, "demand/cedefop_foundation_skills_by_isco_major.csv"), newline="") as f:
        for row in csv.DictReader(f, delimiter=";"):
            if row["Skill"] == "ICT":
                ict_share[row["ISCO code"]] = float(row["Value"].replace(",", ".")) / 100

    # 2. ISCO minor groups and their number of detailed Estonian occupations (AK2008).
    groups, detailed = {}, {}
    with open(os.path.join(shared, "estonia/ak2008_occupations_et_en_ru.csv"), newline="") as f:
        for row in csv.DictReader(f):
            code = row["code"]
            if code.startswith("0"):
                continue
            if row["level"] == "3":
                groups[code] = row["name_en"]
            elif row["level"] == "5":
                detailed[code[:3]] = detailed.get(code[:3], 0) + 1
    weight = {g: 1 + detailed.get(g, 0) for g in groups}
    total_weight = sum(weight.values())
    total_population = sum(p for _, p in COUNTIES.values())

    def cycle_at(year, month):
        # Linear between mid-years (month 6.5), flat beyond the ends.
        t = year + (month - 6.5) / 12
        lo = max(FIRST_YEAR, min(LAST_YEAR, math.floor(t)))
        hi = min(LAST_YEAR, lo + 1)
        frac = min(1.0, max(0.0, t - lo))
        return cycle[lo] * (1 - frac) + cycle[hi] * frac

    series = []
    for group in sorted(groups):
        growth = ict_growth * ict_share.get(group[0], 0.3) - 0.01
        _, peak, amplitude = season_of(group)
        for region in sorted(COUNTIES):
            _, population = COUNTIES[region]
            level = (BASE_POSTINGS_PER_MONTH * weight[group] / total_weight
                     * population / total_population * math.exp(rng.gauss(0, 0.3)))
            drift = rng.gauss(0, 0.01)
            phase = rng.gauss(0, 0.5)
            values = []
            for year in years:
                for month in range(1, 13):
                    t = (year - FIRST_YEAR) + (month - 1) / 12
                    mean = (level * cycle_at(year, month) * (1 + growth + drift) ** t
                            * (1 + amplitude * math.cos(2 * math.pi * (month - peak - phase) / 12)))
                    values.append(round(mean * math.exp(rng.gauss(0, 0.10))))
            if sum(values) / len(values) < MIN_LEVEL:
                continue
            series.append({
                "subject": f"isco:{group}",
                "region": region,
                "unit": "postings",
                "source": SOURCE,
                "start": f"{FIRST_YEAR}-01",
                "values": values,
            })

    out = "data/demand/signals.json"
    tmp = out + ".tmp"
    with open(tmp, "w") as f:
        f.write('{"format_version": 1, "series": [\n')
        f.write(",\n".join(json.dumps(s, ensure_ascii=False, separators=(",", ":")) for s in series))
        f.write("\n]}\n")
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, out)
    print(f"{len(series)} series, {len(groups)} ISCO minor groups, {len(COUNTIES)} counties, "
          f"{FIRST_YEAR}-01..{LAST_YEAR}-12 -> {out}")


if __name__ == "__main__":
    main()
