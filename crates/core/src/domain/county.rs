//! Which Estonian counties are there, and what are they called?
//!
//! The one table of counties (ISO 3166-2:EE) for the whole service: the
//! search's county filter, the demand figures' regions and the web page's
//! county list all read it. Two code sets are in use: the older one (EE-44
//! Ida-Viru, EE-78 Tartu, …), which the default catalogue and the demand
//! signals use, and the one aligned with the EHAK county codes (EE-45,
//! EE-79, …); Harju (EE-37), Hiiu (EE-39), Saare (EE-74) and Viljandi
//! (EE-84) are the same in both. Either code names the same county.
//!
//! Pure data; it must never do IO.

use super::Region;

/// One county: its code in the catalogue's code set, its code in the
/// other set, and its name in Estonian, Russian and English.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct County {
    /// The code the default catalogue and the demand signals use.
    pub code: &'static str,
    /// The same county's code in the other code set.
    pub alias: &'static str,
    /// "Harjumaa".
    pub name_et: &'static str,
    /// "Харьюмаа".
    pub name_ru: &'static str,
    /// "Harju county".
    pub name_en: &'static str,
}

impl County {
    /// The county's name in `lang` (`et`, `ru`; English otherwise).
    pub fn name(&self, lang: &str) -> &'static str {
        match lang {
            "et" => self.name_et,
            "ru" => self.name_ru,
            _ => self.name_en,
        }
    }
}

const fn county(
    code: &'static str,
    alias: &'static str,
    name_et: &'static str,
    name_ru: &'static str,
    name_en: &'static str,
) -> County {
    County {
        code,
        alias,
        name_et,
        name_ru,
        name_en,
    }
}

/// The fifteen counties, in alphabetical order of their Estonian names.
pub const COUNTIES: [County; 15] = [
    county("EE-37", "EE-37", "Harjumaa", "Харьюмаа", "Harju county"),
    county("EE-39", "EE-39", "Hiiumaa", "Хийумаа", "Hiiu county"),
    county(
        "EE-44",
        "EE-45",
        "Ida-Virumaa",
        "Ида-Вирумаа",
        "Ida-Viru county",
    ),
    county("EE-49", "EE-50", "Jõgevamaa", "Йыгевамаа", "Jõgeva county"),
    county("EE-51", "EE-52", "Järvamaa", "Ярвамаа", "Järva county"),
    county("EE-57", "EE-56", "Läänemaa", "Ляэнемаа", "Lääne county"),
    county(
        "EE-59",
        "EE-60",
        "Lääne-Virumaa",
        "Ляэне-Вирумаа",
        "Lääne-Viru county",
    ),
    county("EE-65", "EE-64", "Põlvamaa", "Пылвамаа", "Põlva county"),
    county("EE-67", "EE-68", "Pärnumaa", "Пярнумаа", "Pärnu county"),
    county("EE-70", "EE-71", "Raplamaa", "Рапламаа", "Rapla county"),
    county("EE-74", "EE-74", "Saaremaa", "Сааремаа", "Saare county"),
    county("EE-78", "EE-79", "Tartumaa", "Тартумаа", "Tartu county"),
    county("EE-82", "EE-81", "Valgamaa", "Валгамаа", "Valga county"),
    county(
        "EE-84",
        "EE-84",
        "Viljandimaa",
        "Вильяндимаа",
        "Viljandi county",
    ),
    county("EE-86", "EE-87", "Võrumaa", "Вырумаа", "Võru county"),
];

/// The county a code of either code set names.
pub fn county_of(code: &str) -> Option<&'static County> {
    COUNTIES.iter().find(|c| c.code == code || c.alias == code)
}

/// Whether `code` is an Estonian county code of either code set.
pub fn is_county(code: &str) -> bool {
    county_of(code).is_some()
}

/// The region as the catalogue's code set names it (a code of the other
/// set is mapped; other regions are returned as they are).
pub fn canonical_region(region: &Region) -> Region {
    county_of(region.as_str())
        .and_then(|c| Region::new(c.code).ok())
        .unwrap_or_else(|| region.clone())
}

/// The region's name in `lang`: the county's name, the code of another
/// region, or the country's name for none.
pub fn region_name(region: Option<&Region>, lang: &str) -> String {
    match region {
        None => match lang {
            "et" => "Eesti".into(),
            "ru" => "Эстония".into(),
            _ => "Estonia".into(),
        },
        Some(region) => county_of(region.as_str())
            .map_or_else(|| region.to_string(), |c| c.name(lang).to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_code_sets_name_the_same_county() {
        let new = Region::new("EE-45").unwrap();
        assert_eq!(canonical_region(&new).as_str(), "EE-44");
        assert_eq!(region_name(Some(&new), "en"), "Ida-Viru county");
        assert_eq!(region_name(Some(&new), "et"), "Ida-Virumaa");
        assert_eq!(region_name(Some(&new), "ru"), "Ида-Вирумаа");
        let other = Region::new("LV-RIX").unwrap();
        assert_eq!(canonical_region(&other), other);
        assert_eq!(region_name(None, "et"), "Eesti");
    }

    #[test]
    fn codes_are_distinct_across_counties() {
        let mut codes: Vec<&str> = COUNTIES.iter().flat_map(|c| [c.code, c.alias]).collect();
        codes.sort_unstable();
        codes.dedup();
        // Four counties share one code in both sets.
        assert_eq!(codes.len(), 26);
        assert!(codes.iter().all(|c| Region::new(*c).is_ok()));
    }
}
