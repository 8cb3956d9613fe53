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

## cause (why an item cannot be covered; planner/prepare/diagnose.rs)

cause-not-taught = ни один курс этому не учит
cause-level-not-reached = нужен уровень { $level }, курсы доходят до уровня { $reached }
cause-language-name = { $code ->
    [et] эстонский
    [ru] русский
    [en] английский
   *[other] { $code }
}
cause-mode-name = { $mode ->
    [online] онлайн
    [onsite] очно
   *[blended] в смешанной форме
}
cause-language = ближайший подходящий курс, «{ $bite }», идёт только на языке: { $languages }, на котором вы не учитесь
cause-mode = ближайший подходящий курс, «{ $bite }», проходит { cause-mode-name }, а эту форму вы не отметили
cause-region = ближайший подходящий курс, «{ $bite }», проходит { cause-mode-name } только в другом уезде ({ $county })
cause-dates = ни одна группа ближайшего подходящего курса, «{ $bite }», не подходит под ваши даты
cause-budget = ближайший подходящий курс, «{ $bite }», стоит { $cost } €, больше вашего бюджета { $budget } €
cause-cycle = его курсы требуют этот же навык заранее
cause-no-session-after = у курса «{ $bite }» не остаётся групп после выполнения его требований
cause-alternative = в этом варианте недоступно
cause-prerequisite = его предварительное требование { $skill } (уровень { $level }) недостижимо: { $cause }
cause-required-module = обязательный модуль { $bite }: { $cause }
cause-too-few-modules = из перечисленных курсов вашим условиям подходит только { $n }, требуется { $need }
cause-too-few-credits = подходящие вам курсы дают не больше { $ects } ECTS

## unlock (what would make an item coverable; planner/unlock.rs)

unlock-add-mode = отметить форму обучения: { cause-mode-name }
unlock-add-region = добавить { $county }
unlock-add-language = учиться также на языке: { cause-language-name }
unlock-raise-budget = увеличить бюджет до { $eur } €
unlock-finish-later = закончить до { $date }
unlock-hold-skill = если у вас уже есть навык «{ $skill }» на уровне { $level }, добавьте его
unlock-and = { $first } и { $second }

## whynot (why a course is not in the path; planner/why_not.rs)

whynot-in-path = «{ $bite }» есть в лучшем пути.
whynot-excluded = «{ $bite }» не подходит под ваши условия: { $cause }.
whynot-language = он идёт только на языке: { $languages }, на котором вы не учитесь
whynot-mode = он проходит { cause-mode-name }, а эту форму вы не отметили
whynot-region = он проходит { cause-mode-name } в другом уезде ({ $county })
whynot-dates = ни одна его группа не подходит под ваши даты
whynot-budget = он стоит { $cost } €, больше вашего бюджета { $budget } €
whynot-unreachable = «{ $bite }» нельзя пройти: { $cause }.
whynot-held = «{ $bite }» не нужен: то, чему он учит, у вас для этой цели уже есть.
whynot-not-needed = «{ $bite }» не нужен: он не учит ничему, что ещё требуется для этой цели.
whynot-dominated = «{ $other }» учит всему, чему здесь учил бы «{ $bite }», не требует большего и короче или дешевле ({ $other_hours } ч, { $other_cost } € вместо { $hours } ч, { $cost } €).
whynot-instead = «{ $bite }» подходит под ваши условия, но лучший путь даёт то же самое с курсами { $others } (всего { $hours } ч, { $cost } €).
whynot-not-chosen = «{ $bite }» подходит под ваши условия, но без него лучший путь лучше (цель: { $objective }; всего { $hours } ч, { $cost } €).
whynot-no-path = «{ $bite }» подходит под ваши условия, но ни один путь не укладывается в ваш бюджет.
whynot-quoted = «{ $title }»
