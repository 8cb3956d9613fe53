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
