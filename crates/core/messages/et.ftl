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

## cause (why an item cannot be covered; planner/prepare/diagnose.rs)

cause-not-taught = ükski kursus seda ei õpeta
cause-level-not-reached = vaja on taset { $level }, kursused jõuavad tasemeni { $reached }
cause-language-name = { $code ->
    [et] eesti keel
    [ru] vene keel
    [en] inglise keel
   *[other] { $code }
}
cause-mode-name = { $mode ->
    [online] veebis
    [onsite] kohapeal
   *[blended] põimõppes
}
cause-language = lähim kursus, „{ $bite }“, on ainult keeles: { $languages }, milles sa ei õpi
cause-mode = lähim kursus, „{ $bite }“, toimub { cause-mode-name }, aga sa ei märkinud seda õppevormi
cause-region = lähim kursus, „{ $bite }“, toimub { cause-mode-name } ainult teises maakonnas ({ $county })
cause-dates = lähima kursuse, „{ $bite }“, ükski toimumisaeg ei sobi sinu kuupäevadega
cause-budget = lähim kursus, „{ $bite }“, maksab { $cost } €, üle sinu eelarve { $budget } €
cause-cycle = selle kursused eeldavad sama oskust juba enne
cause-no-session-after = kursusel „{ $bite }“ pole pärast eelduste täitmist enam ühtki toimumisaega
cause-alternative = selles variandis pole see saadaval
cause-prerequisite = selle eeldus { $skill } (tase { $level }) on takistatud: { $cause }
cause-required-module = kohustuslik moodul { $bite }: { $cause }
cause-too-few-modules = loetletud kursustest sobib sinu tingimustega ainult { $n }, nõutud on { $need }
cause-too-few-credits = sinu tingimustega sobivad kursused annavad kokku kõige rohkem { $ects } EAP

## unlock (what would make an item coverable; planner/unlock.rs)

unlock-add-mode = märgi õppevorm { cause-mode-name }
unlock-add-region = lisa { $county }
unlock-add-language = õpi ka keeles: { cause-language-name }
unlock-raise-budget = tõsta eelarve { $eur } euroni
unlock-finish-later = lõpeta hiljemalt { $date }
unlock-hold-skill = kui sul on juba oskus „{ $skill }“ tasemel { $level }, lisa see
unlock-and = { $first } ja { $second }

## whynot (why a course is not in the path; planner/why_not.rs)

whynot-in-path = „{ $bite }“ on parimas teekonnas olemas.
whynot-excluded = „{ $bite }“ jääb sinu tingimuste tõttu välja: { $cause }.
whynot-language = seda õpetatakse ainult keeles: { $languages }, milles sa ei õpi
whynot-mode = see toimub { cause-mode-name }, aga sa ei märkinud seda õppevormi
whynot-region = see toimub { cause-mode-name } teises maakonnas ({ $county })
whynot-dates = ükski selle toimumisaeg ei sobi sinu kuupäevadega
whynot-budget = see maksab { $cost } €, üle sinu eelarve { $budget } €
whynot-unreachable = „{ $bite }“ ei saa võtta: { $cause }.
whynot-held = „{ $bite }“ pole vaja: see, mida see õpetab, on sul selle eesmärgi jaoks juba olemas.
whynot-not-needed = „{ $bite }“ pole vaja: see ei õpeta midagi, mida see eesmärk veel nõuab.
whynot-dominated = „{ $other }“ õpetab kõike, mida „{ $bite }“ siin õpetaks, ei eelda rohkem ja on lühem või odavam ({ $other_hours } h, { $other_cost } € { $hours } h ja { $cost } € asemel).
whynot-instead = „{ $bite }“ sobib sinu tingimustega, aga parim teekond saavutab sama kursustega { $others } (kokku { $hours } h, { $cost } €).
whynot-not-chosen = „{ $bite }“ sobib sinu tingimustega, aga parim teekond on ilma selleta parem (eesmärk: { $objective }; kokku { $hours } h, { $cost } €).
whynot-no-path = „{ $bite }“ sobib sinu tingimustega, aga ükski teekond ei mahu sinu eelarvesse.
whynot-quoted = „{ $title }“
