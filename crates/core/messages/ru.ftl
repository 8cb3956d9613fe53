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

## Demand
# Цифры спроса на рынке труда (crates/insight/src/demand/annotate.rs).

demand-month = { $month ->
    [1] янв.
    [2] февр.
    [3] март
    [4] апр.
    [5] май
    [6] июнь
    [7] июль
    [8] авг.
    [9] сент.
    [10] окт.
    [11] нояб.
   *[12] дек.
} { $year }
demand-period = { $from } – { $to }
demand-amount = { $fewer ->
    [yes] менее { $n }
   *[no] около { $n }
} { $unit ->
    [postings] { $n ->
        [one] вакансии
       *[other] вакансий
    }
    [vacancies] { $n ->
        [one] вакансии
       *[other] вакансий
    }
   *[other] { $unit }
}
demand-range = { " " }(вероятно, { $lower }–{ $upper })
demand-what = { $counts ->
    [skill] по профессиям, которым нужен этот навык
    [skill-series] с этим навыком
   *[occupation] по этой профессии
}
demand-text = { $region }, { $period }: { $kind ->
    [forecast] ожидается
   *[other] опубликовано
} { $amount } { $what }{ $range }.
demand-group = Это равная доля вакансий группы ISCO { $group } ({ $group_amount }), которые делятся между { $occupations } { $occupations ->
    [one] профессией
   *[other] профессиями
} группы.
demand-skill-occupations = Учтено профессий: { $occupations } (где навык необязателен, — { $weight } их вакансий).
demand-data-end = Данные по { $as_of } включительно.
demand-stale = Нет свежих данных: данные заканчиваются { $as_of }, за { $age } { $age ->
    [one] месяц
    [few] месяца
    [many] месяцев
   *[other] месяца
} до дня планирования, слишком давно для прогноза. Последние известные:
demand-illustrative = Иллюстративные цифры, не реальные вакансии.
demand-clause = { $kind ->
    [forecast] ожидается
   *[other] опубликовано
} { $amount } { $what } за { $period }{ $illustrative ->
    [yes] { " " }(иллюстративно)
   *[no] {""}
}
demand-clause-what = { $counts ->
    [skill] по профессиям, которым нужен её самый востребованный навык
    [skill-series] с её самым востребованным навыком
   *[occupation] по этой профессии
}
demand-clause-stale = нет свежих данных (данные заканчиваются { $as_of }); последние известные: { $amount } { $what } за { $period }{ $illustrative ->
    [yes] { " " }(иллюстративно)
   *[no] {""}
}
demand-most-wanted = Из недостающих навыков больше всего востребован «{ $skill }».
demand-source-illustrative = Иллюстративные ряды (сгенерированы на основе данных Eurostat, Cedefop и Департамента статистики Эстонии)
demand-missing-no-data = Данные о спросе на рынке труда не загружены.
demand-missing-region = { $region }: для этого уезда нет рядов спроса.
demand-missing-skill-not-needed = Ни одной профессии в таксономии этот навык не нужен, поэтому вакансии для него не считаются.
demand-missing-skill-series = { $region }: ни у одной из { $occupations } { $occupations ->
    [one] профессии
   *[other] профессий
}, которым нужен этот навык, здесь нет ряда спроса.
demand-missing-no-isco = У этой профессии нет группы ISCO, поэтому её не покрывает ни один ряд спроса.
demand-missing-group = { $region }: нет рядов спроса для группы ISCO { $group } или более широкой группы.
demand-missing-before-data = { $region }: ряды спроса начинаются с { $start }, позже запрошенных месяцев.
