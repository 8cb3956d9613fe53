//! The names of occupations and of their ISCO-08 groups, as plain data:
//! what the occupation recogniser (`occupations`) and the occupation search
//! (`occupation_search`) are built from. It names neither, so both can
//! name it.

/// One occupation as the recogniser needs it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct OccupationNames {
    /// The occupation's URI (for tests and diagnostics).
    pub uri: String,
    /// Its labels: (language, label), preferred and alternative alike.
    pub labels: Vec<(String, String)>,
    /// The code of its ISCO-08 unit group, when known.
    pub group: Option<String>,
    /// The URIs of its essential skills.
    pub essential_skills: Vec<String>,
}

/// An ISCO-08 unit group's names: (language, name).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GroupNames {
    /// The group's code (4 digits).
    pub code: String,
    /// Its names per language.
    pub labels: Vec<(String, String)>,
}

/// The occupations an ISCO group's name lists: "Kassapidajad ja
/// piletimüüjad" → "Kassapidajad", "piletimüüjad"; "Кассиры и билетные
/// кассиры" → "Кассиры", "билетные кассиры". Parenthesised remarks are
/// dropped.
pub(crate) fn group_name_parts(label: &str) -> Vec<&str> {
    let without_remark = label.split('(').next().unwrap_or(label);
    let mut parts = vec![without_remark];
    for separator in [",", ";", " ja ", " и ", " and ", " või ", " или ", " or "] {
        parts = parts
            .into_iter()
            .flat_map(|part| part.split(separator))
            .collect();
    }
    parts
        .into_iter()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn group_names_are_split_into_the_occupations_they_list() {
        assert_eq!(
            group_name_parts("Kassapidajad ja piletimüüjad"),
            ["Kassapidajad", "piletimüüjad"]
        );
        assert_eq!(
            group_name_parts("Кассиры и билетные кассиры"),
            ["Кассиры", "билетные кассиры"]
        );
        assert_eq!(
            group_name_parts("Shop keepers, sales workers (other)"),
            ["Shop keepers", "sales workers"]
        );
    }
}
