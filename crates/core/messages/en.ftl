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
## plan (paths: labels, steps, explanations, summaries)

plan-kind-fewest-hours = fewest hours
plan-kind-cheapest = cheapest
plan-kind-quickest-to-finish = quickest to finish
plan-kind-different-courses = different courses
plan-kind-online-only = online only
plan-kind-partial = the most within your limits
plan-kind-credit-minimum = completes the credit minimum
plan-kind-modules-only = module rules only
plan-goal = the goal
plan-money = { $n } EUR
plan-skill-level = { $skill } (level { $level })
plan-why-meets = meets: { $skills }
plan-why-required-module-qualification = required module of the qualification
plan-why-required-module = required module
plan-why-choice = one of the modules to choose from (at least { $n } of { $of })
plan-why-needed-first = needed first: prerequisite of { $titles }
plan-why-credits = adds { $ects } ECTS towards the minimum of { $min }
plan-calendar-no-session = no session starts after its prerequisites within your dates
plan-calendar-over-limit = runs alongside other steps beyond your hours per week
plan-explain-done = You already meet everything { $goal } asks for.
plan-explain-totals = { $courses }, { $hours }, { $cost }, { $ects } ECTS, finishing by { $date }.
plan-explain-meets = It meets { $met } of the { $of } missing { $of ->
    [one] skill
   *[other] skills
} for { $goal }.
plan-explain-meets-modules = It meets { $met } of the { $of } missing { $of ->
    [one] skill
   *[other] skills
} and { $mmet } of the { $mof } module { $mof ->
    [one] rule
   *[other] rules
} for { $goal }.
plan-explain-meets-only-modules = It meets { $mmet } of the { $mof } module { $mof ->
    [one] rule
   *[other] rules
} for { $goal }.
plan-explain-module-rule = a module rule
plan-explain-item = { $what } ({ $reason })
plan-explain-not-possible = Not possible with your constraints: { $items }.
plan-objective-hours = hours
plan-objective-cost = cost
plan-objective-weeks = weeks to finish
plan-explain-proven = Proven the best path by { $objective }.
plan-explain-best-found = The best path found in the time allowed; no path can take less than { $bound }.
plan-explain-alternative = An alternative: { $label }.
plan-explain-no-skills = It meets none of the missing skills, only module rules: it is not progress on what is left to learn.
plan-explain-credit-minimum = Only the credit minimum is left: any of these courses completes it.
plan-explain-partial = No complete path fits your limits: this is the most you can do within them.
plan-summary-nothing-missing = You already meet everything { $goal } asks for.
plan-summary-complete = Each path meets all that courses within your constraints can teach for { $goal }: { $met } of the { $of } missing { $of ->
    [one] skill
   *[other] skills
}.
plan-summary-complete-modules = Each path meets all that courses within your constraints can do for { $goal }: { $mmet } of the { $mof } open module { $mof ->
    [one] rule
   *[other] rules
}.
plan-summary-modules-only = None of the missing skills for { $goal } can be learned within your constraints; the paths complete module rules only.
plan-summary-partial = No complete path fits your limits. The best path within them meets { $met } of the { $of } missing { $of ->
    [one] skill
   *[other] skills
} for { $goal }; what is left is listed with what would reach it.
plan-summary-partial-modules = No complete path fits your limits. The best path within them meets { $mmet } of the { $mof } module { $mof ->
    [one] rule
   *[other] rules
} for { $goal }; what is left is listed with what would reach it.
plan-summary-complete-cost = A complete path costs { $cost }, { $extra } over your budget.
plan-summary-credit-minimum = Only the credit minimum of { $goal } is left: any of these courses completes it.
plan-summary-nothing-reachable = Nothing of what is missing for { $goal } can be met within your constraints, so no courses are offered.
plan-summary-nothing-within = Nothing of what is missing for { $goal } fits within your limits, so no courses are offered; what would reach each item is listed.
plan-left-budget = a budget of { $budget } would reach it ({ $extra } more)
plan-left-dates = does not fit your finish date or hours per week together with the rest of the plan

## cli-plan (the plan command's text)

cli-plan-left = Left out: { $item } — { $reason }
cli-plan-meets = meets { $skills } of { $skills_of } missing { $skills_of ->
    [one] skill
   *[other] skills
}, { $modules } of { $modules_of } module { $modules_of ->
    [one] rule
   *[other] rules
}
cli-plan-meets-skills = meets { $skills } of { $skills_of } missing { $skills_of ->
    [one] skill
   *[other] skills
}
cli-plan-meets-modules = meets { $modules } of { $modules_of } module { $modules_of ->
    [one] rule
   *[other] rules
}
cli-plan-note = ! { $note }

## recommend (why a target or a next course is recommended)

recommend-met = you already meet { $met } of its { $n } { $n ->
    [one] requirement
   *[other] requirements
}
recommend-to-learn = { $n } { $n ->
    [one] requirement
   *[other] requirements
} to learn
recommend-path-free = the shortest path takes { $h } { $h ->
    [one] hour
   *[other] hours
} and is free for you
recommend-path-cost = the shortest path takes { $h } { $h ->
    [one] hour
   *[other] hours
} and costs you { $c } EUR
recommend-path-meets = its best path meets { $met } of the { $of } missing { $of ->
    [one] skill
   *[other] skills
}
recommend-no-path = no complete path fits your constraints (about { $h } { $h ->
    [one] hour
   *[other] hours
}, { $c } EUR estimated)
recommend-demand = about { $x } { $unit } expected in { $months } { $months ->
    [one] month
   *[other] months
}
recommend-transfers = your skills carry over well
recommend-suits-education = EQF level { $eqf } suits your education
recommend-bite-covers = it meets { $n } { $n ->
    [one] requirement
   *[other] requirements
} of the goals above
recommend-bite-free = free for you
recommend-bite-cost = { $c } EUR
recommend-bite-entry = a short, free entry step you can start now
recommend-bite-start = you can start it now

## plan-limits (hours per week and finish date)

plan-left-fix-both = a complete path fits with { $hours } hours per week, or finishing by { $date }
plan-left-fix-hours = a complete path fits with { $hours } hours per week
plan-left-fix-finish = a complete path fits finishing by { $date }
plan-summary-fix = No schedule keeps to your hours per week and finish date: { $fix }.
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
cause-pace = the sessions of the course that came closest, "{ $bite }", need more hours a week than you have
cause-budget = the course that came closest, "{ $bite }", costs { $cost } €, over your budget of { $budget } €
cause-cycle = its courses need the skill itself first
cause-no-session-after = no session of "{ $bite }" is left once its prerequisites are done
cause-alternative = not available in this alternative
cause-prerequisite = its prerequisite { $skill } (level { $level }) is blocked: { $cause }
cause-required-module = required module “{ $bite }”: { $cause }
cause-too-few-modules = only { $n } of the listed courses { $n ->
    [one] fits
   *[other] fit
} your constraints, { $need } { $need ->
    [one] is
   *[other] are
} required
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
## cli: the command line's text output (src/cli); operators' commands
## (index, import, train, demand, serve) stay English, see src/cli/mod.rs.

cli-gap-none = Nothing is missing: the learner meets every requirement.
cli-gap-heading = Missing: { $n } { $n ->
    [one] skill
   *[other] skills
}
cli-gap-item = { $skill } — needs level { $need }, holds { $held }
cli-gap-demand = demand { $score }: { $sentence }
cli-modules-heading = Module rules still open: { $n }
cli-module-all-of = required module: { $bite }
cli-module-n-of = at least { $n } of: { $bites }
cli-module-min-ects = at least { $ects } ECTS in total
cli-uncoverable = Cannot be covered: { $what } — { $reason }
cli-uncoverable-module = a module rule
cli-gap-demand-missing = demand: { $sentence }
cli-unlock = would work: { $change } (+{ $n } { $n ->
    [one] item
   *[other] items
  } met, { $hours } h, { $cost } EUR)
cli-path = Path { $n } — { $label }: { $hours } h, { $cost } EUR, { $ects } ECTS, done by { $finish } ({ $weeks } { $weeks ->
    [one] week
   *[other] weeks
})
cli-path-optimal = (proven optimal)
cli-step = { $i }. { $start } → { $end }  { $title }  [{ $bite }] { $hours } h, { $cost } EUR
cli-search-heading = { $n } { $n ->
    [one] course
   *[other] courses
}; page { $page }:
cli-search-relaxed = not every word as typed: some of your words, or words one letter away
cli-query-cut = warning: the query was cut to { $n } characters
cli-skills-none = no skill matches { $q }
cli-label-kind-preferred = name
cli-label-kind-alt = other name
cli-label-kind-hidden = other spelling
cli-cohort-summary = { $n } { $n ->
    [one] learner
   *[other] learners
} ({ $bad } { $bad ->
    [one] bad line
   *[other] bad lines
}), { $with_path } with a path, median first step { $median }; { $rate } learners a second
cli-cohort-median-hours = { $n } { $n ->
    [one] hour
   *[other] hours
}
cli-cohort-median-none = –
cli-unit-hours-short = h
cli-unit-euro-short = EUR

## enum: the words for the codes in bite and qualification answers
## (service::texts); an answer keeps the code and adds the text.

enum-assessment-practical-test = practical test
enum-assessment-demonstration = demonstration
enum-assessment-test = test
enum-assessment-portfolio = portfolio
enum-assessment-project = project
enum-assessment-language-test = language test
enum-assessment-exam = exam
enum-credential-certificate = certificate
enum-credential-certificate-of-participation = certificate of participation
enum-credential-micro-credential = micro-credential
enum-mode-online = online
enum-mode-onsite = on site
enum-mode-blended = blended (online and on site)
enum-funding-unemployed = free for the registered unemployed
enum-funding-training-credit = with an employer's training credit
enum-funding-employed-adult = free for working adults
enum-funding-free = free for everyone
enum-lang-et = Estonian
enum-lang-ru = Russian
enum-lang-en = English
enum-field-retail = retail
enum-field-care = care
enum-field-logistics = logistics
enum-field-construction = construction
enum-field-hospitality = hospitality
enum-field-digital = digital skills
enum-field-office = office work
enum-field-it-support = IT support
enum-field-manufacturing = manufacturing
enum-field-estonian = Estonian language
enum-eqf-level = EQF level { $n }

## problem: the title and detail of the API's problem documents
## (src/api/error.rs), in the request's language; codes stay codes.

problem-malformed-json-title = Malformed JSON
problem-malformed-json = The request body is not valid JSON.
problem-invalid-request-title = Invalid request
problem-invalid-request = { $n ->
    [one] This field has a wrong type or value
   *[other] These fields have a wrong type or value
}: { $fields }
problem-invalid-request-unnamed = The request has a wrong type or value.
problem-unknown-ids-title = Unknown ids
problem-unknown-ids = Not known ({ $what }): { $ids }
problem-not-found-title = Not found
problem-not-found = Not known ({ $what }): { $id }
problem-no-route-title = No such endpoint
problem-no-route = No endpoint has the path { $path }.
problem-method-not-allowed-title = Method not allowed
problem-method-not-allowed = The endpoint exists, but not for this method.
problem-payload-too-large-title = Payload too large
problem-payload-too-large = The request body is larger than { $limit } bytes (`{ $setting }`).
problem-unsupported-media-type-title = Unsupported media type
problem-unsupported-media-type = The body must be `application/json`.
problem-uri-too-long-title = URI too long
problem-uri-too-long = The path and query string are longer than { $limit } bytes.
problem-headers-too-large-title = Headers too large
problem-headers-too-large = The request has more than { $lines } header lines, or more than { $bytes } bytes of them.
problem-unauthorized-title = API key required
problem-unauthorized = This operation needs an API key: `Authorization: Bearer <key>`.
problem-forbidden-title = Forbidden
problem-forbidden = This API key may not do this.
problem-conflict-title = Conflict
problem-conflict = The write conflicts with the current state; see `conflicts` and `errors`.
problem-read-only = This service's data folder is read-only (`read_only`): change the catalogue where the indexing Job reads it and roll out the new snapshot.
problem-no-path-title = No path found
problem-no-path = No path was found within the planner's time budget.
problem-query-too-long-title = Query too long
problem-query-too-long = The search text has { $chars } characters; at most { $max } are allowed.
problem-rate-limited-title = Too many requests
problem-rate-limited = Too many requests from this client; try again in { $s } { $s ->
    [one] second
   *[other] seconds
}.
problem-quota-exceeded = This client may send { $events } feedback { $events ->
    [one] event
   *[other] events
} per { $per ->
    [hour] hour
   *[day] day
} (`{ $setting }`); this batch is over it. Try again in { $s } { $s ->
    [one] second
   *[other] seconds
}.
problem-overloaded-title = Busy
problem-overloaded = The service is busy; try again in { $s } { $s ->
    [one] second
   *[other] seconds
}.
problem-timeout-title = Timed out
problem-timeout = The request took too long and was stopped; try again.
problem-internal-title = Internal error
problem-internal = A fault on our side; quote the request id when reporting it.
problem-what-skill = skill
problem-what-qualification = qualification
problem-what-occupation = occupation
problem-what-bite = course
problem-what-region = region
problem-what-bite-or-target = course or target
problem-what-other = id

## caseload: the cohort CSV's headers and words, the caseload summary
## (crates/insight/src/recommend/caseload.rs)

caseload-column-line = line
caseload-column-learner = learner
caseload-column-rank = rank
caseload-column-target-type = target type
caseload-column-target-id = target id
caseload-column-target = target
caseload-column-score = score
caseload-column-real-path = real path
caseload-column-why-not = why not
caseload-column-hours = hours
caseload-column-cost-eur = cost to the learner (€)
caseload-column-ects = ECTS
caseload-column-start = start
caseload-column-finish = finish
caseload-column-weeks = weeks
caseload-column-skills-met = missing skills met
caseload-column-n-courses = number of courses
caseload-column-course-ids = course ids
caseload-column-courses = courses
caseload-column-course-starts = course starts
caseload-column-providers = providers
caseload-column-registration = registration
caseload-column-contacts = contacts
caseload-column-funding = funding
caseload-column-counties = counties
caseload-column-locations = locations
caseload-column-reason = reason
caseload-why-bad-line = the line could not be read
caseload-why-no-target = no suitable target (language, mode or county)
caseload-why-no-path = no path within the limits (budget, dates, hours)
caseload-why-no-progress = no path meets a missing requirement
caseload-funder-learner = paid by the learner
caseload-funder-free = free
caseload-funder-unemployed = free for the unemployed
caseload-funder-training-credit = employer's training credit
caseload-funder-employed-adult = free for working adults
caseload-micro-qualification = micro-qualification
caseload-occupation = occupation
caseload-skills = skills
caseload-online = online
caseload-no-county-given = no county given
caseload-learners = learners
caseload-with-a-real-path = with a real path
caseload-bad-lines = bad lines
caseload-real-path = real path
caseload-target-heading = Target
caseload-target = target
caseload-county-heading = County
caseload-county = county
caseload-why-heading = Without a real path: why
caseload-reason = reason
caseload-funder-heading = Funder
caseload-funder = funder
caseload-hours = hours
caseload-price = price (€)
caseload-yes = yes
caseload-no = no

## allocate: why a learner of a caseload got the place they got
## (src/service/allocate.rs)

allocate-run-full = the run of “{ $title }” starting { $start } is full ({ $seats } { $seats ->
    [one] seat
   *[other] seats
  })
allocate-first-choice = The best path, with a seat on every run.
allocate-later-run = { $full }; a later run instead, the path ends { $finish }.
allocate-other-path = { $full }; another path instead, ending { $finish }.
allocate-next-run = { " " }Next run with free places: “{ $title }” from { $start }.
allocate-no-seat = { $full }; no other run or path fits the learner's limits.{ $next }
allocate-no-path = No path was found.
allocate-no-path-because = No path was found ({ $cause }).
allocate-bad-line = The line could not be read: { $cause }
## plan-pace (issue 16 item 4: hours per week without a finish date; planner/limits.rs)
plan-summary-fix-pace = No schedule keeps to your hours per week: { $fix }.
