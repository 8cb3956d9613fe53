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
problem-payload-too-large = Päringu sisu on suurem kui { $limit } baiti.
problem-unsupported-media-type-title = Toetamata andmetüüp
problem-unsupported-media-type = Päringu sisu peab olema `application/json`.
problem-unauthorized-title = Vaja on API-võtit
problem-unauthorized = See toiming vajab API-võtit: `Authorization: Bearer <võti>`.
problem-forbidden-title = Keelatud
problem-forbidden = Selle API-võtmega seda teha ei saa.
problem-conflict-title = Vastuolu
problem-conflict = Muudatus on vastuolus praeguse seisuga; vaata `conflicts` ja `errors`.
problem-over-budget-title = Ükski tee ei mahu eelarvesse
problem-over-budget = Odavaim tee maksab { $cheapest } eurot, eelarve on { $budget } eurot.
problem-no-path-title = Teed ei leitud
problem-no-path = Planeerija ei leidnud oma ajapiiri jooksul ühtegi teed.
problem-query-too-long-title = Otsing on liiga pikk
problem-query-too-long = Otsingutekstis on { $chars } märki; lubatud on kuni { $max }.
problem-rate-limited-title = Liiga palju päringuid
problem-rate-limited = Sellelt kliendilt on tulnud liiga palju päringuid; proovi uuesti { $s } { $s ->
    [one] sekundi
   *[other] sekundi
} pärast.
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
