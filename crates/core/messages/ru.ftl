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
## plan (paths: labels, steps, explanations, summaries)

plan-kind-fewest-hours = меньше всего часов
plan-kind-cheapest = дешевле всего
plan-kind-quickest-to-finish = быстрее всего
plan-kind-different-courses = другие курсы
plan-kind-online-only = только онлайн
plan-kind-partial = больше всего в ваших пределах
plan-kind-credit-minimum = закрывает минимум кредитов
plan-kind-modules-only = только требования к модулям
plan-goal = цель
plan-money = { $n } €
plan-skill-level = { $skill } (уровень { $level })
plan-why-meets = закрывает: { $skills }
plan-why-required-module-qualification = обязательный модуль квалификации
plan-why-required-module = обязательный модуль
plan-why-choice = один из модулей на выбор (не менее { $n } из { $of })
plan-why-needed-first = нужен сначала: предварительное условие для { $titles }
plan-why-credits = добавляет { $ects } ECTS к минимуму в { $min }
plan-calendar-no-session = после предварительных условий в ваши даты не начинается ни одна группа
plan-calendar-over-limit = идёт одновременно с другими шагами сверх ваших часов в неделю
plan-explain-done = Вы уже выполняете всё, что требует цель «{ $goal }».
plan-explain-totals = { $courses }, { $hours }, { $cost }, { $ects } ECTS, окончание к { $date }.
plan-explain-meets = Путь закрывает { $met } из { $of } { $of ->
    [one] недостающего навыка
   *[other] недостающих навыков
} для цели «{ $goal }».
plan-explain-meets-modules = Путь закрывает { $met } из { $of } { $of ->
    [one] недостающего навыка
   *[other] недостающих навыков
} и { $mmet } из { $mof } { $mof ->
    [one] требования
   *[other] требований
} к модулям для цели «{ $goal }».
plan-explain-meets-only-modules = Путь закрывает { $mmet } из { $mof } { $mof ->
    [one] требования
   *[other] требований
} к модулям для цели «{ $goal }».
plan-explain-module-rule = требование к модулям
plan-explain-item = { $what } ({ $reason })
plan-explain-not-possible = При ваших условиях невозможно: { $items }.
plan-objective-hours = часам
plan-objective-cost = стоимости
plan-objective-weeks = сроку окончания
plan-explain-proven = Доказано, что это лучший путь по { $objective }.
plan-explain-best-found = Лучший путь, найденный за отведённое время; ни один путь не может занять меньше, чем { $bound }.
plan-explain-alternative = Другой вариант: { $label }.
plan-explain-no-skills = Путь не закрывает ни одного недостающего навыка, только требования к модулям: в обучении это не продвижение.
plan-explain-credit-minimum = Остался только минимум кредитов: его закроет любой из этих курсов.
plan-explain-partial = Ни один полный путь не укладывается в ваши пределы: это самое большее, что можно сделать в них.
plan-summary-nothing-missing = Вы уже выполняете всё, что требует цель «{ $goal }».
plan-summary-complete = Каждый путь закрывает всё, чему могут научить курсы при ваших условиях для цели «{ $goal }»: { $met } из { $of } { $of ->
    [one] недостающего навыка
   *[other] недостающих навыков
}.
plan-summary-complete-modules = Каждый путь закрывает всё, что могут дать курсы при ваших условиях для цели «{ $goal }»: { $mmet } из { $mof } { $mof ->
    [one] открытого требования
   *[other] открытых требований
} к модулям.
plan-summary-modules-only = Ни одному недостающему навыку для цели «{ $goal }» при ваших условиях научиться нельзя; пути закрывают только требования к модулям.
plan-summary-partial = Ни один полный путь не укладывается в ваши пределы. Лучший путь в них закрывает { $met } из { $of } { $of ->
    [one] недостающего навыка
   *[other] недостающих навыков
} для цели «{ $goal }»; ниже указано, что остаётся и что сделало бы это доступным.
plan-summary-partial-modules = Ни один полный путь не укладывается в ваши пределы. Лучший путь в них закрывает { $mmet } из { $mof } { $mof ->
    [one] требования
   *[other] требований
} к модулям для цели «{ $goal }»; ниже указано, что остаётся и что сделало бы это доступным.
plan-summary-complete-cost = Полный путь стоит { $cost }, на { $extra } больше вашего бюджета.
plan-summary-credit-minimum = Для цели «{ $goal }» остался только минимум кредитов: его закроет любой из этих курсов.
plan-summary-nothing-reachable = Ничего из недостающего для цели «{ $goal }» при ваших условиях закрыть нельзя, поэтому курсы не предлагаются.
plan-summary-nothing-within = Ничего из недостающего для цели «{ $goal }» не укладывается в ваши пределы, поэтому курсы не предлагаются; для каждого пункта указано, что сделало бы его доступным.
plan-left-budget = с бюджетом { $budget } это доступно (на { $extra } больше)
plan-left-dates = не укладывается вместе с остальным планом в ваш срок окончания или часы в неделю

## cli-plan (the plan command's text)

cli-plan-left = Не входит: { $item } — { $reason }
cli-plan-meets = закрывает { $skills } из { $skills_of } { $skills_of ->
    [one] недостающего навыка
   *[other] недостающих навыков
}, { $modules } из { $modules_of } { $modules_of ->
    [one] требования
   *[other] требований
} к модулям
cli-plan-meets-skills = закрывает { $skills } из { $skills_of } { $skills_of ->
    [one] недостающего навыка
   *[other] недостающих навыков
}
cli-plan-meets-modules = закрывает { $modules } из { $modules_of } { $modules_of ->
    [one] требования
   *[other] требований
} к модулям
cli-plan-note = ! { $note }

## recommend (why a target or a next course is recommended)

recommend-met = вы уже выполняете { $met } из { $n } { $n ->
    [one] требования
   *[other] требований
}
recommend-to-learn = нужно освоить { $n } { $n ->
    [one] требование
    [few] требования
   *[other] требований
}
recommend-path-free = самый короткий путь займёт { $h } { $h ->
    [one] час
    [few] часа
   *[other] часов
} и для вас бесплатен
recommend-path-cost = самый короткий путь займёт { $h } { $h ->
    [one] час
    [few] часа
   *[other] часов
} и обойдётся вам в { $c } евро
recommend-path-meets = его лучший путь закрывает { $met } из { $of } { $of ->
    [one] недостающего навыка
   *[other] недостающих навыков
}
recommend-no-path = ни один полный путь не подходит под ваши условия (по оценке около { $h } { $h ->
    [one] часа
   *[other] часов
} и { $c } евро)
recommend-demand = { $months ->
    [one] в ближайший
   *[other] в ближайшие
} { $months } { $months ->
    [one] месяц
    [few] месяца
   *[other] месяцев
} ожидается около { $x } { $unit ->
    [postings] { $x ->
        [one] вакансии
       *[other] вакансий
    }
    [vacancies] { $x ->
        [one] вакансии
       *[other] вакансий
    }
    [jobs] { $x ->
        [one] рабочего места
       *[other] рабочих мест
    }
   *[other] { $unit }
}
recommend-transfers = ваши навыки здесь хорошо пригодятся
recommend-suits-education = уровень EQF { $eqf } соответствует вашему образованию
recommend-bite-covers = закрывает { $n } { $n ->
    [one] требование
    [few] требования
   *[other] требований
} целей выше
recommend-bite-free = для вас бесплатно
recommend-bite-cost = { $c } евро
recommend-bite-entry = короткий бесплатный первый шаг, который можно начать сразу
recommend-bite-start = можно начать сразу

## plan-limits (hours per week and finish date)

plan-left-fix-both = полный путь укладывается при { $hours } часах в неделю или с окончанием к { $date }
plan-left-fix-hours = полный путь укладывается при { $hours } часах в неделю
plan-left-fix-finish = полный путь укладывается с окончанием к { $date }
plan-summary-fix = Ни одно расписание не укладывается в ваши часы в неделю и срок окончания: { $fix }.
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
cause-pace = занятия ближайшего подходящего курса, «{ $bite }», требуют больше часов в неделю, чем у вас есть
cause-budget = ближайший подходящий курс, «{ $bite }», стоит { $cost } €, больше вашего бюджета { $budget } €
cause-cycle = его курсы требуют этот же навык заранее
cause-no-session-after = у курса «{ $bite }» не остаётся групп после выполнения его требований
cause-alternative = в этом варианте недоступно
cause-prerequisite = его предварительное требование { $skill } (уровень { $level }) недостижимо: { $cause }
cause-required-module = обязательный модуль «{ $bite }»: { $cause }
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
## cli: the command line's text output (src/cli); operators' commands
## (index, import, train, demand, serve) stay English, see src/cli/mod.rs.

cli-gap-none = Ничего не нужно: у вас есть все требуемые навыки.
cli-gap-heading = Не хватает: { $n } { $n ->
    [one] навыка
    [few] навыков
    [many] навыков
   *[other] навыка
}
cli-gap-item = { $skill } — нужен уровень { $need }, у вас { $held }
cli-gap-demand = спрос { $score }: { $sentence }
cli-modules-heading = Ещё не выполнено требований к модулям: { $n }
cli-module-all-of = обязательный модуль: { $bite }
cli-module-n-of = не менее { $n } из: { $bites }
cli-module-min-ects = всего не менее { $ects } ECTS
cli-uncoverable = Нельзя освоить: { $what } — { $reason }
cli-uncoverable-module = требование к модулям
cli-gap-demand-missing = спрос: { $sentence }
cli-unlock = помогло бы: { $change } (+{ $n } { $n ->
    [one] пункт
    [few] пункта
    [many] пунктов
   *[other] пункта
  }, { $hours } ч, { $cost } евро)
cli-path = Путь { $n } — { $label }: { $hours } ч, { $cost } евро, { $ects } ECTS, готово { $finish } ({ $weeks } { $weeks ->
    [one] неделя
    [few] недели
    [many] недель
   *[other] недели
})
cli-path-optimal = (доказано лучший)
cli-step = { $i }. { $start } → { $end }  { $title }  [{ $bite }] { $hours } ч, { $cost } евро
cli-search-heading = { $n } { $n ->
    [one] курс
    [few] курса
    [many] курсов
   *[other] курса
}; страница { $page }:
cli-search-relaxed = не все слова точно: часть ваших слов или слова с отличием в одну букву
cli-query-cut = внимание: запрос сокращён до { $n } символов
cli-skills-none = по запросу «{ $q }» навыков не найдено
cli-label-kind-preferred = название
cli-label-kind-alt = другое название
cli-label-kind-hidden = другое написание
cli-cohort-summary = { $n } { $n ->
    [one] учащийся
    [few] учащихся
    [many] учащихся
   *[other] учащегося
} ({ $bad } { $bad ->
    [one] ошибочная строка
    [few] ошибочные строки
    [many] ошибочных строк
   *[other] ошибочной строки
}), с путём обучения: { $with_path }, медиана первого шага { $median }; { $rate } учащихся в секунду
cli-cohort-median-hours = { $n } { $n ->
    [one] час
    [few] часа
    [many] часов
   *[other] часа
}
cli-cohort-median-none = –
cli-unit-hours-short = ч
cli-unit-euro-short = евро

## enum: the words for the codes in bite and qualification answers
## (service::texts); an answer keeps the code and adds the text.

enum-assessment-practical-test = практическое задание
enum-assessment-demonstration = демонстрация навыков
enum-assessment-test = тест
enum-assessment-portfolio = портфолио
enum-assessment-project = проект
enum-assessment-language-test = языковой экзамен
enum-assessment-exam = экзамен
enum-credential-certificate = свидетельство
enum-credential-certificate-of-participation = справка об участии
enum-credential-micro-credential = свидетельство о микроквалификации
enum-mode-online = онлайн
enum-mode-onsite = очно
enum-mode-blended = смешанная форма (онлайн и очно)
enum-funding-unemployed = бесплатно для зарегистрированных безработных
enum-funding-training-credit = по учебному кредиту работодателя
enum-funding-employed-adult = бесплатно для работающих взрослых
enum-funding-free = бесплатно для всех
enum-lang-et = эстонский язык
enum-lang-ru = русский язык
enum-lang-en = английский язык
enum-field-retail = торговля
enum-field-care = уход
enum-field-logistics = логистика
enum-field-construction = строительство
enum-field-hospitality = гостиничное дело и питание
enum-field-digital = цифровые навыки
enum-field-office = офисная работа
enum-field-it-support = ИТ-поддержка
enum-field-manufacturing = производство
enum-field-estonian = эстонский язык
enum-eqf-level = { $n }-й уровень EQF

## problem: the title and detail of the API's problem documents
## (src/api/error.rs), in the request's language; codes stay codes.

problem-malformed-json-title = Некорректный JSON
problem-malformed-json = Тело запроса не является корректным JSON.
problem-invalid-request-title = Неверный запрос
problem-invalid-request = { $n ->
    [one] У этого поля неверный тип или значение
   *[other] У этих полей неверный тип или значение
}: { $fields }
problem-invalid-request-unnamed = В запросе неверный тип или значение.
problem-unknown-ids-title = Неизвестные идентификаторы
problem-unknown-ids = Неизвестно ({ $what }): { $ids }
problem-not-found-title = Не найдено
problem-not-found = Неизвестно ({ $what }): { $id }
problem-no-route-title = Нет такого адреса
problem-no-route = По адресу { $path } ничего нет.
problem-method-not-allowed-title = Метод не разрешён
problem-method-not-allowed = Адрес существует, но не для этого метода.
problem-payload-too-large-title = Слишком большой запрос
problem-payload-too-large = Тело запроса больше { $limit } байт (`{ $setting }`).
problem-unsupported-media-type-title = Неподдерживаемый тип данных
problem-unsupported-media-type = Тело запроса должно быть `application/json`.
problem-uri-too-long-title = Слишком длинный адрес
problem-uri-too-long = Путь и параметры запроса длиннее { $limit } байт.
problem-headers-too-large-title = Слишком большие заголовки
problem-headers-too-large = В запросе больше { $lines } строк заголовков или больше { $bytes } байт заголовков.
problem-unauthorized-title = Нужен API-ключ
problem-unauthorized = Для этой операции нужен API-ключ: `Authorization: Bearer <ключ>`.
problem-forbidden-title = Запрещено
problem-forbidden = С этим API-ключом это сделать нельзя.
problem-conflict-title = Конфликт
problem-conflict = Изменение противоречит текущему состоянию; см. `conflicts` и `errors`.
problem-read-only = Папка данных этого сервиса доступна только для чтения (`read_only`): измените каталог там, откуда его читает задание индексации (Job), и разверните новый снимок.
problem-no-path-title = Путь не найден
problem-no-path = За отведённое время планировщик не нашёл ни одного пути.
problem-query-too-long-title = Слишком длинный запрос
problem-query-too-long = В тексте поиска { $chars } символов; можно не больше { $max }.
problem-rate-limited-title = Слишком много запросов
problem-rate-limited = С этого клиента пришло слишком много запросов; повторите через { $s } { $s ->
    [one] секунду
    [few] секунды
    [many] секунд
   *[other] секунды
}.
problem-quota-exceeded = Этот клиент может отправлять { $events } { $events ->
    [one] событие
    [few] события
    [many] событий
   *[other] события
} обратной связи в { $per ->
    [hour] час
   *[day] сутки
} (`{ $setting }`); этот пакет превышает лимит. Повторите через { $s } с.
problem-overloaded-title = Сервис занят
problem-overloaded = Сервис занят; повторите через { $s } { $s ->
    [one] секунду
    [few] секунды
    [many] секунд
   *[other] секунды
}.
problem-timeout-title = Время истекло
problem-timeout = Запрос выполнялся слишком долго и был остановлен; повторите.
problem-internal-title = Внутренняя ошибка
problem-internal = Ошибка на нашей стороне; при обращении укажите номер запроса.
problem-what-skill = навык
problem-what-qualification = квалификация
problem-what-occupation = профессия
problem-what-bite = курс
problem-what-region = регион
problem-what-bite-or-target = курс или цель
problem-what-other = идентификатор

## caseload: the cohort CSV's headers and words, the caseload summary
## (crates/insight/src/recommend/caseload.rs)

caseload-column-line = строка
caseload-column-learner = учащийся
caseload-column-rank = место
caseload-column-target-type = тип цели
caseload-column-target-id = код цели
caseload-column-target = цель
caseload-column-score = оценка
caseload-column-real-path = есть путь
caseload-column-why-not = почему нет
caseload-column-hours = часов
caseload-column-cost-eur = стоимость для учащегося (€)
caseload-column-ects = ECTS
caseload-column-start = начало
caseload-column-finish = окончание
caseload-column-weeks = недель
caseload-column-skills-met = недостающих навыков будет освоено
caseload-column-n-courses = число курсов
caseload-column-course-ids = коды курсов
caseload-column-courses = курсы
caseload-column-course-starts = начало курсов
caseload-column-providers = организаторы
caseload-column-registration = регистрация
caseload-column-contacts = контакты
caseload-column-funding = финансирование
caseload-column-counties = уезды
caseload-column-locations = места проведения
caseload-column-reason = обоснование
caseload-why-bad-line = строку не удалось прочитать
caseload-why-no-target = нет подходящей цели (язык, форма обучения или уезд)
caseload-why-no-path = путь не укладывается в ограничения (бюджет, даты, часы)
caseload-why-no-progress = путь не покрывает ни одного недостающего требования
caseload-funder-learner = платит учащийся
caseload-funder-free = бесплатно
caseload-funder-unemployed = бесплатно для безработных
caseload-funder-training-credit = учебный кредит работодателя
caseload-funder-employed-adult = бесплатно для работающих взрослых
caseload-micro-qualification = микроквалификация
caseload-occupation = профессия
caseload-skills = навыки
caseload-online = онлайн
caseload-no-county-given = уезд не указан
caseload-learners = учащихся
caseload-with-a-real-path = с путём
caseload-bad-lines = ошибочных строк
caseload-real-path = с путём
caseload-target-heading = Цель
caseload-target = цель
caseload-county-heading = Уезд
caseload-county = уезд
caseload-why-heading = Без пути: почему
caseload-reason = причина
caseload-funder-heading = Кто платит
caseload-funder = кто платит
caseload-hours = часов
caseload-price = цена (€)
caseload-yes = да
caseload-no = нет

## allocate: why a learner of a caseload got the place they got
## (src/service/allocate.rs)

allocate-run-full = группа курса «{ $title }» с { $start } заполнена (мест: { $seats })
allocate-first-choice = Лучший путь, во всех группах есть места.
allocate-later-run = { $full }; вместо неё — более поздняя группа, путь заканчивается { $finish }.
allocate-other-path = { $full }; вместо этого другой путь, заканчивается { $finish }.
allocate-next-run = { " " }Следующая группа со свободными местами: «{ $title }» с { $start }.
allocate-no-seat = { $full }; ни другая группа, ни другой путь не укладываются в ограничения учащегося.{ $next }
allocate-no-path = Путь не найден.
allocate-no-path-because = Путь не найден ({ $cause }).
allocate-bad-line = Строку не удалось прочитать: { $cause }
## plan-pace (issue 16 item 4: hours per week without a finish date; planner/limits.rs)
plan-summary-fix-pace = Ни одно расписание не укладывается в ваши часы в неделю: { $fix }.
