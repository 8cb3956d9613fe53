# The page's strings in Russian (src/web/page): served to the page as
# /app/i18n.js, compiled from this file (src/web/page.rs). Ids and
# arguments as in en.ftl; the learner is addressed as "вы".

## page

page-lang-name = Русский
page-fundingtag-unemployed = бесплатно для зарегистрированных безработных
page-fundingtag-training-credit = по учебному кредиту работодателя
page-fundingtag-employed-adult = бесплатно для работающих взрослых
page-fundingtag-free = бесплатно для всех
page-skip = Перейти к форме
page-page-title = õppepala – путь к микроквалификации
page-page-lead = Укажите, что человек уже умеет, его возможности и цель. Страница покажет, чего не хватает, и 2–3 пути обучения с датами, часами и ценой.
page-nav-language = Язык
page-step1-title = 1. Что вы умеете?
page-step1-help = Введите навык и выберите из подсказок. Или выберите профессию, в которой вы работали: её основные навыки добавятся, снимите галочку с того, чего вы не умеете.
page-skill-search = Найти навык
page-skill-placeholder = например, обслуживание клиентов, Excel
page-occupation-search = Профессия, в которой вы работали
page-occupation-placeholder = например, kassapidaja или cashier
page-occupation-hint = Названия профессий есть только на эстонском и английском.
page-suggest-none = Ничего не найдено. Попробуйте другое слово.
page-suggest-count = Подсказок: { $n }. Выбирайте стрелками и Enter.
page-skills-list = Ваши навыки
page-skills-empty = Навыки пока не выбраны. Так тоже можно: тогда считаем, что вы начинаете с нуля.
page-skills-from = из профессии: { $name }
page-skills-level = Уровень: { $name }
page-skills-remove = Убрать { $name }
page-skills-keep = Умею: { $name }
page-occupation-added = Добавлено навыков: { $n } (профессия { $name }).
page-level-1 = 1 – начальный
page-level-2 = 2 – средний
page-level-3 = 3 – продвинутый
page-level-4 = 4 – эксперт
page-step2-title = 2. Ваши возможности
page-circ-languages = Языки, на которых вы можете учиться
page-circ-county = Уезд, где вы живёте
page-circ-county-any = Не важно / только онлайн
page-circ-hours = Часов в неделю на учёбу
page-circ-budget = Бюджет в евро (пусто = без ограничения)
page-circ-modes = Форма обучения
page-mode-online = онлайн
page-mode-onsite = очно
page-mode-blended = смешанная (онлайн + очно)
page-circ-funding = Финансирование, на которое вы имеете право
page-funding-unemployed = я зарегистрированный безработный
page-funding-training-credit = учебный кредит работодателя
page-funding-employed-adult = работающий взрослый (бесплатные курсы)
page-funding-free = бесплатно
page-circ-start = Самая ранняя дата начала
page-circ-finish = Закончить до (необязательно)
page-step3-title = 3. Цель
page-goal-kind = Чего вы хотите достичь?
page-goal-qualification = Микроквалификация
page-goal-occupation = Профессия
page-goal-next = Что дальше? (рекомендации)
page-qual-filter = Найти микроквалификацию
page-qual-placeholder = например, кассир, уход
page-qual-meta = EQF { $eqf } · не менее { $ects } ECTS · { $body }
page-qual-none = Микроквалификации не найдены.
page-goal-occupation-search = Желаемая профессия
page-next-ask = Показать рекомендации
page-next-missing = Рекомендации в этом сервисе пока недоступны. Выберите микроквалификацию или профессию.
page-next-none = Рекомендаций не найдено.
page-next-plan = Выбрать эту цель
page-next-bites = Следующие шаги
page-plan-go = Показать, чего не хватает, и пути
page-plan-needgoal = Сначала выберите цель (шаг 3).
page-plan-needlang = Выберите хотя бы один язык обучения (шаг 2).
page-busy = Считаю…
page-results-title = 4. Чего не хватает и как этого достичь
page-gap-title = Недостающие навыки
page-gap-skill = Навык
page-gap-have = У вас
page-gap-need = Нужно
page-gap-demand = Спрос на рынке труда
page-gap-none = Ничего не нужно: все навыки у вас уже есть.
page-gap-onlymodules = Все навыки есть; осталось пройти модули, названные ниже.
page-gap-modules = Также требуются модули
page-module-all-of = обязательный модуль: { $bite }
page-module-n-of = не менее { $n } из: { $of }
page-module-min-ects = всего не менее { $ects } ECTS
page-demand-none = нет данных
page-demand-high = высокий
page-demand-medium = средний
page-demand-low = низкий
page-demand-source = Источник
page-uncover-title = Чего нельзя достичь при этих условиях
page-uncover-module = требование к модулям
page-paths-title = Пути обучения
page-paths-none = Подходящий путь не найден.
page-path-n = Путь { $n }
page-path-choose = Выбрать этот путь для печати и загрузки
page-path-chosen = Выбран
page-path-summary = { $steps } { $steps ->
    [one] курс
    [few] курса
    [many] курсов
   *[other] курса
} · { $hours } ч · { $cost } · { $ects } ECTS · готово { $finish } ({ $weeks } нед.)
page-path-optimal = Лучший из возможных: короче пути нет.
page-path-bound = Лучший найденный путь; любой путь займёт не меньше { $bound }.
page-path-alternative = Альтернатива.
page-path-empty = Для этого пути курсы не нужны.
page-step-dates = { $start } – { $end }
page-step-hours = { $hours } ч
page-step-free = бесплатно
page-step-funding = Финансирование: { $list }
page-step-why = Зачем: { $why }
page-step-details = О курсе
page-step-note = Примечание: { $note }
page-step-nosession = дата примерная
page-why-level = { $name } (уровень { $level })
page-take-title = 5. Взять с собой
page-take-help = Добавьте договорённости, распечатайте выбранный путь для встречи с консультантом или сохраните его: сохранённый план можно позже снова открыть здесь.
page-take-print = Печать
page-take-preview = Вид для печати
page-take-back = Вернуться к изменению
page-take-json = Сохранить план (JSON)
page-take-csv = Скачать (CSV)
page-print-heading = План обучения
page-print-goal = Цель: { $goal }
page-print-made = Составлен { $date }
page-print-skills = Имеющиеся навыки
page-print-circ = Возможности
page-bite-provider = Организатор
page-bite-hours = Объём
page-bite-ects = ECTS
page-bite-eqf = Уровень EQF
page-bite-languages = Язык обучения
page-bite-mode = Форма обучения
page-bite-region = Уезд
page-bite-cost = Цена
page-bite-funding = Финансирование
page-bite-sessions = Даты
page-bite-session = начало { $start }, { $weeks } { $weeks ->
    [one] неделя
    [few] недели
    [many] недель
   *[other] недели
}
page-bite-assessment = Оценивание
page-bite-credential = Документ
page-bite-quality = Обеспечение качества
page-bite-url = Страница организатора
page-bite-outcomes = Результаты обучения
page-bite-prerequisites = Нужно заранее
page-close = Закрыть
page-error-generic = Сервис не смог выполнить запрос: { $detail }
page-error-requestid = Номер запроса (для сообщения о проблеме): { $id }
page-error-network = Нет связи с сервисом. Проверьте сеть и попробуйте снова.
page-error-overloaded = Сервис сейчас занят. Попробуйте через несколько секунд.
page-error-invalid = Что-то введено неверно:
page-error-unknown = Сервис их не знает: { $list }
page-lang-et = эстонский
page-lang-ru = русский
page-lang-en = английский
page-csv-header = номер,начало,конец,курс,название,часы,цена_для_вас_eur,цена_по_прайсу_eur,ects,организатор,форма,уезд,адрес,язык_обучения,финансирование,страница_курса,регистрация,срок_регистрации,мест,эл_почта,телефон,зачем
page-footer = Демонстрационные данные: курсы и квалификации вымышлены. Навыки: ESCO (Европейская комиссия). Введённые данные не сохраняются.

## page: education, languages spoken, unlocks, left-out items, why-not

page-bite-whynot = Почему этого курса нет в пути?
page-cefr-c2 = C2 / родной
page-cefr-none = —
page-circ-alsoclear = убрать
page-circ-alsocounties = Посещает курсы также в уездах
page-circ-education = Высшее полученное образование
page-circ-spoken = Языки, на которых вы говорите (уровень)
page-edu-0 = дошкольное или ниже
page-edu-1 = начальное
page-edu-2 = основное
page-edu-3 = среднее (общее или профессиональное)
page-edu-4 = профессиональное после среднего
page-edu-5 = краткое высшее
page-edu-6 = бакалавр или прикладное высшее
page-edu-7 = магистр
page-edu-8 = доктор
page-edu-none = не указано
page-lang-uk = украинский
page-left-title = Не укладывается в ваши пределы (и что сделало бы это доступным):
page-unlock-title = Это станет возможным, если:
page-unlock-samecost = без доп. затрат
page-path-meets = Закрывает { $skills } из { $skillsOf } { $skillsOf ->
    [one] недостающего навыка
   *[other] недостающих навыков
} и { $modules } из { $modulesOf } { $modulesOf ->
    [one] требования
   *[other] требований
} к модулям.
page-path-meets-skills = Закрывает { $skills } из { $skillsOf } { $skillsOf ->
    [one] недостающего навыка
   *[other] недостающих навыков
}.
page-path-meets-modules = Закрывает { $modules } из { $modulesOf } { $modulesOf ->
    [one] требования
   *[other] требований
} к модулям.
page-unlock-adds = +{ $items } { $items ->
    [one] пункт
    [few] пункта
    [many] пунктов
   *[other] пункта
} (навыки или требования к модулям), { $hours } ч, { $cost }

## page: keep and reopen a plan, hand-over, paths side by side, enrolment

page-open-title = Сохранённый план
page-open-help = Есть сохранённый ранее план (файл JSON)? Откройте его: форма заполнится, план будет составлен заново по сегодняшнему каталогу, и вы увидите, что изменилось. Файл никуда не загружается: страница читает его сама.
page-open-label = Открыть сохранённый план…
page-open-opened = Открыт «{ $name }» (сохранён { $date }). План составлен заново по сегодняшнему каталогу.
page-open-not-json = Файл «{ $name }» нельзя открыть: это не файл JSON.
page-open-not-json-at = Файл «{ $name }» нельзя открыть: это неправильный JSON (ошибка в строке { $line }, столбец { $column }).
page-open-not-plan = Файл «{ $name }» нельзя открыть: это не план õppepala (в поле «format» должно быть «{ $format }»).
page-open-newer = Файл «{ $name }» нельзя открыть: он сохранён более новой версией õppepala (версия формата { $version }), а эта страница открывает версию { $supported }. Откройте его на более новой странице.
page-open-field = Файл «{ $name }» нельзя открыть: в поле «{ $field }» ожидается { $expected }.
page-open-too-big = Файл «{ $name }» нельзя открыть: он больше 2 МБ, а сохранённый план намного меньше.
page-open-unreadable = Файл «{ $name }» не удалось прочитать.
page-open-expect-object = объект JSON
page-open-expect-list = список
page-open-expect-number = число (0 или больше)
page-open-expect-text = текст
page-open-expect-date = дата в виде ГГГГ-ММ-ДД
page-open-expect-level = уровень 1–4
page-open-expect-language = код языка et, ru или en
page-open-expect-education = уровень образования 0–8
page-open-expect-version = версия формата (целое число от 1)
page-open-expect-goal = квалификация («qualification») или профессия («occupation»)
page-change-title = По сравнению с планом, сохранённым { $date }
page-change-none = Ничего не изменилось: тот же путь, те же даты и цены.
page-change-gone = Курса «{ $title }» больше нет в каталоге.
page-change-price = Цена курса «{ $title }» изменилась: { $before } → { $after }.
page-change-dates = Сроки курса «{ $title }» изменились: теперь { $after } (было { $before }).
page-change-run-gone = Группа курса «{ $title }» с началом { $start } больше не предлагается.
page-change-no-path = Сейчас не найдено ни одного пути: сохранённый путь больше не пройти.
page-change-path = Сохранённый путь больше не предлагается. Ближе всего к нему теперь путь { $n }: выпало { $out }; добавилось { $added }.
page-change-goal-gone = Цели «{ $goal }» больше нет в каталоге.
page-compare-title = Пути рядом
page-compare-hours = Объём
page-compare-cost = Цена для вас
page-compare-finish = Окончание
page-compare-meets = Закрывает
page-compare-meets-skills = навыков: { $met } из { $of }
page-compare-meets-modules = требований модулей: { $met } из { $of }
page-compare-languages = Язык обучения
page-compare-where = Где и как
page-compare-courses = Курсы
page-enrol-register = Регистрация
page-enrol-deadline = Срок регистрации
page-enrol-deadline-run = { $date } (группа начинается { $start })
page-enrol-seats = Мест в этой группе
page-enrol-seats-open = без ограничения
page-enrol-seats-n = { $n } { $n ->
    [one] место
    [few] места
    [many] мест
   *[other] места
}
page-enrol-contact = Контакт
page-handover-title = Договорённости
page-handover-help = Эти поля остаются только на этой странице, в распечатке и в сохранённом вами файле; в сервис они не отправляются.
page-handover-client = Имя клиента
page-handover-counsellor = Консультант
page-handover-meeting = Следующая встреча
page-handover-actions = Согласованные действия
page-csv-sep = Разделитель CSV
page-csv-sep-semicolon = точка с запятой ; (Excel на эстонском или русском)
page-csv-sep-comma = запятая ,
