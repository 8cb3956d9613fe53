# õppepala's messages in English. Every id here must be in et.ftl and
# ru.ftl too, with the same arguments (crates/core/src/text.rs tests it).
# Numbers pick the plural form: { $n -> [one] … *[other] … }.

## Units

unit-hours = { $n } { $n ->
    [one] hour
   *[other] hours
}
unit-courses = { $n } { $n ->
    [one] course
   *[other] courses
}
unit-weeks = { $n } { $n ->
    [one] week
   *[other] weeks
}
unit-learners = { $n } { $n ->
    [one] learner
   *[other] learners
}
unit-skills = { $n } { $n ->
    [one] skill
   *[other] skills
}

## Demand
# Demand figures (crates/insight/src/demand/annotate.rs). $fewer and
# $illustrative are yes/no; $kind is forecast, observed or last-known;
# $unit is the series' unit (postings, vacancies or another word).

demand-month = { $month ->
    [1] Jan
    [2] Feb
    [3] Mar
    [4] Apr
    [5] May
    [6] Jun
    [7] Jul
    [8] Aug
    [9] Sep
    [10] Oct
    [11] Nov
   *[12] Dec
} { $year }
demand-period = { $from } – { $to }
demand-amount = { $fewer ->
    [yes] fewer than { $n }
   *[no] about { $n }
} { $unit ->
    [postings] { $n ->
        [one] job posting
       *[other] job postings
    }
    [vacancies] { $n ->
        [one] vacancy
       *[other] vacancies
    }
   *[other] { $unit }
}
demand-range = { " " }(likely { $lower }–{ $upper })
demand-what = { $counts ->
    [skill] for occupations that need this skill
    [skill-series] asking for this skill
   *[occupation] for this occupation
}
demand-text = { $region }, { $period }: { $amount } { $what } { $kind ->
    [forecast] are expected
   *[other] were posted
}{ $range }.
demand-group = This is an equal share of the job postings of ISCO group { $group } ({ $group_amount }), which its { $occupations } { $occupations ->
    [one] occupation shares
   *[other] occupations share
}.
demand-skill-occupations = { $occupations } { $occupations ->
    [one] occupation adds
   *[other] occupations add
} to it (where the skill is optional, at { $weight } of their postings).
demand-data-end = Data up to { $as_of }.
demand-stale = No recent data: the data end { $as_of }, { $age } { $age ->
    [one] month
   *[other] months
} before the planning day, too long ago to forecast from. Last known:
demand-illustrative = Illustrative figures, not real job postings.
demand-clause = { $amount } { $what } { $kind ->
    [forecast] expected
   *[other] posted
} in { $period }{ $illustrative ->
    [yes] { " " }(illustrative)
   *[no] {""}
}
demand-clause-what = { $counts ->
    [skill] for occupations needing its most wanted skill
    [skill-series] asking for its most wanted skill
   *[occupation] for this occupation
}
demand-clause-stale = no recent data (the data end { $as_of }); last known { $amount } { $what } in { $period }{ $illustrative ->
    [yes] { " " }(illustrative)
   *[no] {""}
}
demand-most-wanted = Of the missing skills, “{ $skill }” is the most in demand.
demand-source-illustrative = Illustrative series (generated, anchored on Eurostat, Cedefop and Statistics Estonia)
demand-missing-no-data = No labour-market demand data are loaded.
demand-missing-region = { $region }: no demand series cover this county.
demand-missing-skill-not-needed = No occupation in the taxonomy needs this skill, so no job postings are counted for it.
demand-missing-skill-series = { $region }: none of the { $occupations } { $occupations ->
    [one] occupation
   *[other] occupations
} that need this skill has a demand series here.
demand-missing-no-isco = This occupation has no ISCO group, so no demand series covers it.
demand-missing-group = { $region }: no demand series for ISCO group { $group } or a broader group.
demand-missing-before-data = { $region }: the demand series start { $start }, after the months asked for.
