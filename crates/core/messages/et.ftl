# õppepala's messages in Estonian (eesti keel). Ids and arguments as in
# en.ftl. The learner is addressed as "sina". After 1 the singular
# nominative, after other numbers the singular partitive.

## Units

unit-hours = { $n } { $n ->
    [one] tund
   *[other] tundi
}
unit-courses = { $n } { $n ->
    [one] kursus
   *[other] kursust
}
unit-weeks = { $n } { $n ->
    [one] nädal
   *[other] nädalat
}
unit-learners = { $n } { $n ->
    [one] õppija
   *[other] õppijat
}
unit-skills = { $n } { $n ->
    [one] oskus
   *[other] oskust
}
