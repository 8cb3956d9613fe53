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

## Demand
# Tööturu nõudluse arvud (crates/insight/src/demand/annotate.rs).

demand-month = { $month ->
    [1] jaan
    [2] veebr
    [3] märts
    [4] apr
    [5] mai
    [6] juuni
    [7] juuli
    [8] aug
    [9] sept
    [10] okt
    [11] nov
   *[12] dets
} { $year }
demand-period = { $from } – { $to }
demand-amount = { $fewer ->
    [yes] alla { $n } { $unit ->
        [postings] töökuulutuse
        [vacancies] vaba töökoha
       *[other] { $unit }
    }
   *[no] umbes { $n } { $unit ->
        [postings] töökuulutust
        [vacancies] vaba töökohta
       *[other] { $unit }
    }
}
demand-range = { " " }(tõenäoliselt { $lower }–{ $upper })
demand-what = { $counts ->
    [skill] ametialadele, mis seda oskust vajavad
    [skill-series] selle oskusega
   *[occupation] sellele ametialale
}
demand-text = { $region }, { $period }: { $kind ->
    [forecast] oodatakse
   *[other] avaldati
} { $amount } { $what }{ $range }.
demand-group = See on võrdne osa ISCO rühma { $group } töökuulutustest ({ $group_amount }), mis jagunevad rühma { $occupations } { $occupations ->
    [one] ametiala
   *[other] ametiala
} vahel.
demand-skill-occupations = Arvesse läheb { $occupations } { $occupations ->
    [one] ametiala
   *[other] ametiala
} (kus oskus on valikuline, { $weight } nende kuulutustest).
demand-data-end = Andmed kuni { $as_of }.
demand-stale = Värskeid andmeid pole: andmed lõpevad { $as_of }, { $age } { $age ->
    [one] kuu
   *[other] kuud
} enne planeerimise päeva, prognoosiks liiga ammu. Viimati teada:
demand-illustrative = Näitlikud arvud, mitte päris töökuulutused.
demand-clause = { $kind ->
    [forecast] oodatakse
   *[other] avaldati
} { $period } { $amount } { $what }{ $illustrative ->
    [yes] { " " }(näitlik)
   *[no] {""}
}
demand-clause-what = { $counts ->
    [skill] ametialadele, mis vajavad selle kõige nõutumat oskust
    [skill-series] selle kõige nõutuma oskusega
   *[occupation] sellele ametialale
}
demand-clause-stale = värskeid andmeid pole (andmed lõpevad { $as_of }); viimati teada { $period } { $amount } { $what }{ $illustrative ->
    [yes] { " " }(näitlik)
   *[no] {""}
}
demand-most-wanted = Puuduvatest oskustest on kõige nõutum „{ $skill }“.
demand-source-illustrative = Näitlikud aegread (loodud, toetuvad Eurostati, Cedefopi ja Statistikaameti andmetele)
demand-missing-no-data = Tööturu nõudluse andmeid pole laaditud.
demand-missing-region = { $region }: selle maakonna kohta nõudluse aegridu pole.
demand-missing-skill-not-needed = Ükski taksonoomia ametiala ei vaja seda oskust, seega pole selle kohta töökuulutusi loetud.
demand-missing-skill-series = { $region }: ühelgi { $occupations } { $occupations ->
    [one] ametialast
   *[other] ametialast
}, mis seda oskust vajavad, pole siin nõudluse aegrida.
demand-missing-no-isco = Sellel ametialal pole ISCO rühma, seega ükski nõudluse aegrida seda ei kata.
demand-missing-group = { $region }: ISCO rühma { $group } ega laiema rühma kohta nõudluse aegrida pole.
demand-missing-before-data = { $region }: nõudluse aegread algavad { $start }, pärast küsitud kuid.
## plan (paths: labels, steps, explanations, summaries)

plan-kind-fewest-hours = kõige vähem tunde
plan-kind-cheapest = kõige odavam
plan-kind-quickest-to-finish = kõige kiiremini läbitav
plan-kind-different-courses = teised kursused
plan-kind-online-only = ainult veebis
plan-kind-partial = parim sinu piirides
plan-kind-credit-minimum = täidab ainepunktide miinimumi
plan-kind-modules-only = ainult moodulinõuded
plan-goal = eesmärk
plan-money = { $n } €
plan-skill-level = { $skill } ({ $level }. tase)
plan-why-meets = täidab: { $skills }
plan-why-required-module-qualification = kutse kohustuslik moodul
plan-why-required-module = kohustuslik moodul
plan-why-choice = üks valikmoodulitest (vähemalt { $n } { $of }-st)
plan-why-needed-first = vajalik enne: eeldus kursusele { $titles }
plan-why-credits = annab { $ects } EAP-d { $min } EAP miinimumi poole
plan-calendar-no-session = pärast eeldusi ei alga sinu kuupäevade piires ühtegi rühma
plan-calendar-over-limit = toimub koos teiste sammudega üle sinu nädalatundide
plan-explain-done = Sa vastad juba kõigele, mida { $goal } nõuab.
plan-explain-totals = { $courses }, { $hours }, { $cost }, { $ects } EAP, valmis { $date }.
plan-explain-meets = See täidab { $of }-st puuduvast oskusest { $met } eesmärgi „{ $goal }“ jaoks.
plan-explain-meets-modules = See täidab { $of }-st puuduvast oskusest { $met } ja { $mof }-st moodulinõudest { $mmet } eesmärgi „{ $goal }“ jaoks.
plan-explain-meets-only-modules = See täidab { $mof }-st moodulinõudest { $mmet } eesmärgi „{ $goal }“ jaoks.
plan-explain-module-rule = moodulinõue
plan-explain-item = { $what } ({ $reason })
plan-explain-not-possible = Sinu tingimustega pole võimalik: { $items }.
plan-objective-hours = tundide
plan-objective-cost = hinna
plan-objective-weeks = lõpetamise aja
plan-explain-proven = Tõestatult parim tee { $objective } järgi.
plan-explain-best-found = Parim tee, mis lubatud aja jooksul leiti; ükski tee ei saa olla alla { $bound }.
plan-explain-alternative = Teine võimalus: { $label }.
plan-explain-no-skills = See ei täida ühtegi puuduvat oskust, ainult moodulinõudeid: õpitava poolest pole see edasiminek.
plan-explain-credit-minimum = Alles on ainult ainepunktide miinimum: ükskõik milline neist kursustest täidab selle.
plan-explain-partial = Ükski terviklik tee ei mahu sinu piiridesse: see on suurim, mida nende piires teha saad.
plan-summary-nothing-missing = Sa vastad juba kõigele, mida { $goal } nõuab.
plan-summary-complete = Iga tee täidab kõik, mida sinu tingimustele vastavad kursused eesmärgi „{ $goal }“ jaoks õpetada saavad: { $of }-st puuduvast oskusest { $met }.
plan-summary-complete-modules = Iga tee täidab kõik, mida sinu tingimustele vastavad kursused eesmärgi „{ $goal }“ jaoks teha saavad: { $mof }-st avatud moodulinõudest { $mmet }.
plan-summary-modules-only = Ühtegi eesmärgi „{ $goal }“ puuduvat oskust ei saa sinu tingimustega õppida; teed täidavad ainult moodulinõudeid.
plan-summary-partial = Ükski terviklik tee ei mahu sinu piiridesse. Parim tee nende piires täidab { $of }-st puuduvast oskusest { $met } eesmärgi „{ $goal }“ jaoks; allpool on, mis jääb puudu ja mis selle kättesaadavaks teeks.
plan-summary-partial-modules = Ükski terviklik tee ei mahu sinu piiridesse. Parim tee nende piires täidab { $mof }-st moodulinõudest { $mmet } eesmärgi „{ $goal }“ jaoks; allpool on, mis jääb puudu ja mis selle kättesaadavaks teeks.
plan-summary-complete-cost = Terviklik tee maksab { $cost }, sinu eelarvest { $extra } rohkem.
plan-summary-credit-minimum = Eesmärgist „{ $goal }“ on alles ainult ainepunktide miinimum: ükskõik milline neist kursustest täidab selle.
plan-summary-nothing-reachable = Mitte midagi eesmärgi „{ $goal }“ jaoks puuduvast ei saa sinu tingimustega täita, seega kursusi ei pakuta.
plan-summary-nothing-within = Mitte miski eesmärgi „{ $goal }“ jaoks puuduvast ei mahu sinu piiridesse, seega kursusi ei pakuta; iga puuduoleva kohta on öeldud, mis selle kättesaadavaks teeks.
plan-left-budget = { $budget } eelarvega oleks see kättesaadav ({ $extra } rohkem)
plan-left-dates = ei mahu koos ülejäänud plaaniga sinu lõpukuupäeva ega nädalatundide piiridesse

## cli-plan (the plan command's text)

cli-plan-left = Välja jääb: { $item } — { $reason }
cli-plan-meets = täidab { $skills_of }-st puuduvast oskusest { $skills }, { $modules_of }-st moodulinõudest { $modules }
cli-plan-meets-skills = täidab { $skills_of }-st puuduvast oskusest { $skills }
cli-plan-meets-modules = täidab { $modules_of }-st moodulinõudest { $modules }
cli-plan-note = ! { $note }

## recommend (why a target or a next course is recommended)

recommend-met = sul on juba täidetud { $met } { $met ->
    [one] nõue
   *[other] nõuet
} { $n }-st
recommend-to-learn = õppida on { $n } { $n ->
    [one] nõue
   *[other] nõuet
}
recommend-path-free = lühim tee võtab aega { $h } { $h ->
    [one] tund
   *[other] tundi
} ja on sulle tasuta
recommend-path-cost = lühim tee võtab aega { $h } { $h ->
    [one] tund
   *[other] tundi
} ja maksab sulle { $c } { $c ->
    [one] euro
   *[other] eurot
}
recommend-path-meets = selle parim tee täidab { $of }-st puuduvast oskusest { $met }
recommend-no-path = ükski terviklik tee ei sobi sinu tingimustega (hinnanguliselt umbes { $h } { $h ->
    [one] tund
   *[other] tundi
} ja { $c } { $c ->
    [one] euro
   *[other] eurot
})
recommend-demand = järgmise { $months } kuu jooksul oodatakse umbes { $x } { $unit ->
    [postings] { $x ->
        [one] töökuulutus
       *[other] töökuulutust
    }
    [vacancies] { $x ->
        [one] vaba töökoht
       *[other] vaba töökohta
    }
    [jobs] { $x ->
        [one] töökoht
       *[other] töökohta
    }
   *[other] { $unit }
}
recommend-transfers = sinu oskustest on siin palju kasu
recommend-suits-education = EKR { $eqf }. tase sobib sinu haridusega
recommend-bite-covers = täidab ülaltoodud eesmärkide { $n } { $n ->
    [one] nõude
   *[other] nõuet
}
recommend-bite-free = sulle tasuta
recommend-bite-cost = { $c } { $c ->
    [one] euro
   *[other] eurot
}
recommend-bite-entry = lühike tasuta esimene samm, mida saad kohe alustada
recommend-bite-start = saad sellega kohe alustada

## plan-limits (hours per week and finish date)

plan-left-fix-both = terviklik tee mahub { $hours } nädalatunniga või lõpetades { $date }
plan-left-fix-hours = terviklik tee mahub { $hours } nädalatunniga
plan-left-fix-finish = terviklik tee mahub, kui lõpetad { $date }
plan-summary-fix = Ükski ajakava ei mahu sinu nädalatundide ja lõpukuupäeva piiridesse: { $fix }.
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
cause-pace = lähima kursuse, „{ $bite }“, toimumisajad nõuavad rohkem tunde nädalas, kui sul on
cause-budget = lähim kursus, „{ $bite }“, maksab { $cost } €, üle sinu eelarve { $budget } €
cause-cycle = selle kursused eeldavad sama oskust juba enne
cause-no-session-after = kursusel „{ $bite }“ pole pärast eelduste täitmist enam ühtki toimumisaega
cause-alternative = selles variandis pole see saadaval
cause-prerequisite = selle eeldus { $skill } (tase { $level }) on takistatud: { $cause }
cause-required-module = kohustuslik moodul „{ $bite }“: { $cause }
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
## cli: the command line's text output (src/cli); operators' commands
## (index, import, train, demand, serve) stay English, see src/cli/mod.rs.

cli-gap-none = Midagi pole puudu: sul on kõik nõutud oskused olemas.
cli-gap-heading = Puudu: { $n } { $n ->
    [one] oskus
   *[other] oskust
}
cli-gap-item = { $skill } — vaja tase { $need }, sul on { $held }
cli-gap-demand = nõudlus { $score }: { $sentence }
cli-modules-heading = Veel läbimata mooduli nõudeid: { $n }
cli-module-all-of = kohustuslik moodul: { $bite }
cli-module-n-of = vähemalt { $n } neist: { $bites }
cli-module-min-ects = kokku vähemalt { $ects } EAP
cli-uncoverable = Ei saa omandada: { $what } — { $reason }
cli-uncoverable-module = moodulinõue
cli-gap-demand-missing = nõudlus: { $sentence }
cli-unlock = aitaks: { $change } (+{ $n } { $n ->
    [one] oskus või moodul
   *[other] oskust või moodulit
  }, { $hours } t, { $cost } eurot)
cli-path = Tee { $n } — { $label }: { $hours } t, { $cost } eurot, { $ects } EAP, valmis { $finish } ({ $weeks } { $weeks ->
    [one] nädal
   *[other] nädalat
})
cli-path-optimal = (tõestatult parim)
cli-step = { $i }. { $start } → { $end }  { $title }  [{ $bite }] { $hours } t, { $cost } eurot
cli-search-heading = { $n } { $n ->
    [one] kursus
   *[other] kursust
}; lehekülg { $page }:
cli-search-relaxed = mitte iga sõna täpselt: osa sinu sõnadest või ühe tähe võrra erinevad sõnad
cli-query-cut = hoiatus: päring lühendati { $n } tähemärgini
cli-skills-none = „{ $q }“ ei vasta ühelegi oskusele
cli-label-kind-preferred = nimetus
cli-label-kind-alt = teine nimetus
cli-label-kind-hidden = teine kirjapilt
cli-cohort-summary = { $n } { $n ->
    [one] õppija
   *[other] õppijat
} ({ $bad } { $bad ->
    [one] vigane rida
   *[other] vigast rida
}), õppeteega { $with_path }, esimese sammu mediaan { $median }; { $rate } õppijat sekundis
cli-cohort-median-hours = { $n } { $n ->
    [one] tund
   *[other] tundi
}
cli-cohort-median-none = –
cli-unit-hours-short = t
cli-unit-euro-short = eurot

## enum: the words for the codes in bite and qualification answers
## (service::texts); an answer keeps the code and adds the text.

enum-assessment-practical-test = praktiline katse
enum-assessment-demonstration = oskuste demonstreerimine
enum-assessment-test = test
enum-assessment-portfolio = portfoolio
enum-assessment-project = projekt
enum-assessment-language-test = keeleeksam
enum-assessment-exam = eksam
enum-credential-certificate = tunnistus
enum-credential-certificate-of-participation = osalemistõend
enum-credential-micro-credential = mikrokvalifikatsiooni tunnistus
enum-mode-online = veebis
enum-mode-onsite = kohapeal
enum-mode-blended = põimõpe (veebis ja kohapeal)
enum-funding-unemployed = tasuta registreeritud töötule
enum-funding-training-credit = tööandja koolituskrediidiga
enum-funding-employed-adult = tasuta töötavale täiskasvanule
enum-funding-free = tasuta kõigile
enum-lang-et = eesti keel
enum-lang-ru = vene keel
enum-lang-en = inglise keel
enum-field-retail = kaubandus
enum-field-care = hooldus
enum-field-logistics = logistika
enum-field-construction = ehitus
enum-field-hospitality = majutus ja toitlustus
enum-field-digital = digioskused
enum-field-office = kontoritöö
enum-field-it-support = IT-tugi
enum-field-manufacturing = tootmine
enum-field-estonian = eesti keel
enum-eqf-level = EKR { $n }. tase

## problem: the title and detail of the API's problem documents
## (src/api/error.rs), in the request's language; codes stay codes.

problem-malformed-json-title = Vigane JSON
problem-malformed-json = Päringu sisu pole korrektne JSON.
problem-invalid-request-title = Vigane päring
problem-invalid-request = { $n ->
    [one] Selle välja tüüp või väärtus on vale
   *[other] Nende väljade tüüp või väärtus on vale
}: { $fields }
problem-invalid-request-unnamed = Päringus on vale tüüp või väärtus.
problem-unknown-ids-title = Tundmatud tunnused
problem-unknown-ids = Ei ole teada ({ $what }): { $ids }
problem-not-found-title = Ei leitud
problem-not-found = Ei ole teada ({ $what }): { $id }
problem-no-route-title = Sellist otspunkti pole
problem-no-route = Aadressil { $path } pole ühtegi otspunkti.
problem-method-not-allowed-title = Meetod pole lubatud
problem-method-not-allowed = Otspunkt on olemas, kuid mitte selle meetodiga.
problem-payload-too-large-title = Päring on liiga suur
problem-payload-too-large = Päringu sisu on suurem kui { $limit } baiti (`{ $setting }`).
problem-unsupported-media-type-title = Toetamata andmetüüp
problem-unsupported-media-type = Päringu sisu peab olema `application/json`.
problem-uri-too-long-title = Aadress on liiga pikk
problem-uri-too-long = Päringu tee ja parameetrid on pikemad kui { $limit } baiti.
problem-headers-too-large-title = Päised on liiga suured
problem-headers-too-large = Päringus on üle { $lines } päiserea või üle { $bytes } baidi päiseid.
problem-unauthorized-title = Vaja on API-võtit
problem-unauthorized = See toiming vajab API-võtit: `Authorization: Bearer <võti>`.
problem-forbidden-title = Keelatud
problem-forbidden = Selle API-võtmega seda teha ei saa.
problem-conflict-title = Vastuolu
problem-conflict = Muudatus on vastuolus praeguse seisuga; vaata `conflicts` ja `errors`.
problem-read-only = Selle teenuse andmekaust on kirjutuskaitstud (`read_only`): muuda kataloogi seal, kust indekseerimistöö (Job) seda loeb, ja võta uus hetktõmmis kasutusele.
problem-no-path-title = Teed ei leitud
problem-no-path = Planeerija ei leidnud oma ajapiiri jooksul ühtegi teed.
problem-query-too-long-title = Otsing on liiga pikk
problem-query-too-long = Otsingutekstis on { $chars } märki; lubatud on kuni { $max }.
problem-rate-limited-title = Liiga palju päringuid
problem-rate-limited = Sellelt kliendilt on tulnud liiga palju päringuid; proovi uuesti { $s } { $s ->
    [one] sekundi
   *[other] sekundi
} pärast.
problem-quota-exceeded = See klient võib saata { $events } tagasiside{ $events ->
    [one] sündmuse
   *[other] sündmust
} { $per ->
    [hour] tunnis
   *[day] päevas
} (`{ $setting }`); see pakk ületab selle. Proovi uuesti { $s } sekundi pärast.
problem-overloaded-title = Hõivatud
problem-overloaded = Teenus on hõivatud; proovi uuesti { $s } { $s ->
    [one] sekundi
   *[other] sekundi
} pärast.
problem-timeout-title = Aeg sai otsa
problem-timeout = Päring kestis liiga kaua ja peatati; proovi uuesti.
problem-internal-title = Sisemine viga
problem-internal = Viga on meie poolel; teatamisel too ära päringu tunnus.
problem-what-skill = oskus
problem-what-qualification = kvalifikatsioon
problem-what-occupation = amet
problem-what-bite = kursus
problem-what-region = piirkond
problem-what-bite-or-target = kursus või eesmärk
problem-what-other = tunnus

## caseload: the cohort CSV's headers and words, the caseload summary
## (crates/insight/src/recommend/caseload.rs)

caseload-column-line = rida
caseload-column-learner = õppija
caseload-column-rank = järjekoht
caseload-column-target-type = sihi liik
caseload-column-target-id = sihi tunnus
caseload-column-target = siht
caseload-column-score = skoor
caseload-column-real-path = teekond olemas
caseload-column-why-not = miks mitte
caseload-column-hours = tunde
caseload-column-cost-eur = maksumus õppijale (€)
caseload-column-ects = EAP
caseload-column-start = algus
caseload-column-finish = lõpp
caseload-column-weeks = nädalaid
caseload-column-skills-met = omandatavaid puuduvaid oskusi
caseload-column-n-courses = kursuste arv
caseload-column-course-ids = kursuste tunnused
caseload-column-courses = kursused
caseload-column-course-starts = kursuste algus
caseload-column-providers = koolitajad
caseload-column-registration = registreerimine
caseload-column-contacts = kontaktid
caseload-column-funding = rahastus
caseload-column-counties = maakonnad
caseload-column-locations = toimumiskohad
caseload-column-reason = põhjus
caseload-why-bad-line = rida ei saanud lugeda
caseload-why-no-target = sobivat sihti pole (keel, õppevorm või maakond)
caseload-why-no-path = teekond ei mahu piirangutesse (eelarve, kuupäevad, tunnid)
caseload-why-no-progress = teekond ei kata ühtki puuduvat nõuet
caseload-funder-learner = õppija maksab
caseload-funder-free = tasuta
caseload-funder-unemployed = töötutele tasuta
caseload-funder-training-credit = tööandja koolituskrediit
caseload-funder-employed-adult = töötavatele täiskasvanutele tasuta
caseload-micro-qualification = mikrokvalifikatsioon
caseload-occupation = amet
caseload-skills = oskused
caseload-online = veebis
caseload-no-county-given = maakond märkimata
caseload-learners = õppijaid
caseload-with-a-real-path = teekonnaga
caseload-bad-lines = vigaseid ridu
caseload-real-path = teekonnaga
caseload-target-heading = Siht
caseload-target = siht
caseload-county-heading = Maakond
caseload-county = maakond
caseload-why-heading = Teekonnata: miks
caseload-reason = põhjus
caseload-funder-heading = Rahastaja
caseload-funder = rahastaja
caseload-hours = tunde
caseload-price = hind (€)
caseload-yes = jah
caseload-no = ei

## allocate: why a learner of a caseload got the place they got
## (src/service/allocate.rs)

allocate-run-full = kursuse „{ $title }” { $start } algav grupp on täis ({ $seats } { $seats ->
    [one] koht
   *[other] kohta
  })
allocate-first-choice = Parim teekond, kõigis gruppides on koht.
allocate-later-run = { $full }; selle asemel hilisem grupp, teekond lõpeb { $finish }.
allocate-other-path = { $full }; selle asemel teine teekond, lõpeb { $finish }.
allocate-next-run = { " " }Järgmine vabade kohtadega grupp: „{ $title }” alates { $start }.
allocate-no-seat = { $full }; ükski teine grupp ega teekond ei mahu õppija piirangutesse.{ $next }
allocate-no-path = Teekonda ei leitud.
allocate-no-path-because = Teekonda ei leitud ({ $cause }).
allocate-bad-line = Rida ei saanud lugeda: { $cause }
## plan-pace (issue 16 item 4: hours per week without a finish date; planner/limits.rs)
plan-summary-fix-pace = Ükski ajakava ei mahu sinu nädalatundide piiridesse: { $fix }.
