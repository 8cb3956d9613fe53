# The page's strings in English (src/web/page): served to the page as
# /app/i18n.js, compiled from this file (src/web/page.rs) together with the
# service's own catalogue (../{et,ru,en}.ftl), so the page and the answers
# share one set of words. Every id here must be in et.ftl and ru.ftl too,
# with the same arguments (src/web/page.rs tests it).

## page

page-lang-name = English
page-fundingtag-unemployed = free for the registered unemployed
page-fundingtag-training-credit = with an employer's training credit
page-fundingtag-employed-adult = free for working adults
page-fundingtag-free = free for everyone
page-skip = Skip to the form
page-page-title = õppepala – your way to a micro-qualification
page-page-lead = Say what the person can do already, their circumstances and their goal. The page shows what is missing and 2–3 learning paths with dates, hours and cost.
page-nav-language = Language
page-step1-title = 1. What can you do?
page-step1-help = Type a skill and pick it from the suggestions. Or pick a job you have done: its main skills are added; untick what you cannot do.
page-skill-search = Find a skill
page-skill-placeholder = e.g. customer service, Excel
page-occupation-search = A job you have done
page-occupation-placeholder = e.g. cashier
page-occupation-hint = { "" }
page-suggest-none = Nothing found. Try another word.
page-suggest-count = { $n } { $n ->
    [one] suggestion
   *[other] suggestions
}. Use the arrow keys and Enter.
page-skills-list = Your skills
page-skills-empty = No skills chosen yet. That is fine: we then assume you start from the beginning.
page-skills-from = from the job: { $name }
page-skills-level = Level: { $name }
page-skills-remove = Remove { $name }
page-skills-keep = I can: { $name }
page-occupation-added = Added { $n } { $n ->
    [one] skill
   *[other] skills
} from { $name }.
page-level-1 = 1 – basic
page-level-2 = 2 – intermediate
page-level-3 = 3 – advanced
page-level-4 = 4 – expert
page-step2-title = 2. Your circumstances
page-circ-languages = Languages you can study in
page-circ-county = County you live in
page-circ-county-any = Does not matter / online only
page-circ-hours = Hours per week for study
page-circ-budget = Budget in euros (empty = no limit)
page-circ-modes = How you want to study
page-mode-online = online
page-mode-onsite = on site
page-mode-blended = blended (online + on site)
page-circ-funding = Funding you qualify for
page-funding-unemployed = I am registered unemployed
page-funding-training-credit = my employer's training credit
page-funding-employed-adult = working adult (free courses)
page-funding-free = free
page-circ-start = Earliest start
page-circ-finish = Finish by (optional)
page-step3-title = 3. Goal
page-goal-kind = What do you want to reach?
page-goal-qualification = A micro-qualification
page-goal-occupation = An occupation
page-goal-next = What next? (recommendations)
page-qual-filter = Find a micro-qualification
page-qual-placeholder = e.g. cashier, care
page-qual-meta = EQF { $eqf } · at least { $ects } ECTS · { $body }
page-qual-none = No micro-qualification found.
page-goal-occupation-search = The occupation you want
page-next-ask = Show recommendations
page-next-missing = Recommendations are not available on this service yet. Pick a micro-qualification or an occupation.
page-next-none = No recommendations found.
page-next-plan = Choose this goal
page-next-bites = Next steps
page-plan-go = Show what is missing and the paths
page-plan-needgoal = Choose a goal first (step 3).
page-plan-needlang = Choose at least one language of study (step 2).
page-busy = Working…
page-results-title = 4. What is missing and how to get there
page-gap-title = Missing skills
page-gap-skill = Skill
page-gap-have = You have
page-gap-need = Needed
page-gap-demand = Labour-market demand
page-gap-none = Nothing is missing: you have every skill already.
page-gap-onlymodules = No skill is missing; the modules below are still required.
page-gap-modules = Modules also required
page-module-all-of = required module: { $bite }
page-module-n-of = at least { $n } of: { $of }
page-module-min-ects = at least { $ects } ECTS in total
page-demand-none = no data
page-demand-high = high
page-demand-medium = medium
page-demand-low = low
page-demand-source = Source
page-uncover-title = What cannot be reached with these circumstances
page-uncover-module = module rule
page-paths-title = Learning paths
page-paths-none = No path found.
page-path-n = Path { $n }
page-path-choose = Choose this path for printing and download
page-path-chosen = Chosen
page-path-summary = { $steps } { $steps ->
    [one] course
   *[other] courses
} · { $hours } { $hours ->
    [one] hour
   *[other] hours
} · { $cost } · { $ects } ECTS · done by { $finish } ({ $weeks } { $weeks ->
    [one] week
   *[other] weeks
})
page-path-optimal = The best possible: no shorter path exists.
page-path-bound = The best path found; any path takes at least { $bound }.
page-path-alternative = An alternative.
page-path-empty = This path needs no course.
page-step-dates = { $start } – { $end }
page-step-hours = { $hours } { $hours ->
    [one] hour
   *[other] hours
}
page-step-free = free
page-step-funding = Funding: { $list }
page-step-why = Why: { $why }
page-step-details = Course details
page-step-note = Note: { $note }
page-step-nosession = the date is an estimate
page-why-level = { $name } (level { $level })
page-take-title = 5. Take it with you
page-take-help = Add what was agreed, print the chosen path for a meeting with a counsellor, or save it: a saved plan can be opened here again later.
page-take-print = Print
page-take-preview = Print view
page-take-back = Back to editing
page-take-json = Save the plan (JSON)
page-take-csv = Download (CSV)
page-print-heading = Learning plan
page-print-goal = Goal: { $goal }
page-print-made = Made on { $date }
page-print-skills = Skills held
page-print-circ = Circumstances
page-bite-provider = Provider
page-bite-hours = Workload
page-bite-ects = ECTS
page-bite-eqf = EQF level
page-bite-languages = Taught in
page-bite-mode = Mode
page-bite-region = County
page-bite-cost = Price
page-bite-funding = Funding
page-bite-sessions = Sessions
page-bite-session = starts { $start }, { $weeks } { $weeks ->
    [one] week
   *[other] weeks
}
page-bite-assessment = Assessment
page-bite-credential = Credential
page-bite-quality = Quality assurance
page-bite-url = Provider's page
page-bite-outcomes = Learning outcomes
page-bite-prerequisites = Needed first
page-close = Close
page-error-generic = The service could not do this: { $detail }
page-error-requestid = Request id (to quote when reporting it): { $id }
page-error-network = Could not reach the service. Check the network and try again.
page-error-overloaded = The service is busy right now. Try again in a few seconds.
page-error-invalid = Something was entered wrongly:
page-error-unknown = The service does not know these: { $list }
page-lang-et = Estonian
page-lang-ru = Russian
page-lang-en = English
page-csv-header = order,start,end,bite,title,hours,cost_to_you_eur,list_price_eur,ects,provider,mode,county,address,languages,funding,course_page,registration,registration_deadline,places,email,phone,why
page-footer = Sample data: the courses and qualifications are invented. Skills: ESCO (European Commission). Nothing you enter is stored.

## page: education, languages spoken, unlocks, left-out items, why-not

page-bite-whynot = Why is this course not in the path?
page-cefr-c2 = C2 / native
page-cefr-none = —
page-circ-alsoclear = remove
page-circ-alsocounties = Also attends courses in
page-circ-education = Highest education
page-circ-spoken = Languages you speak (level)
page-edu-0 = early childhood or less
page-edu-1 = primary
page-edu-2 = lower secondary (basic)
page-edu-3 = upper secondary (general or vocational)
page-edu-4 = post-secondary vocational
page-edu-5 = short-cycle tertiary
page-edu-6 = bachelor or professional higher
page-edu-7 = master
page-edu-8 = doctorate
page-edu-none = not given
page-lang-uk = Ukrainian
page-left-title = Left out within your limits (and what would reach it):
page-unlock-title = This would make it possible:
page-unlock-samecost = no extra cost
page-path-meets = Meets { $skills } of { $skillsOf } missing { $skillsOf ->
    [one] skill
   *[other] skills
} and { $modules } of { $modulesOf } module { $modulesOf ->
    [one] rule
   *[other] rules
}.
page-path-meets-skills = Meets { $skills } of { $skillsOf } missing { $skillsOf ->
    [one] skill
   *[other] skills
}.
page-path-meets-modules = Meets { $modules } of { $modulesOf } module { $modulesOf ->
    [one] rule
   *[other] rules
}.
page-unlock-adds = +{ $items } { $items ->
    [one] item
   *[other] items
} met (skills or module rules), { $hours } h, { $cost }

## page: keep and reopen a plan, hand-over, paths side by side, enrolment

page-open-title = A saved plan
page-open-help = Have a plan saved before (a JSON file)? Open it: the form is filled in, the plan is made again against today's catalogue, and you see what has changed. The file is not uploaded: the page reads it itself.
page-open-label = Open a saved plan…
page-open-opened = Opened “{ $name }” (saved on { $date }). The plan was made again against today's catalogue.
page-open-not-json = “{ $name }” cannot be opened: it is not a JSON file.
page-open-not-json-at = “{ $name }” cannot be opened: it is not valid JSON (error at line { $line }, column { $column }).
page-open-not-plan = “{ $name }” cannot be opened: it is not an õppepala plan (the field “format” must be “{ $format }”).
page-open-newer = “{ $name }” cannot be opened: a newer õppepala saved it (format version { $version }); this page opens version { $supported }. Open it with a newer page.
page-open-field = “{ $name }” cannot be opened: the field “{ $field }” should be { $expected }.
page-open-too-big = “{ $name }” cannot be opened: it is over 2 MB, and a saved plan is much smaller.
page-open-unreadable = “{ $name }” could not be read.
page-open-expect-object = a JSON object
page-open-expect-list = a list
page-open-expect-number = a number (0 or more)
page-open-expect-text = a text
page-open-expect-date = a date as YYYY-MM-DD
page-open-expect-level = a level 1–4
page-open-expect-language = a language code et, ru or en
page-open-expect-education = an education level 0–8
page-open-expect-version = a format version (a whole number from 1)
page-open-expect-goal = a qualification (“qualification”) or an occupation (“occupation”)
page-change-title = Compared with the plan saved on { $date }
page-change-none = Nothing has changed: the same path, dates and prices.
page-change-gone = “{ $title }” is no longer in the catalogue.
page-change-price = The price of “{ $title }” has changed: { $before } → { $after }.
page-change-dates = The dates of “{ $title }” have changed: now { $after } (was { $before }).
page-change-run-gone = The run of “{ $title }” starting { $start } is no longer offered.
page-change-no-path = No path is found now: the saved path can no longer be followed.
page-change-path = The saved path is no longer offered. The closest now is path { $n }: left out { $out }; added { $added }.
page-change-goal-gone = The goal “{ $goal }” is no longer in the catalogue.
page-compare-title = The paths side by side
page-compare-hours = Workload
page-compare-cost = Cost to you
page-compare-finish = Finished
page-compare-meets = Meets
page-compare-meets-skills = { $met } of { $of } skills
page-compare-meets-modules = { $met } of { $of } module rules
page-compare-languages = Languages
page-compare-where = Where and how
page-compare-courses = Courses
page-enrol-register = Registration
page-enrol-deadline = Registration deadline
page-enrol-deadline-run = { $date } (the run starts { $start })
page-enrol-seats = Places in this run
page-enrol-seats-open = not limited
page-enrol-seats-n = { $n } { $n ->
    [one] place
   *[other] places
}
page-enrol-contact = Contact
page-handover-title = Agreed at the meeting
page-handover-help = These fields stay on this page, in the printout and in the file you save; they are never sent to the service.
page-handover-client = Client's name
page-handover-counsellor = Counsellor
page-handover-meeting = Next meeting
page-handover-actions = Agreed actions
page-csv-sep = CSV separator
page-csv-sep-semicolon = semicolon ; (Excel in Estonian or Russian)
page-csv-sep-comma = comma ,
