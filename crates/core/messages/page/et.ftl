# The page's strings in Estonian (src/web/page): served to the page as
# /app/i18n.js, compiled from this file (src/web/page.rs). Ids and
# arguments as in en.ftl; the learner is addressed as "sina".

## page

page-lang-name = Eesti
page-fundingtag-unemployed = tasuta registreeritud töötule
page-fundingtag-training-credit = tööandja koolituskrediidiga
page-fundingtag-employed-adult = tasuta töötavale täiskasvanule
page-fundingtag-free = tasuta kõigile
page-skip = Mine vormi juurde
page-page-title = õppepala – tee mikrokvalifikatsioonini
page-page-lead = Vali, mida inimene juba oskab, tema võimalused ja eesmärk. Leht näitab, mis puudu on, ja 2–3 õppeteed koos kuupäevade, tundide ja hinnaga.
page-nav-language = Keel
page-step1-title = 1. Mida sa oskad?
page-step1-help = Kirjuta oskus ja vali pakkumistest. Või vali amet, milles oled töötanud: selle põhioskused lisatakse, eemalda linnuke sealt, mida sa ei oska.
page-skill-search = Otsi oskust
page-skill-placeholder = nt klienditeenindus, Excel
page-occupation-search = Amet, milles oled töötanud
page-occupation-placeholder = nt kassapidaja
page-occupation-hint = { "" }
page-suggest-none = Midagi ei leitud. Proovi teist sõna.
page-suggest-count = { $n } { $n ->
    [one] pakkumine
   *[other] pakkumist
}. Liigu nooleklahvidega, vali Enteriga.
page-skills-list = Sinu oskused
page-skills-empty = Veel pole oskusi valitud. See on lubatud: siis arvestame, et alustad algusest.
page-skills-from = ametist: { $name }
page-skills-level = Tase: { $name }
page-skills-remove = Eemalda { $name }
page-skills-keep = Oskan: { $name }
page-occupation-added = Lisatud { $n } { $n ->
    [one] oskus
   *[other] oskust
} ametist { $name }.
page-level-1 = 1 – algtase
page-level-2 = 2 – kesktase
page-level-3 = 3 – edasijõudnu
page-level-4 = 4 – ekspert
page-step2-title = 2. Sinu võimalused
page-circ-languages = Keeled, milles saad õppida
page-circ-county = Maakond, kus elad
page-circ-county-any = Ei oska öelda / ainult veebis
page-circ-hours = Tunde nädalas õppimiseks
page-circ-budget = Eelarve eurodes (tühi = piiramata)
page-circ-modes = Õppevorm
page-mode-online = veebis
page-mode-onsite = kohapeal
page-mode-blended = põimõpe (veeb + kohapeal)
page-circ-funding = Rahastus, mida saad kasutada
page-funding-unemployed = olen registreeritud töötu
page-funding-training-credit = tööandja koolituskrediit
page-funding-employed-adult = töötav täiskasvanu (tasuta kursused)
page-funding-free = tasuta
page-circ-start = Varaseim alguskuupäev
page-circ-finish = Peab valmis olema (valikuline)
page-step3-title = 3. Eesmärk
page-goal-kind = Mida soovid saavutada?
page-goal-qualification = Mikrokvalifikatsioon
page-goal-occupation = Amet
page-goal-next = Mis edasi? (soovitused)
page-qual-filter = Otsi mikrokvalifikatsiooni
page-qual-placeholder = nt kassapidaja, hooldus
page-qual-meta = EKR { $eqf } · vähemalt { $ects } EAP · { $body }
page-qual-none = Ühtegi mikrokvalifikatsiooni ei leitud.
page-goal-occupation-search = Soovitud amet
page-next-ask = Näita soovitusi
page-next-missing = Soovitused pole selles teenuses veel saadaval. Vali mikrokvalifikatsioon või amet.
page-next-none = Soovitusi ei leitud.
page-next-plan = Vali see eesmärk
page-next-bites = Järgmised sammud
page-plan-go = Näita puudujääki ja õppeteid
page-plan-needgoal = Vali kõigepealt eesmärk (samm 3).
page-plan-needlang = Vali vähemalt üks õppekeel (samm 2).
page-busy = Arvutan…
page-results-title = 4. Mis puudu on ja kuidas selleni jõuda
page-gap-title = Puudu olevad oskused
page-gap-skill = Oskus
page-gap-have = Sul on
page-gap-need = Vaja
page-gap-demand = Tööturu nõudlus
page-gap-none = Midagi pole puudu: sul on kõik oskused olemas.
page-gap-onlymodules = Oskusi pole puudu; läbida on veel allpool nimetatud moodulid.
page-gap-modules = Lisaks nõutud moodulid
page-module-all-of = kohustuslik moodul: { $bite }
page-module-n-of = vähemalt { $n } neist: { $of }
page-module-min-ects = kokku vähemalt { $ects } EAP
page-demand-none = andmed puuduvad
page-demand-high = suur
page-demand-medium = keskmine
page-demand-low = väike
page-demand-source = Allikas
page-uncover-title = Mida praeguste võimalustega saavutada ei saa
page-uncover-module = moodulinõue
page-paths-title = Õppeteed
page-paths-none = Sobivat õppeteed ei leitud.
page-path-n = Tee { $n }
page-path-choose = Vali see tee väljatrükiks ja allalaadimiseks
page-path-chosen = Valitud
page-path-summary = { $steps } { $steps ->
    [one] kursus
   *[other] kursust
} · { $hours } { $hours ->
    [one] tund
   *[other] tundi
} · { $cost } · { $ects } EAP · valmis { $finish } ({ $weeks } { $weeks ->
    [one] nädal
   *[other] nädalat
})
page-path-optimal = Parim võimalik: ühtegi lühemat teed pole.
page-path-bound = Parim leitud tee; iga tee võtab vähemalt { $bound }.
page-path-alternative = Alternatiiv.
page-path-empty = Selle tee jaoks pole vaja ühtegi kursust.
page-step-dates = { $start } – { $end }
page-step-hours = { $hours } { $hours ->
    [one] tund
   *[other] tundi
}
page-step-free = tasuta
page-step-funding = Rahastus: { $list }
page-step-why = Miks: { $why }
page-step-details = Kursuse info
page-step-note = Märkus: { $note }
page-step-nosession = kuupäev on hinnanguline
page-why-level = { $name } (tase { $level })
page-take-title = 5. Võta kaasa
page-take-help = Lisa kokkulepped, prindi valitud tee nõustamiskohtumiseks või salvesta see: salvestatud plaani saab hiljem siin uuesti avada.
page-take-print = Prindi
page-take-preview = Prindivaade
page-take-back = Tagasi muutma
page-take-json = Salvesta plaan (JSON)
page-take-csv = Laadi alla (CSV)
page-print-heading = Õppeplaan
page-print-goal = Eesmärk: { $goal }
page-print-made = Koostatud { $date }
page-print-skills = Olemasolevad oskused
page-print-circ = Võimalused
page-bite-provider = Koolitaja
page-bite-hours = Maht
page-bite-ects = EAP
page-bite-eqf = EKR tase
page-bite-languages = Õppekeel
page-bite-mode = Õppevorm
page-bite-region = Maakond
page-bite-cost = Hind
page-bite-funding = Rahastus
page-bite-sessions = Toimumisajad
page-bite-session = algus { $start }, { $weeks } { $weeks ->
    [one] nädal
   *[other] nädalat
}
page-bite-assessment = Hindamine
page-bite-credential = Tunnistus
page-bite-quality = Kvaliteedi tagamine
page-bite-url = Koolitaja leht
page-bite-outcomes = Õpiväljundid
page-bite-prerequisites = Eeldused
page-close = Sulge
page-error-generic = Teenus ei saanud päringut täita: { $detail }
page-error-requestid = Päringu tunnus (teatamiseks): { $id }
page-error-network = Teenusega ei saanud ühendust. Kontrolli võrku ja proovi uuesti.
page-error-overloaded = Teenus on praegu hõivatud. Proovi mõne sekundi pärast uuesti.
page-error-invalid = Midagi on valesti sisestatud:
page-error-unknown = Teenus ei tunne neid: { $list }
page-lang-et = eesti
page-lang-ru = vene
page-lang-en = inglise
page-csv-header = järjekord,algus,lõpp,kursus,pealkiri,tunnid,hind_sulle_eur,hinnakirja_hind_eur,eap,koolitaja,õppevorm,maakond,aadress,õppekeel,rahastus,kursuse_leht,registreerimine,registreerimise_tähtaeg,kohti,e_post,telefon,miks
page-footer = Näidisandmed: kursused ja kvalifikatsioonid on välja mõeldud. Oskused: ESCO (Euroopa Komisjon). Sisestatud andmeid ei salvestata.

## page: education, languages spoken, unlocks, left-out items, why-not

page-bite-whynot = Miks seda kursust teekonnas pole?
page-cefr-c2 = C2 / emakeel
page-cefr-none = —
page-circ-alsoclear = eemalda
page-circ-alsocounties = Käib kursustel ka maakondades
page-circ-education = Kõrgeim haridus
page-circ-spoken = Keeled, mida räägid (tase)
page-edu-0 = alusharidus või vähem
page-edu-1 = algharidus
page-edu-2 = põhiharidus
page-edu-3 = keskharidus (üld- või kutse-)
page-edu-4 = keskhariduse järgne kutseharidus
page-edu-5 = lühike kõrgharidus
page-edu-6 = bakalaureus või rakenduskõrgharidus
page-edu-7 = magister
page-edu-8 = doktor
page-edu-none = ei ütle
page-lang-uk = ukraina
page-left-title = Sinu piiridest jääb välja (ja mis selle kättesaadavaks teeks):
page-unlock-title = See teeks võimalikuks:
page-unlock-samecost = lisakuluta
page-path-meets = Täidab { $skillsOf }-st puuduvast oskusest { $skills } ja { $modulesOf }-st moodulinõudest { $modules }.
page-path-meets-skills = Täidab { $skillsOf }-st puuduvast oskusest { $skills }.
page-path-meets-modules = Täidab { $modulesOf }-st moodulinõudest { $modules }.
page-unlock-adds = +{ $items } { $items ->
    [one] oskus või moodulinõue
   *[other] oskust või moodulinõuet
}, { $hours } h, { $cost }

## page: keep and reopen a plan, hand-over, paths side by side, enrolment

page-open-title = Salvestatud plaan
page-open-help = Kas sul on varem salvestatud plaan (JSON-fail)? Ava see: vorm täitub, plaan tehakse tänase kataloogi järgi uuesti ja näed, mis on vahepeal muutunud. Faili ei laadita üles: leht loeb selle ise.
page-open-label = Ava salvestatud plaan…
page-open-opened = Avatud „{ $name }“ (salvestatud { $date }). Plaan tehti tänase kataloogi järgi uuesti.
page-open-not-json = Faili „{ $name }“ ei saa avada: see pole JSON-fail.
page-open-not-json-at = Faili „{ $name }“ ei saa avada: see pole korrektne JSON (viga real { $line }, veerus { $column }).
page-open-not-plan = Faili „{ $name }“ ei saa avada: see pole õppepala plaan (väljal „format“ peab olema „{ $format }“).
page-open-newer = Faili „{ $name }“ ei saa avada: selle on salvestanud uuem õppepala (vormingu versioon { $version }), see leht avab versiooni { $supported }. Ava see uuema lehega.
page-open-field = Faili „{ $name }“ ei saa avada: väljal „{ $field }“ peaks olema { $expected }.
page-open-too-big = Faili „{ $name }“ ei saa avada: see on üle 2 MB, salvestatud plaan on palju väiksem.
page-open-unreadable = Faili „{ $name }“ ei saanud lugeda.
page-open-expect-object = JSON-objekt
page-open-expect-list = loend
page-open-expect-number = arv (0 või suurem)
page-open-expect-text = tekst
page-open-expect-date = kuupäev kujul AAAA-KK-PP
page-open-expect-level = tase 1–4
page-open-expect-language = keelekood et, ru või en
page-open-expect-education = haridustase 0–8
page-open-expect-version = vormingu versioon (täisarv 1 või suurem)
page-open-expect-goal = kvalifikatsioon („qualification“) või ametiala („occupation“)
page-change-title = Võrreldes { $date } salvestatud plaaniga
page-change-none = Midagi pole muutunud: sama tee, samad kuupäevad ja hinnad.
page-change-gone = Kursust „{ $title }“ pole enam kataloogis.
page-change-price = Kursuse „{ $title }“ hind on muutunud: { $before } → { $after }.
page-change-dates = Kursuse „{ $title }“ aeg on muutunud: nüüd { $after } (oli { $before }).
page-change-run-gone = Kursuse „{ $title }“ toimumist algusega { $start } enam ei pakuta.
page-change-no-path = Praegu ei leitud ühtegi teed: salvestatud teed ei saa enam läbida.
page-change-path = Salvestatud teed enam ei pakuta. Kõige sarnasem on nüüd tee { $n }: välja jäi { $out }; lisandus { $added }.
page-change-goal-gone = Eesmärki „{ $goal }“ pole enam kataloogis.
page-compare-title = Teed kõrvuti
page-compare-hours = Maht
page-compare-cost = Hind sulle
page-compare-finish = Valmis
page-compare-meets = Täidab
page-compare-meets-skills = oskusi { $met }/{ $of }
page-compare-meets-modules = moodulinõudeid { $met }/{ $of }
page-compare-languages = Õppekeel
page-compare-where = Kus ja kuidas
page-compare-courses = Kursused
page-enrol-register = Registreerimine
page-enrol-deadline = Registreerimise tähtaeg
page-enrol-deadline-run = { $date } (toimumine algab { $start })
page-enrol-seats = Kohti sellel toimumisel
page-enrol-seats-open = piiramata
page-enrol-seats-n = { $n } { $n ->
    [one] koht
   *[other] kohta
}
page-enrol-contact = Kontakt
page-handover-title = Kokkulepped
page-handover-help = Need väljad jäävad ainult sellele lehele, väljatrükki ja sinu salvestatud faili; teenusele neid ei saadeta.
page-handover-client = Kliendi nimi
page-handover-counsellor = Nõustaja
page-handover-meeting = Järgmine kohtumine
page-handover-actions = Kokkulepitud tegevused
page-csv-sep = CSV eraldaja
page-csv-sep-semicolon = semikoolon ; (Excel eesti või vene keeles)
page-csv-sep-comma = koma ,
