# õppepala's messages in Russian (русский). Ids and arguments as in en.ftl.
# The learner is addressed as "вы". CLDR's plural categories: one (1, 21,
# 31…), few (2–4, 22–24…), many (0, 5–20, 25–30…), other (fractions).

## Units

unit-hours = { $n } { $n ->
    [one] час
    [few] часа
    [many] часов
   *[other] часа
}
unit-courses = { $n } { $n ->
    [one] курс
    [few] курса
    [many] курсов
   *[other] курса
}
unit-weeks = { $n } { $n ->
    [one] неделя
    [few] недели
    [many] недель
   *[other] недели
}
unit-learners = { $n } { $n ->
    [one] учащийся
    [few] учащихся
    [many] учащихся
   *[other] учащегося
}
unit-skills = { $n } { $n ->
    [one] навык
    [few] навыка
    [many] навыков
   *[other] навыка
}
