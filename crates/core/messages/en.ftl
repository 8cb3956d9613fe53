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
