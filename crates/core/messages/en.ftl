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
problem-payload-too-large = The request body is larger than { $limit } bytes.
problem-unsupported-media-type-title = Unsupported media type
problem-unsupported-media-type = The body must be `application/json`.
problem-unauthorized-title = API key required
problem-unauthorized = This operation needs an API key: `Authorization: Bearer <key>`.
problem-forbidden-title = Forbidden
problem-forbidden = This API key may not do this.
problem-conflict-title = Conflict
problem-conflict = The write conflicts with the current state; see `conflicts` and `errors`.
problem-over-budget-title = No path fits the budget
problem-over-budget = The cheapest path costs { $cheapest } EUR, over the budget of { $budget } EUR.
problem-no-path-title = No path found
problem-no-path = No path was found within the planner's time budget.
problem-query-too-long-title = Query too long
problem-query-too-long = The search text has { $chars } characters; at most { $max } are allowed.
problem-rate-limited-title = Too many requests
problem-rate-limited = Too many requests from this client; try again in { $s } { $s ->
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
