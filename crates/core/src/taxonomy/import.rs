//! How does ESCO get in? Reads the official ESCO CSV export (v1.1 and v1.2
//! file names and columns, per-language and language-neutral relation files)
//! and the Estonian/Russian sources (ESCO et labels, AK2008 = ISCO-08 with
//! et/en/ru names, the ESCO ↔ Estonian occupation crosswalk) into one
//! [`Taxonomy`].
//!
//! Columns are found by header name, never by position. Every error names
//! the file, the line and the column. It must never write anything (the
//! caller saves the finished taxonomy with [`super::store`]), never keep a
//! half-imported taxonomy, and never do network IO.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::domain::{Lang, OccupationUri, ReuseLevel, SkillType, SkillUri};

use super::{
    Concept, ConceptKind, EeMapping, IscoGroupRecord, Labels, LabelsByLang, OccupationRecord,
    Relation, Taxonomy, TaxonomyData, TaxonomyError, TextByLang,
};

/// What to import.
#[derive(Clone, Debug, Default)]
pub struct EscoSources {
    /// The folder with the ESCO CSV export.
    pub esco_dir: PathBuf,
    /// Languages to load; empty means every `skills_<lang>.csv` in the folder.
    pub languages: Vec<Lang>,
    /// `derived_esco_uri_labels_et.csv` (Estonian labels of occupations and ISCO groups).
    pub et_labels: Option<PathBuf>,
    /// `ak2008_occupations_et_en_ru.csv` (ISCO-08 groups in et, en, ru).
    pub ak2008: Option<PathBuf>,
    /// `EE_mapping_07.10.2021.csv` (ESCO → Estonian occupations).
    pub ee_mapping: Option<PathBuf>,
    /// Extra skill labels (`concept_uri,lang,label`), e.g. hand translations
    /// for languages whose ESCO skill export is not at hand; read in order,
    /// after ESCO's own files, so an earlier file's label stays preferred.
    pub skill_labels: Vec<PathBuf>,
    /// Extra occupation labels (`concept_uri,lang,label`): hand-written
    /// names and synonyms, read after ESCO's own files and the Estonian
    /// labels, so those stay preferred.
    pub occupation_labels: Option<PathBuf>,
}

/// Progress of an import, for a progress bar or log lines.
#[derive(Clone, Copy, Debug)]
pub enum ImportEvent<'a> {
    /// The number of files that will be read.
    Planned {
        /// Files to read.
        files: usize,
    },
    /// A file is being read.
    FileStarted {
        /// The file.
        path: &'a Path,
    },
    /// A file has been read.
    FileDone {
        /// The file.
        path: &'a Path,
        /// Data rows read.
        rows: usize,
    },
}

/// The ESCO relation files, read once, with or without a `_<lang>` suffix.
const RELATION_FILES: [(&str, &str); 3] = [
    ("occupationSkillRelations", "occupation–skill relations"),
    (
        "broaderRelationsSkillPillar",
        "broader relations of the skills pillar",
    ),
    ("skillSkillRelations", "skill–skill relations"),
];

/// Imports ESCO and the optional Estonian/Russian sources.
pub fn import_esco(
    sources: &EscoSources,
    progress: &mut dyn FnMut(ImportEvent<'_>),
) -> Result<Taxonomy, TaxonomyError> {
    let dir = &sources.esco_dir;
    let languages = if sources.languages.is_empty() {
        detect_languages(dir)?
    } else {
        sources
            .languages
            .iter()
            .map(|l| l.as_str().to_string())
            .collect()
    };
    if languages.is_empty() {
        return Err(TaxonomyError::MissingFile {
            dir: dir.clone(),
            what: "skills".into(),
            looked_for: "skills_<lang>.csv".into(),
        });
    }

    // Plan every file first so that a missing one fails before any work.
    let mut plan: Vec<(FileKind, PathBuf, Option<String>)> = Vec::new();
    for lang in &languages {
        for (stem, kind, required) in [
            ("skills", FileKind::Skills, true),
            ("skillGroups", FileKind::SkillGroups, false),
            ("occupations", FileKind::Occupations, true),
            ("ISCOGroups", FileKind::IscoGroups, false),
        ] {
            let path = dir.join(format!("{stem}_{lang}.csv"));
            if path.is_file() {
                plan.push((kind, path, Some(lang.clone())));
            } else if required {
                return Err(TaxonomyError::MissingFile {
                    dir: dir.clone(),
                    what: format!("{stem} ({lang})"),
                    looked_for: format!("{stem}_{lang}.csv"),
                });
            }
        }
    }
    for (stem, what) in RELATION_FILES {
        let candidates: Vec<String> = std::iter::once(format!("{stem}.csv"))
            .chain(languages.iter().map(|l| format!("{stem}_{l}.csv")))
            .collect();
        let Some(path) = candidates.iter().map(|c| dir.join(c)).find(|p| p.is_file()) else {
            return Err(TaxonomyError::MissingFile {
                dir: dir.clone(),
                what: what.into(),
                looked_for: candidates.join(", "),
            });
        };
        let kind = match stem {
            "occupationSkillRelations" => FileKind::OccupationSkill,
            "broaderRelationsSkillPillar" => FileKind::Broader,
            _ => FileKind::SkillSkill,
        };
        plan.push((kind, path, None));
    }
    for (kind, path) in [
        (FileKind::Ak2008, &sources.ak2008),
        (FileKind::EtLabels, &sources.et_labels),
        (FileKind::EeMapping, &sources.ee_mapping),
        (FileKind::OccupationLabels, &sources.occupation_labels),
    ] {
        if let Some(path) = path {
            plan.push((kind, path.clone(), None));
        }
    }
    for path in &sources.skill_labels {
        plan.push((FileKind::SkillLabels, path.clone(), None));
    }

    progress(ImportEvent::Planned { files: plan.len() });
    let mut builder = Builder::default();
    for lang in &languages {
        builder.lang(lang);
    }
    for (kind, path, lang) in &plan {
        progress(ImportEvent::FileStarted { path });
        let rows = builder.read(*kind, path, lang.as_deref())?;
        builder.data.sources.push(format!(
            "{} ({rows} rows)",
            path.file_name()
                .map(|n| n.to_string_lossy())
                .unwrap_or_default()
        ));
        progress(ImportEvent::FileDone { path, rows });
    }
    if builder.skipped_et_labels > 0 {
        tracing::info!(
            skipped = builder.skipped_et_labels,
            "Estonian labels of occupations not in this ESCO version skipped"
        );
    }
    Taxonomy::from_data(builder.data)
}

/// The languages of the `skills_<lang>.csv` files in `dir`, English first.
fn detect_languages(dir: &Path) -> Result<Vec<String>, TaxonomyError> {
    let entries = std::fs::read_dir(dir).map_err(|source| TaxonomyError::Read {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut languages: Vec<String> = entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let lang = name
                .strip_prefix("skills_")?
                .strip_suffix(".csv")?
                .to_string();
            Lang::new(lang.as_str()).ok().map(|_| lang)
        })
        .collect();
    languages.sort_by_key(|l| (l != "en", l.clone()));
    Ok(languages)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum FileKind {
    Skills,
    SkillGroups,
    Occupations,
    IscoGroups,
    OccupationSkill,
    Broader,
    SkillSkill,
    Ak2008,
    EtLabels,
    EeMapping,
    SkillLabels,
    OccupationLabels,
}

/// How many bad rows of one file an error lists (it always gives the count).
const MAX_REPORTED_ROWS: usize = 50;

/// A CSV file with its header, read record by record.
struct Table {
    path: PathBuf,
    reader: csv::Reader<Box<dyn Read>>,
    header: Vec<String>,
    /// Lines before the CSV header (metadata lines some files carry).
    line_offset: u64,
}

/// One record of a [`Table`].
struct Row<'a> {
    table_path: &'a Path,
    header: &'a [String],
    record: &'a csv::StringRecord,
    line: u64,
}

impl Row<'_> {
    fn get(&self, column: usize) -> &str {
        self.record.get(column).unwrap_or("").trim()
    }

    fn opt(&self, column: Option<usize>) -> &str {
        column.map(|c| self.get(c)).unwrap_or("")
    }

    fn bad(&self, column: usize, message: String) -> TaxonomyError {
        TaxonomyError::BadField {
            path: self.table_path.to_path_buf(),
            line: self.line,
            column: self.header[column].clone(),
            message,
        }
    }

    fn describe(&self, column: usize) -> String {
        format!(
            "{}, line {}, column {:?}",
            self.table_path.display(),
            self.line,
            self.header[column]
        )
    }
}

fn csv_error(path: &Path, line_offset: u64, error: csv::Error) -> TaxonomyError {
    let line = error.position().map(|p| p.line()).unwrap_or(0) + line_offset;
    let message = match error.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!(
            "expected {expected_len} fields, found {len} (unbalanced quotes or a stray comma?)"
        ),
        csv::ErrorKind::Utf8 { err, .. } => {
            format!("field {} is not valid UTF-8", err.field() + 1)
        }
        csv::ErrorKind::Io(e) => format!("read error: {e}"),
        _ => error.to_string(),
    };
    TaxonomyError::Csv {
        path: path.to_path_buf(),
        line,
        message,
    }
}

impl Table {
    fn open(path: &Path) -> Result<Table, TaxonomyError> {
        let file = std::fs::File::open(path).map_err(|source| TaxonomyError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        Table::from_reader(path, Box::new(std::io::BufReader::new(file)), 0)
    }

    fn from_reader(
        path: &Path,
        reader: Box<dyn Read>,
        line_offset: u64,
    ) -> Result<Table, TaxonomyError> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .from_reader(reader);
        let header = reader
            .headers()
            .map_err(|e| csv_error(path, line_offset, e))?
            .iter()
            .map(|h| h.trim_start_matches('\u{feff}').trim().to_string())
            .collect();
        Ok(Table {
            path: path.to_path_buf(),
            reader,
            header,
            line_offset,
        })
    }

    fn optional_column(&self, name: &str) -> Option<usize> {
        self.header
            .iter()
            .position(|h| h.eq_ignore_ascii_case(name))
    }

    fn column(&self, name: &str) -> Result<usize, TaxonomyError> {
        self.optional_column(name)
            .ok_or_else(|| TaxonomyError::MissingColumn {
                path: self.path.clone(),
                line: self.line_offset + 1,
                column: name.to_string(),
                found: self.header.join(", "),
            })
    }

    /// Calls `f` on every record; returns the number of records.
    fn for_each(
        &mut self,
        mut f: impl FnMut(&Row<'_>) -> Result<(), TaxonomyError>,
    ) -> Result<usize, TaxonomyError> {
        let mut record = csv::StringRecord::new();
        let mut rows = 0;
        let mut bad_rows = Vec::new();
        loop {
            match self.reader.read_record(&mut record) {
                Ok(true) => {}
                Ok(false) => break,
                Err(e) => return Err(csv_error(&self.path, self.line_offset, e)),
            }
            let line = record.position().map(|p| p.line()).unwrap_or(0) + self.line_offset;
            if record.iter().all(|f| f.trim().is_empty()) {
                continue;
            }
            // Bad values are collected so that one run reports every bad row
            // of the file; broken CSV (above) stops at once.
            if let Err(error) = f(&Row {
                table_path: &self.path,
                header: &self.header,
                record: &record,
                line,
            }) {
                bad_rows.push(error);
            }
            rows += 1;
        }
        match bad_rows.len() {
            0 => Ok(rows),
            1 => Err(bad_rows.remove(0)),
            count => Err(TaxonomyError::BadRows {
                path: self.path.clone(),
                count,
                rows: bad_rows
                    .iter()
                    .take(MAX_REPORTED_ROWS)
                    .map(|e| format!("\n  {e}"))
                    .collect(),
            }),
        }
    }
}

/// Relation rows naming a concept that no concept file defines. The
/// official ESCO v1.1.1 export has a few (67 occupation–skill rows name an
/// occupation missing from occupations_en.csv, 10 broader rows name unknown
/// concepts), so they are skipped and logged, not fatal.
#[derive(Default)]
struct Dangling {
    count: usize,
    first: Option<String>,
}

impl Dangling {
    fn note(&mut self, row: &Row<'_>, column: usize, kind: &str) {
        self.count += 1;
        if self.first.is_none() {
            self.first = Some(format!(
                "{}: unknown {kind} {}",
                row.describe(column),
                row.get(column)
            ));
        }
    }

    fn log(self, path: &Path) {
        if let Some(first) = self.first {
            tracing::warn!(
                file = %path.display(),
                rows = self.count,
                "relation rows naming unknown concepts skipped; first: {first}"
            );
        }
    }
}

/// Splits a multi-line label field into labels.
fn split_lines(value: &str) -> impl Iterator<Item = &str> {
    value.lines().map(str::trim).filter(|l| !l.is_empty())
}

fn parse_skill_type(value: &str) -> SkillType {
    match value.trim().to_ascii_lowercase().as_str() {
        "knowledge" => SkillType::Knowledge,
        "skill/competence" | "skill" | "competence" => SkillType::SkillCompetence,
        _ => SkillType::Unknown,
    }
}

fn parse_reuse_level(value: &str) -> ReuseLevel {
    match value.trim().to_ascii_lowercase().as_str() {
        "transversal" => ReuseLevel::Transversal,
        "cross-sector" | "cross-sectoral" => ReuseLevel::CrossSector,
        "sector-specific" => ReuseLevel::SectorSpecific,
        "occupation-specific" => ReuseLevel::OccupationSpecific,
        _ => ReuseLevel::Unknown,
    }
}

fn parse_relation(row: &Row<'_>, column: usize) -> Result<Relation, TaxonomyError> {
    match row.get(column).to_ascii_lowercase().as_str() {
        "essential" => Ok(Relation::Essential),
        "optional" => Ok(Relation::Optional),
        other => Err(row.bad(
            column,
            format!("{other:?} is not a relation type (expected essential or optional)"),
        )),
    }
}

/// An ISCO-08 code from a field: `2654`, `C2654` or an ESCO ISCO URI.
fn isco_code(value: &str) -> Option<&str> {
    let value = value.trim();
    let code = value.rsplit('/').next().unwrap_or(value);
    let code = code.strip_prefix('C').unwrap_or(code);
    (!code.is_empty() && code.len() <= 4 && code.bytes().all(|b| b.is_ascii_digit()))
        .then_some(code)
}

fn labels_mut(labels: &mut LabelsByLang, lang: u8) -> &mut Labels {
    let index = match labels.iter().position(|(l, _)| *l == lang) {
        Some(i) => i,
        None => {
            labels.push((lang, Labels::default()));
            labels.len() - 1
        }
    };
    &mut labels[index].1
}

fn set_text(texts: &mut TextByLang, lang: u8, text: &str) {
    let text = text.trim();
    if text.is_empty() {
        return;
    }
    match texts.iter_mut().find(|(l, _)| *l == lang) {
        Some((_, t)) => *t = text.to_string(),
        None => texts.push((lang, text.to_string())),
    }
}

/// Fills the labels of one language from ESCO's preferred / alt / hidden columns.
fn set_esco_labels(labels: &mut Labels, preferred: &str, alt: &str, hidden: &str) {
    if !preferred.is_empty() {
        labels.preferred = preferred.to_string();
    }
    for label in split_lines(alt) {
        if label != labels.preferred && !labels.alt.iter().any(|a| a == label) {
            labels.alt.push(label.to_string());
        }
    }
    for label in split_lines(hidden) {
        if !labels.hidden.iter().any(|h| h == label) {
            labels.hidden.push(label.to_string());
        }
    }
}

#[derive(Default)]
struct Builder {
    data: TaxonomyData,
    concept_ids: HashMap<String, u32>,
    occupation_ids: HashMap<String, u32>,
    isco_ids: HashMap<String, u32>,
    skipped_et_labels: usize,
}

impl Builder {
    fn lang(&mut self, lang: &str) -> u8 {
        match self.data.languages.iter().position(|l| l == lang) {
            Some(i) => i as u8,
            None => {
                self.data.languages.push(lang.to_string());
                (self.data.languages.len() - 1) as u8
            }
        }
    }

    fn concept(&mut self, uri: &str, kind: ConceptKind) -> u32 {
        if let Some(&id) = self.concept_ids.get(uri) {
            return id;
        }
        let id = self.data.concepts.len() as u32;
        self.data.concepts.push(Concept {
            uri: uri.to_string(),
            kind,
            skill_type: SkillType::Unknown,
            reuse_level: ReuseLevel::Unknown,
            code: String::new(),
            labels: Vec::new(),
            descriptions: Vec::new(),
            broader: Vec::new(),
            related: Vec::new(),
        });
        self.concept_ids.insert(uri.to_string(), id);
        id
    }

    fn occupation(&mut self, uri: &str) -> u32 {
        if let Some(&id) = self.occupation_ids.get(uri) {
            return id;
        }
        let id = self.data.occupations.len() as u32;
        self.data.occupations.push(OccupationRecord {
            uri: uri.to_string(),
            code: String::new(),
            isco_code: String::new(),
            labels: Vec::new(),
            descriptions: Vec::new(),
            essential: Vec::new(),
            optional: Vec::new(),
            ee_mappings: Vec::new(),
        });
        self.occupation_ids.insert(uri.to_string(), id);
        id
    }

    fn isco_group(&mut self, code: &str, uri: &str) -> u32 {
        if let Some(&id) = self.isco_ids.get(code) {
            let group = &mut self.data.isco_groups[id as usize];
            if group.uri.is_empty() {
                group.uri = uri.to_string();
            }
            return id;
        }
        let id = self.data.isco_groups.len() as u32;
        self.data.isco_groups.push(IscoGroupRecord {
            code: code.to_string(),
            uri: uri.to_string(),
            labels: Vec::new(),
        });
        self.isco_ids.insert(code.to_string(), id);
        id
    }

    fn read(
        &mut self,
        kind: FileKind,
        path: &Path,
        lang: Option<&str>,
    ) -> Result<usize, TaxonomyError> {
        let lang = lang.map(|l| self.lang(l)).unwrap_or(0);
        match kind {
            FileKind::Skills => self.read_concepts(path, lang, ConceptKind::Skill),
            FileKind::SkillGroups => self.read_concepts(path, lang, ConceptKind::SkillGroup),
            FileKind::Occupations => self.read_occupations(path, lang),
            FileKind::IscoGroups => self.read_isco_groups(path, lang),
            FileKind::OccupationSkill => self.read_occupation_skills(path),
            FileKind::Broader => self.read_broader(path),
            FileKind::SkillSkill => self.read_skill_skill(path),
            FileKind::Ak2008 => self.read_ak2008(path),
            FileKind::EtLabels => self.read_et_labels(path),
            FileKind::EeMapping => self.read_ee_mapping(path),
            FileKind::SkillLabels => self.read_skill_labels(path),
            FileKind::OccupationLabels => self.read_occupation_labels(path),
        }
    }

    fn read_concepts(
        &mut self,
        path: &Path,
        lang: u8,
        kind: ConceptKind,
    ) -> Result<usize, TaxonomyError> {
        let mut table = Table::open(path)?;
        let uri_col = table.column("conceptUri")?;
        let preferred_col = table.column("preferredLabel")?;
        let alt_col = table.optional_column("altLabels");
        let hidden_col = table.optional_column("hiddenLabels");
        let description_col = table.optional_column("description");
        let type_col = table.optional_column("skillType");
        let reuse_col = table.optional_column("reuseLevel");
        let code_col = table.optional_column("code");
        table.for_each(|row| {
            let uri = row.get(uri_col);
            SkillUri::new(uri).map_err(|e| row.bad(uri_col, e))?;
            let id = self.concept(uri, kind);
            let concept = &mut self.data.concepts[id as usize];
            if concept.skill_type == SkillType::Unknown {
                concept.skill_type = parse_skill_type(row.opt(type_col));
            }
            if concept.reuse_level == ReuseLevel::Unknown {
                concept.reuse_level = parse_reuse_level(row.opt(reuse_col));
            }
            if concept.code.is_empty() {
                concept.code = row.opt(code_col).to_string();
            }
            set_esco_labels(
                labels_mut(&mut concept.labels, lang),
                row.get(preferred_col),
                row.opt(alt_col),
                row.opt(hidden_col),
            );
            set_text(&mut concept.descriptions, lang, row.opt(description_col));
            Ok(())
        })
    }

    fn read_occupations(&mut self, path: &Path, lang: u8) -> Result<usize, TaxonomyError> {
        let mut table = Table::open(path)?;
        let uri_col = table.column("conceptUri")?;
        let preferred_col = table.column("preferredLabel")?;
        let isco_col = table.column("iscoGroup")?;
        let alt_col = table.optional_column("altLabels");
        let hidden_col = table.optional_column("hiddenLabels");
        let description_col = table.optional_column("description");
        let code_col = table.optional_column("code");
        table.for_each(|row| {
            let uri = row.get(uri_col);
            OccupationUri::new(uri).map_err(|e| row.bad(uri_col, e))?;
            let isco = row.get(isco_col);
            let isco = match isco_code(isco) {
                Some(code) => code,
                None if isco.is_empty() => "",
                None => {
                    return Err(row.bad(isco_col, format!("{isco:?} is not an ISCO-08 code")));
                }
            };
            let id = self.occupation(uri);
            let occupation = &mut self.data.occupations[id as usize];
            if occupation.isco_code.is_empty() {
                occupation.isco_code = isco.to_string();
            }
            if occupation.code.is_empty() {
                occupation.code = row.opt(code_col).to_string();
            }
            set_esco_labels(
                labels_mut(&mut occupation.labels, lang),
                row.get(preferred_col),
                row.opt(alt_col),
                row.opt(hidden_col),
            );
            set_text(&mut occupation.descriptions, lang, row.opt(description_col));
            Ok(())
        })
    }

    fn read_isco_groups(&mut self, path: &Path, lang: u8) -> Result<usize, TaxonomyError> {
        let mut table = Table::open(path)?;
        let uri_col = table.column("conceptUri")?;
        let code_col = table.column("code")?;
        let preferred_col = table.column("preferredLabel")?;
        let alt_col = table.optional_column("altLabels");
        let hidden_col = table.optional_column("hiddenLabels");
        table.for_each(|row| {
            let code = isco_code(row.get(code_col)).ok_or_else(|| {
                row.bad(
                    code_col,
                    format!("{:?} is not an ISCO-08 code", row.get(code_col)),
                )
            })?;
            let id = self.isco_group(code, row.get(uri_col));
            let group = &mut self.data.isco_groups[id as usize];
            set_esco_labels(
                labels_mut(&mut group.labels, lang),
                row.get(preferred_col),
                row.opt(alt_col),
                row.opt(hidden_col),
            );
            Ok(())
        })
    }

    fn read_occupation_skills(&mut self, path: &Path) -> Result<usize, TaxonomyError> {
        let mut table = Table::open(path)?;
        let occupation_col = table.column("occupationUri")?;
        let relation_col = table.column("relationType")?;
        let skill_col = table.column("skillUri")?;
        let mut dangling = Dangling::default();
        let rows = table.for_each(|row| {
            let Some(&occupation) = self.occupation_ids.get(row.get(occupation_col)) else {
                dangling.note(row, occupation_col, "occupation");
                return Ok(());
            };
            let Some(&skill) = self.concept_ids.get(row.get(skill_col)) else {
                dangling.note(row, skill_col, "skill");
                return Ok(());
            };
            let relation = parse_relation(row, relation_col)?;
            let record = &mut self.data.occupations[occupation as usize];
            let list = match relation {
                Relation::Essential => &mut record.essential,
                Relation::Optional => &mut record.optional,
            };
            if !list.contains(&skill) {
                list.push(skill);
            }
            Ok(())
        })?;
        dangling.log(path);
        Ok(rows)
    }

    fn read_broader(&mut self, path: &Path) -> Result<usize, TaxonomyError> {
        let mut table = Table::open(path)?;
        let concept_col = table.column("conceptUri")?;
        let broader_col = table.column("broaderUri")?;
        let mut dangling = Dangling::default();
        let rows = table.for_each(|row| {
            let Some(&concept) = self.concept_ids.get(row.get(concept_col)) else {
                dangling.note(row, concept_col, "skill or skill group");
                return Ok(());
            };
            let Some(&broader) = self.concept_ids.get(row.get(broader_col)) else {
                dangling.note(row, broader_col, "skill or skill group");
                return Ok(());
            };
            let list = &mut self.data.concepts[concept as usize].broader;
            if concept != broader && !list.contains(&broader) {
                list.push(broader);
            }
            Ok(())
        })?;
        dangling.log(path);
        Ok(rows)
    }

    fn read_skill_skill(&mut self, path: &Path) -> Result<usize, TaxonomyError> {
        let mut table = Table::open(path)?;
        let original_col = table.column("originalSkillUri")?;
        let relation_col = table.column("relationType")?;
        let related_col = table.column("relatedSkillUri")?;
        let mut dangling = Dangling::default();
        let rows = table.for_each(|row| {
            let Some(&original) = self.concept_ids.get(row.get(original_col)) else {
                dangling.note(row, original_col, "skill");
                return Ok(());
            };
            let Some(&related) = self.concept_ids.get(row.get(related_col)) else {
                dangling.note(row, related_col, "skill");
                return Ok(());
            };
            let relation = parse_relation(row, relation_col)?;
            let list = &mut self.data.concepts[original as usize].related;
            if !list.iter().any(|(r, _)| *r == related) {
                list.push((related, relation));
            }
            Ok(())
        })?;
        dangling.log(path);
        Ok(rows)
    }

    /// AK2008 levels 1–4 are the ISCO-08 groups: each gets its et, en and
    /// ru names (the official Estonian names lead; ESCO's stay as the
    /// preferred English label when already there).
    fn read_ak2008(&mut self, path: &Path) -> Result<usize, TaxonomyError> {
        let mut table = Table::open(path)?;
        let code_col = table.column("code")?;
        let level_col = table.column("level")?;
        let names: Vec<(u8, usize)> = ["et", "en", "ru"]
            .into_iter()
            .map(|lang| Ok((self.lang(lang), table.column(&format!("name_{lang}"))?)))
            .collect::<Result<_, TaxonomyError>>()?;
        table.for_each(|row| {
            let level: u8 = row.get(level_col).parse().map_err(|_| {
                row.bad(
                    level_col,
                    format!("{:?} is not a level 1–5", row.get(level_col)),
                )
            })?;
            if !(1..=4).contains(&level) {
                return Ok(());
            }
            let code = row.get(code_col);
            if isco_code(code) != Some(code) || code.len() != usize::from(level) {
                return Err(row.bad(
                    code_col,
                    format!("{code:?} is not an ISCO-08 code of level {level}"),
                ));
            }
            let uri = format!("http://data.europa.eu/esco/isco/C{code}");
            let id = self.isco_group(code, &uri);
            let group = &mut self.data.isco_groups[id as usize];
            for &(lang, column) in &names {
                labels_mut(&mut group.labels, lang).add(row.get(column));
            }
            Ok(())
        })
    }

    /// Estonian labels of ESCO occupations and ISCO groups, several joined
    /// with ` | `: the first is preferred unless ESCO's own `et` file gave one.
    fn read_et_labels(&mut self, path: &Path) -> Result<usize, TaxonomyError> {
        let mut table = Table::open(path)?;
        let uri_col = table.column("concept_uri")?;
        let type_col = table.column("concept_type")?;
        let labels_col = table.column("labels_et")?;
        let et = self.lang("et");
        let mut skipped = 0;
        let rows = table.for_each(|row| {
            let uri = row.get(uri_col);
            let labels = match row.get(type_col) {
                "occupation" => match self.occupation_ids.get(uri) {
                    Some(&id) => &mut self.data.occupations[id as usize].labels,
                    None => {
                        skipped += 1;
                        return Ok(());
                    }
                },
                "isco_group" => {
                    let code = isco_code(uri).ok_or_else(|| {
                        row.bad(uri_col, format!("{uri:?} is not an ESCO ISCO group URI"))
                    })?;
                    let id = self.isco_group(code, uri);
                    &mut self.data.isco_groups[id as usize].labels
                }
                _ => return Ok(()),
            };
            let labels = labels_mut(labels, et);
            for label in row.get(labels_col).split(" | ") {
                labels.add(label);
            }
            Ok(())
        })?;
        self.skipped_et_labels += skipped;
        Ok(rows)
    }

    /// Extra skill labels, one per row (`concept_uri,lang,label`): the
    /// preferred label in that language when ESCO gave none, else an
    /// alternative. A URI that is not a loaded skill is an error, so a
    /// stale translation file is noticed.
    fn read_skill_labels(&mut self, path: &Path) -> Result<usize, TaxonomyError> {
        let mut table = Table::open(path)?;
        let uri_col = table.column("concept_uri")?;
        let lang_col = table.column("lang")?;
        let label_col = table.column("label")?;
        table.for_each(|row| {
            let uri = row.get(uri_col);
            let Some(&id) = self.concept_ids.get(uri) else {
                return Err(row.bad(
                    uri_col,
                    format!("{uri:?} is not a skill in this ESCO version"),
                ));
            };
            let lang = row.get(lang_col);
            let lang = Lang::new(lang).map_err(|message| row.bad(lang_col, message))?;
            let lang = self.lang(lang.as_str());
            labels_mut(&mut self.data.concepts[id as usize].labels, lang).add(row.get(label_col));
            Ok(())
        })
    }

    /// Extra occupation labels, one per row (`concept_uri,lang,label`; other
    /// columns, such as the English label a reviewer reads, are ignored):
    /// the preferred label in that language when ESCO or the Estonian
    /// labels gave none, else an alternative. A URI that is not a loaded
    /// occupation is an error, so a stale file is noticed.
    fn read_occupation_labels(&mut self, path: &Path) -> Result<usize, TaxonomyError> {
        let mut table = Table::open(path)?;
        let uri_col = table.column("concept_uri")?;
        let lang_col = table.column("lang")?;
        let label_col = table.column("label")?;
        table.for_each(|row| {
            let uri = row.get(uri_col);
            let Some(&id) = self.occupation_ids.get(uri) else {
                return Err(row.bad(
                    uri_col,
                    format!("{uri:?} is not an occupation in this ESCO version"),
                ));
            };
            let lang = row.get(lang_col);
            let lang = Lang::new(lang).map_err(|message| row.bad(lang_col, message))?;
            let lang = self.lang(lang.as_str());
            labels_mut(&mut self.data.occupations[id as usize].labels, lang)
                .add(row.get(label_col));
            Ok(())
        })
    }

    /// The ESCO ↔ Estonian occupation crosswalk: metadata lines, then a CSV
    /// header starting with `Classification 1 URI`.
    fn read_ee_mapping(&mut self, path: &Path) -> Result<usize, TaxonomyError> {
        let text = std::fs::read_to_string(path).map_err(|source| TaxonomyError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        let text = text.trim_start_matches('\u{feff}');
        let mut offset = 0;
        let mut skipped_lines = 0;
        for line in text.split_inclusive('\n') {
            if line.trim_start().starts_with("Classification 1 URI") {
                break;
            }
            offset += line.len();
            skipped_lines += 1;
        }
        let body = text.as_bytes()[offset..].to_vec();
        let mut table =
            Table::from_reader(path, Box::new(std::io::Cursor::new(body)), skipped_lines)?;
        let esco_col = table.column("Classification 1 URI")?;
        let ee_col = table.column("Classification 2 URI")?;
        let label_col = table.column("Classification 2 PrefLabel")?;
        let relation_col = table.column("Mapping relation")?;
        table.for_each(|row| {
            if let Some(&id) = self.occupation_ids.get(row.get(esco_col)) {
                let relation = row.get(relation_col);
                self.data.occupations[id as usize]
                    .ee_mappings
                    .push(EeMapping {
                        uri: row.get(ee_col).to_string(),
                        label_et: row.get(label_col).to_string(),
                        relation: relation
                            .strip_prefix("skos:")
                            .unwrap_or(relation)
                            .to_string(),
                    });
            }
            Ok(())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn isco_codes_are_read_from_codes_and_uris() {
        assert_eq!(isco_code("2654"), Some("2654"));
        assert_eq!(
            isco_code("http://data.europa.eu/esco/isco/C0110"),
            Some("0110")
        );
        assert_eq!(isco_code("C5"), Some("5"));
        assert_eq!(isco_code("2654.1"), None);
        assert_eq!(isco_code(""), None);
    }

    #[test]
    fn esco_labels_split_on_lines() {
        let mut labels = Labels::default();
        set_esco_labels(
            &mut labels,
            "cashier",
            "till operator\r\n\ncheckout clerk\ncashier",
            "casheir",
        );
        assert_eq!(labels.preferred, "cashier");
        assert_eq!(labels.alt, ["till operator", "checkout clerk"]);
        assert_eq!(labels.hidden, ["casheir"]);
    }

    #[test]
    fn types_parse_leniently() {
        assert_eq!(
            parse_skill_type("skill/competence"),
            SkillType::SkillCompetence
        );
        assert_eq!(parse_skill_type(""), SkillType::Unknown);
        assert_eq!(parse_reuse_level("cross-sector"), ReuseLevel::CrossSector);
    }

    #[test]
    fn csv_errors_name_the_line() {
        let data = "a,b\n1,2\n3\n";
        let mut table = Table::from_reader(
            Path::new("x.csv"),
            Box::new(std::io::Cursor::new(data.as_bytes().to_vec())),
            0,
        )
        .unwrap();
        let error = table.for_each(|_| Ok(())).unwrap_err();
        assert_eq!(
            error.to_string(),
            "x.csv, line 3: broken CSV: expected 2 fields, found 1 (unbalanced quotes or a stray comma?)"
        );
        let missing = table.column("c").unwrap_err().to_string();
        assert!(missing.contains("no column \"c\""), "{missing}");
    }
}
