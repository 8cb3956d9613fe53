//! Small bites and skill labels in Estonian, Russian and English, built in
//! code, for the index tests and the search bench.

#![allow(dead_code)]

use oppepala::domain::{
    Bite, BiteId, Competence, EqfLevel, FundingTag, Lang, Level, LocalizedText, Mode, Region,
    Session, SkillUri,
};
use oppepala::index::{LabelKind, SkillLabel};

pub const CASHIER: &str = "http://data.europa.eu/esco/skill/test-cashier";
pub const CUSTOMER: &str = "http://data.europa.eu/esco/skill/test-customer-service";
pub const ELDERLY: &str = "http://data.europa.eu/esco/skill/test-elderly-care";
pub const SPREADSHEET: &str = "http://data.europa.eu/esco/skill/test-spreadsheets";
pub const EXCEL: &str = "http://data.europa.eu/esco/skill/test-excel";
pub const SQL: &str = "http://data.europa.eu/esco/skill/test-sql";
pub const DATA_ANALYSIS: &str = "http://data.europa.eu/esco/skill/test-data-analysis";
pub const STATISTICS: &str = "http://data.europa.eu/esco/skill/test-statistics";

pub fn skill(uri: &str) -> SkillUri {
    SkillUri::new(uri).unwrap()
}

#[allow(clippy::too_many_arguments)]
fn bite(
    id: &str,
    title: &[(&str, &str)],
    description: &[(&str, &str)],
    outcomes: &[&str],
    languages: &[&str],
    mode: Mode,
    region: Option<&str>,
    hours: f64,
    cost: f64,
    funding: &[&str],
    eqf: i64,
    start: Option<&str>,
    provider: &str,
    field: &str,
) -> Bite {
    Bite {
        id: BiteId::new(id).unwrap(),
        title: LocalizedText::from_pairs(title),
        description: LocalizedText::from_pairs(description),
        provider: provider.into(),
        outcomes: outcomes
            .iter()
            .map(|s| Competence {
                skill: skill(s),
                level: Level::MIN,
            })
            .collect(),
        outcome_texts: Vec::new(),
        prerequisites: Vec::new(),
        hours,
        ects: hours / 26.0,
        eqf_level: EqfLevel::new(eqf).unwrap(),
        languages: languages.iter().map(|l| Lang::new(*l).unwrap()).collect(),
        mode,
        region: region.map(|r| Region::new(r).unwrap()),
        cost_eur: cost,
        funding: funding
            .iter()
            .map(|f| FundingTag::new(*f).unwrap())
            .collect(),
        sessions: start
            .map(|s| {
                vec![Session {
                    start: s.parse().unwrap(),
                    weeks: 4,
                    registration_deadline: None,
                    seats: None,
                }]
            })
            .unwrap_or_default(),
        assessment: None,
        credential: None,
        quality_assurance: None,
        field: Some(field.into()),
        url: None,
        registration_url: None,
        contact: Default::default(),
        learning_setting: None,
        entry_requirements: Default::default(),
    }
}

/// Nine bites: retail, care, learning, spreadsheets, SQL, C++.
pub fn bites() -> Vec<Bite> {
    vec![
        bite(
            "kassa-1",
            &[
                ("et", "Kassatöö ja klienditeenindus"),
                ("ru", "Работа на кассе и обслуживание клиентов"),
                ("en", "Cashier work and customer service"),
            ],
            &[("et", "Praktiline kursus kaupluse kassapidajale.")],
            &[CASHIER, CUSTOMER],
            &["et", "ru"],
            Mode::Onsite,
            Some("EE-37"),
            24.0,
            0.0,
            &["free", "unemployed"],
            3,
            Some("2027-01-11"),
            "Tallinna Kutsekool",
            "retail",
        ),
        bite(
            "hool-1",
            &[
                ("et", "Eakate hooldus kodus"),
                ("ru", "Уход за пожилыми людьми"),
                ("en", "Care for the elderly at home"),
            ],
            &[("ru", "Основы ухода за пожилыми людьми на дому.")],
            &[ELDERLY],
            &["ru", "et"],
            Mode::Blended,
            Some("EE-44"),
            40.0,
            120.0,
            &["unemployed"],
            4,
            Some("2027-02-01"),
            "Ida-Virumaa Kutsehariduskeskus",
            "care",
        ),
        bite(
            "opp-1",
            &[
                ("et", "Õppimine täiskasvanueas"),
                ("en", "Learning in adulthood"),
            ],
            &[("et", "Kuidas õppida tõhusalt ja meelde jätta.")],
            &[],
            &["et"],
            Mode::Online,
            None,
            6.0,
            0.0,
            &["free"],
            2,
            None,
            "Rahvaülikool",
            "education",
        ),
        bite(
            "opp-2",
            &[("et", "Lapse oppimine mängus")],
            &[("et", "Tekst ilma täpitähtedeta.")],
            &[],
            &["et"],
            Mode::Online,
            None,
            4.0,
            10.0,
            &[],
            2,
            Some("2027-05-03"),
            "Rahvaülikool",
            "education",
        ),
        bite(
            "excel-1",
            &[
                ("et", "Excel algajatele"),
                ("ru", "Excel для начинающих"),
                ("en", "Excel for beginners"),
            ],
            &[("en", "Formulas, tables and charts in spreadsheets.")],
            &[EXCEL],
            &["et", "en", "ru"],
            Mode::Online,
            None,
            12.0,
            49.0,
            &["training-credit"],
            3,
            Some("2027-03-01"),
            "Arvutikool",
            "ict",
        ),
        bite(
            "excel-2",
            &[("et", "Excel edasijõudnutele"), ("en", "Advanced Excel")],
            &[("en", "Pivot tables and macros.")],
            &[EXCEL],
            &["et", "en"],
            Mode::Online,
            None,
            20.0,
            99.0,
            &["training-credit"],
            4,
            Some("2027-01-20"),
            "Arvutikool",
            "ict",
        ),
        bite(
            "sql-1",
            &[("et", "SQL algajatele"), ("en", "SQL for beginners")],
            &[("et", "Andmebaasipäringud ja andmeanalüüs.")],
            &[SQL],
            &["et"],
            Mode::Online,
            None,
            26.0,
            0.0,
            &["free"],
            4,
            Some("2027-01-11"),
            "TalTech",
            "ict",
        ),
        bite(
            "klient-1",
            &[
                ("et", "Klienditeenindus"),
                ("en", "Customer service basics"),
            ],
            &[("et", "Klienditeeninduse alused ja suhtlemine.")],
            &[CUSTOMER],
            &["et"],
            Mode::Onsite,
            Some("EE-78"),
            8.0,
            30.0,
            &[],
            3,
            Some("2027-04-05"),
            "Tartu Kutsehariduskeskus",
            "retail",
        ),
        bite(
            "cpp-1",
            &[("en", "C++ programming"), ("et", "C++ programmeerimine")],
            &[("en", "Classes, templates and the standard library.")],
            &[],
            &["en"],
            Mode::Online,
            None,
            60.0,
            300.0,
            &[],
            5,
            Some("2027-02-15"),
            "TalTech",
            "ict",
        ),
    ]
}

fn label(uri: &str, lang: &str, text: &str, kind: LabelKind) -> SkillLabel {
    SkillLabel {
        uri: skill(uri),
        lang: lang.into(),
        label: text.into(),
        kind,
    }
}

/// Labels of the fixture skills in three languages.
pub fn skill_labels() -> Vec<SkillLabel> {
    use LabelKind::*;
    vec![
        label(CASHIER, "en", "operate cash register", Preferred),
        label(CASHIER, "en", "cashier work", Alt),
        label(CASHIER, "et", "kassatöö", Preferred),
        label(CASHIER, "et", "kassapidamine", Alt),
        label(CASHIER, "ru", "работа на кассе", Preferred),
        label(CUSTOMER, "en", "provide customer service", Preferred),
        label(CUSTOMER, "en", "customer care", Alt),
        label(CUSTOMER, "et", "klienditeenindus", Preferred),
        label(CUSTOMER, "ru", "обслуживание клиентов", Preferred),
        label(ELDERLY, "en", "care for the elderly", Preferred),
        label(ELDERLY, "et", "eakate hooldus", Preferred),
        label(ELDERLY, "ru", "уход за пожилыми людьми", Preferred),
        label(SPREADSHEET, "en", "use spreadsheets software", Preferred),
        label(
            SPREADSHEET,
            "et",
            "tabelarvutustarkvara kasutamine",
            Preferred,
        ),
        label(
            SPREADSHEET,
            "ru",
            "использование табличных процессоров",
            Preferred,
        ),
        label(EXCEL, "en", "Microsoft Excel", Preferred),
        label(EXCEL, "en", "Excel", Alt),
        label(EXCEL, "en", "exel", Hidden),
        label(EXCEL, "et", "Microsoft Excel", Preferred),
        label(SQL, "en", "SQL", Preferred),
        label(SQL, "en", "structured query language", Alt),
        label(DATA_ANALYSIS, "en", "data analysis", Preferred),
        label(DATA_ANALYSIS, "et", "andmeanalüüs", Preferred),
        label(STATISTICS, "en", "statistics", Preferred),
        label(STATISTICS, "en", "data analysis", Alt),
    ]
}

/// `n` bites made by copying the fixtures round-robin under new ids.
pub fn replicate(base: &[Bite], n: usize) -> Vec<Bite> {
    (0..n)
        .map(|i| {
            let mut bite = base[i % base.len()].clone();
            bite.id = BiteId::new(format!("{}-r{i}", bite.id)).unwrap();
            bite
        })
        .collect()
}
