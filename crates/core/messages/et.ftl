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
