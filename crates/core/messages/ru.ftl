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
problem-payload-too-large = Тело запроса больше { $limit } байт.
problem-unsupported-media-type-title = Неподдерживаемый тип данных
problem-unsupported-media-type = Тело запроса должно быть `application/json`.
problem-unauthorized-title = Нужен API-ключ
problem-unauthorized = Для этой операции нужен API-ключ: `Authorization: Bearer <ключ>`.
problem-forbidden-title = Запрещено
problem-forbidden = С этим API-ключом это сделать нельзя.
problem-conflict-title = Конфликт
problem-conflict = Изменение противоречит текущему состоянию; см. `conflicts` и `errors`.
problem-over-budget-title = Ни один путь не укладывается в бюджет
problem-over-budget = Самый дешёвый путь стоит { $cheapest } евро, бюджет — { $budget } евро.
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
