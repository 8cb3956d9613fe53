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

## cause (why an item cannot be covered; planner/prepare/diagnose.rs)

cause-not-taught = no course teaches it
cause-level-not-reached = level { $level } is needed, the courses reach level { $reached }
cause-language-name = { $code ->
    [et] Estonian
    [ru] Russian
    [en] English
   *[other] { $code }
}
cause-mode-name = { $mode ->
    [online] online
    [onsite] on site
   *[blended] blended
}
cause-language = the course that came closest, "{ $bite }", is taught only in { $languages }, which you do not study in
cause-mode = the course that came closest, "{ $bite }", is { cause-mode-name }, which you did not tick
cause-region = the course that came closest, "{ $bite }", runs { cause-mode-name } only in another county ({ $county })
cause-dates = no session of the course that came closest, "{ $bite }", fits your dates
cause-budget = the course that came closest, "{ $bite }", costs { $cost } €, over your budget of { $budget } €
cause-cycle = its courses need the skill itself first
cause-no-session-after = no session of "{ $bite }" is left once its prerequisites are done
cause-alternative = not available in this alternative
cause-prerequisite = its prerequisite { $skill } (level { $level }) is blocked: { $cause }
cause-required-module = required module { $bite }: { $cause }
cause-too-few-modules = only { $n } of the listed courses fit your constraints, { $need } are required
cause-too-few-credits = the courses that fit your constraints give at most { $ects } ECTS

## unlock (what would make an item coverable; planner/unlock.rs)

unlock-add-mode = tick { cause-mode-name } courses
unlock-add-region = add { $county }
unlock-add-language = study in { cause-language-name } too
unlock-raise-budget = raise the budget to { $eur } €
unlock-finish-later = finish by { $date }
unlock-hold-skill = if you already hold “{ $skill }” at level { $level }, add it
unlock-and = { $first } and { $second }

## whynot (why a course is not in the path; planner/why_not.rs)

whynot-in-path = “{ $bite }” is in the best path.
whynot-excluded = “{ $bite }” is left out by your constraints: { $cause }.
whynot-language = it is taught only in { $languages }, which you do not study in
whynot-mode = it is { cause-mode-name }, which you did not tick
whynot-region = it runs { cause-mode-name } in another county ({ $county })
whynot-dates = none of its sessions fits your dates
whynot-budget = it costs { $cost } €, over your budget of { $budget } €
whynot-unreachable = “{ $bite }” cannot be taken: { $cause }.
whynot-held = “{ $bite }” is not needed: you already have what it teaches for this goal.
whynot-not-needed = “{ $bite }” is not needed: it teaches nothing this goal still asks for.
whynot-dominated = “{ $other }” teaches everything “{ $bite }” would teach here, needs nothing more beforehand and is shorter or cheaper ({ $other_hours } h, { $other_cost } € instead of { $hours } h, { $cost } €).
whynot-instead = “{ $bite }” fits your constraints, but the best path meets what it teaches with { $others } ({ $hours } h, { $cost } € in all).
whynot-not-chosen = “{ $bite }” fits your constraints, but the best path does better by { $objective } without it ({ $hours } h, { $cost } € in all).
whynot-no-path = “{ $bite }” fits your constraints, but no path fits your budget.
whynot-quoted = “{ $title }”
