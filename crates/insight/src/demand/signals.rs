//! Demand signals: time series of labour-market demand per subject
//! (an ESCO occupation, an ISCO-08 group or an ESCO skill) × region × period,
//! and the documented file formats they come in.
//!
//! Formats (`oppepala import demand`, and the HTTP feeds):
//! - `csv` (long): header `subject,region,period,value,unit,source`; one
//!   observation a line. `subject` is an ESCO occupation or skill URI or
//!   `isco:CODE` (1–4 digits); `region` an ISO 3166-2 code or empty for the
//!   whole country; `period` `YYYY-MM`; `value` ≥ 0. The rows of one series
//!   (same subject, region, unit, source) must cover consecutive months.
//! - `json`: `{"format_version": 1, "series": [{"subject", "region", "unit",
//!   "source", "start": "YYYY-MM", "values": [..]}]}` (or the bare list);
//!   the store file `data/demand/signals.json` is in this format.
//! - `eurostat-panel`: the wide annual Eurostat table (columns `geo,year,
//!   <variable>…`, `NA` for missing) as in ../shared/data/demand; one
//!   variable of one country becomes a yearly series of a subject the caller
//!   names.
//!
//! Validation names the file, line and field of every bad row; the caller
//! decides whether good rows are kept (`lenient`), by default nothing is.
//! This module does file IO only in [`load_store`] and [`save_store`].

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use serde::{Deserialize, Serialize};

use oppepala_core::domain::{OccupationUri, Region, SkillUri};

/// The store's format version.
pub const STORE_FORMAT_VERSION: u32 = 1;

/// A calendar month, counted from year 0 (`year * 12 + month - 1`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth(pub u32);

impl YearMonth {
    /// From a year and a month 1–12.
    pub fn new(year: u32, month: u32) -> Self {
        Self(year * 12 + month - 1)
    }
    /// The year.
    pub fn year(self) -> u32 {
        self.0 / 12
    }
    /// The month, 1–12.
    pub fn month(self) -> u32 {
        self.0 % 12 + 1
    }
    /// The month of a day.
    pub fn of(day: chrono::NaiveDate) -> Self {
        use chrono::Datelike;
        Self::new(day.year().max(0) as u32, day.month())
    }
    /// Months from `earlier` to this month (0 when `earlier` is later).
    pub fn since(self, earlier: YearMonth) -> u32 {
        self.0.saturating_sub(earlier.0)
    }
    /// The month `n` months later.
    pub fn plus(self, n: u32) -> Self {
        Self(self.0 + n)
    }
    /// Parses `YYYY-MM`.
    pub fn parse(text: &str) -> Result<Self, String> {
        let bad = || format!("{text:?} is not a month (expected YYYY-MM, e.g. \"2024-03\")");
        let (year, month) = text.trim().split_once('-').ok_or_else(bad)?;
        if year.len() != 4 || month.len() != 2 {
            return Err(bad());
        }
        let year: u32 = year.parse().map_err(|_| bad())?;
        let month: u32 = month.parse().map_err(|_| bad())?;
        if !(1900..=2200).contains(&year) || !(1..=12).contains(&month) {
            return Err(bad());
        }
        Ok(Self::new(year, month))
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year(), self.month())
    }
}

impl Serialize for YearMonth {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for YearMonth {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Self::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// What a series measures demand for.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Subject {
    /// An ESCO occupation.
    Occupation(OccupationUri),
    /// An ISCO-08 group (1–4 digits).
    Isco(String),
    /// An ESCO skill.
    Skill(SkillUri),
}

impl Subject {
    /// Parses `isco:CODE`, an ESCO occupation URI or an ESCO skill URI.
    pub fn parse(text: &str) -> Result<Self, String> {
        let text = text.trim();
        if let Some(code) = text.strip_prefix("isco:") {
            if (1..=4).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_digit()) {
                return Ok(Self::Isco(code.to_string()));
            }
            return Err(format!(
                "{text:?}: an ISCO-08 code is 1–4 digits (e.g. \"isco:5131\")"
            ));
        }
        if text.starts_with("http://data.europa.eu/esco/occupation/") {
            return OccupationUri::new(text).map(Self::Occupation);
        }
        if text.starts_with("http://data.europa.eu/esco/skill/") {
            return SkillUri::new(text).map(Self::Skill);
        }
        Err(format!(
            "{text:?} is not a subject (expected an ESCO occupation or skill URI, or isco:CODE)"
        ))
    }
}

impl fmt::Display for Subject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Occupation(uri) => f.write_str(uri.as_str()),
            Self::Isco(code) => write!(f, "isco:{code}"),
            Self::Skill(uri) => f.write_str(uri.as_str()),
        }
    }
}

impl Serialize for Subject {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Subject {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Self::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// One series: consecutive periods from `start`, `step_months` apart.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Series {
    /// What is measured.
    pub subject: Subject,
    /// Where; none for the whole country.
    #[serde(default)]
    pub region: Option<Region>,
    /// What a value counts (`postings`, `vacancies`, `forecast-need`, …).
    pub unit: String,
    /// Who published it.
    pub source: String,
    /// The first period.
    pub start: YearMonth,
    /// 1 for monthly series, 3 quarterly, 12 yearly.
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub step_months: u32,
    /// The values, oldest first.
    pub values: Vec<f64>,
}

fn one() -> u32 {
    1
}

fn is_one(n: &u32) -> bool {
    *n == 1
}

/// What identifies a series in the store: a new import replaces the series
/// with the same key.
pub type SeriesKey = (Subject, Option<Region>, String, String);

impl Series {
    /// The key.
    pub fn key(&self) -> SeriesKey {
        (
            self.subject.clone(),
            self.region.clone(),
            self.unit.clone(),
            self.source.clone(),
        )
    }
    /// The last period.
    pub fn last(&self) -> YearMonth {
        self.start
            .plus(self.step_months * (self.values.len().saturating_sub(1)) as u32)
    }
    /// Checks the values and labels; the message names the field.
    pub fn check(&self) -> Result<(), (String, String)> {
        if self.values.is_empty() {
            return Err(("values".into(), "a series needs at least one value".into()));
        }
        if let Some(i) = self.values.iter().position(|v| !v.is_finite() || *v < 0.0) {
            return Err((
                format!("values[{i}]"),
                format!("{} is not a count (expected a number ≥ 0)", self.values[i]),
            ));
        }
        if self.unit.trim().is_empty() || self.unit.len() > 64 {
            return Err(("unit".into(), "expected 1–64 characters".into()));
        }
        if self.source.trim().is_empty() || self.source.len() > 300 {
            return Err(("source".into(), "expected 1–300 characters".into()));
        }
        if ![1, 3, 12].contains(&self.step_months) {
            return Err(("step_months".into(), "expected 1, 3 or 12".into()));
        }
        Ok(())
    }
}

/// One bad row or record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RowError {
    /// The file (or URL) it came from.
    pub file: String,
    /// The line (1-based; for JSON, the series number).
    pub line: usize,
    /// The field.
    pub field: String,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for RowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}: {}: {}",
            self.file, self.line, self.field, self.message
        )
    }
}

/// What went wrong reading or writing signals.
#[derive(Debug, thiserror::Error)]
pub enum SignalsError {
    /// Rows failed validation (every bad row is listed).
    #[error("{} bad row(s):\n{}", .0.len(), .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
    Invalid(Vec<RowError>),
    /// The file is not in the format at all.
    #[error("{file}: {message}")]
    Format {
        /// The file.
        file: String,
        /// What is wrong.
        message: String,
    },
    /// Reading or writing failed.
    #[error("{path}: {source}")]
    Io {
        /// The path.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
}

/// The formats [`parse`] reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub enum Format {
    /// Long CSV: subject,region,period,value,unit,source.
    Csv,
    /// The store's JSON: {"series": [...]}.
    Json,
    /// Eurostat's wide annual panel (geo,year,VARIABLE…).
    EurostatPanel,
}

/// What a Eurostat panel import takes from the table.
#[derive(Clone, Debug)]
pub struct PanelSelection {
    /// The country (`geo`), e.g. `EE`.
    pub geo: String,
    /// The column, e.g. `ict_employed_ths`.
    pub variable: String,
    /// The subject the values are about.
    pub subject: Subject,
    /// The unit to record.
    pub unit: String,
}

/// The result of a parse: the good series and the bad rows.
#[derive(Debug, Default)]
pub struct Parsed {
    /// Series built from good rows.
    pub series: Vec<Series>,
    /// Every bad row.
    pub errors: Vec<RowError>,
}

/// Parses `bytes` (named `file` in messages) in `format`.
pub fn parse(
    bytes: &[u8],
    file: &str,
    format: Format,
    panel: Option<&PanelSelection>,
) -> Result<Parsed, SignalsError> {
    match format {
        Format::Csv => parse_csv(bytes, file),
        Format::Json => parse_json(bytes, file),
        Format::EurostatPanel => {
            let selection = panel.ok_or_else(|| SignalsError::Format {
                file: file.into(),
                message: "a Eurostat panel import needs --geo, --variable and --subject".into(),
            })?;
            parse_panel(bytes, file, selection)
        }
    }
}

/// Parses and refuses the whole input if any row is bad, unless `lenient`.
pub fn parse_strict(
    bytes: &[u8],
    file: &str,
    format: Format,
    panel: Option<&PanelSelection>,
    lenient: bool,
) -> Result<Parsed, SignalsError> {
    let parsed = parse(bytes, file, format, panel)?;
    if !parsed.errors.is_empty() && !lenient {
        return Err(SignalsError::Invalid(parsed.errors));
    }
    if parsed.series.is_empty() && parsed.errors.is_empty() {
        return Err(SignalsError::Format {
            file: file.into(),
            message: "no series in the input".into(),
        });
    }
    Ok(parsed)
}

fn parse_csv(bytes: &[u8], file: &str) -> Result<Parsed, SignalsError> {
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(bytes);
    let headers = reader
        .headers()
        .map_err(|e| SignalsError::Format {
            file: file.into(),
            message: format!("cannot read the header: {e}"),
        })?
        .clone();
    let column = |name: &str| headers.iter().position(|h| h.trim() == name);
    let mut columns = [0usize; 6];
    for (slot, name) in ["subject", "region", "period", "value", "unit", "source"]
        .iter()
        .enumerate()
    {
        columns[slot] = column(name).ok_or_else(|| SignalsError::Format {
            file: file.into(),
            message: format!(
                "line 1: no column {name:?} (expected header subject,region,period,value,unit,source)"
            ),
        })?;
    }
    let mut parsed = Parsed::default();
    // Observations per series key, with their lines.
    let mut rows: BTreeMap<SeriesKey, Vec<(YearMonth, f64, usize)>> = BTreeMap::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line() as usize);
                parsed.errors.push(RowError {
                    file: file.into(),
                    line,
                    field: "row".into(),
                    message: e.to_string(),
                });
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line() as usize);
        let get = |slot: usize| record.get(columns[slot]).unwrap_or("").trim();
        let mut error = |field: &str, message: String| {
            parsed.errors.push(RowError {
                file: file.into(),
                line,
                field: field.into(),
                message,
            })
        };
        let subject = match Subject::parse(get(0)) {
            Ok(s) => s,
            Err(m) => {
                error("subject", m);
                continue;
            }
        };
        let region = match get(1) {
            "" => None,
            r => match Region::new(r) {
                Ok(r) => Some(r),
                Err(m) => {
                    error("region", m);
                    continue;
                }
            },
        };
        let period = match YearMonth::parse(get(2)) {
            Ok(p) => p,
            Err(m) => {
                error("period", m);
                continue;
            }
        };
        let value = match get(3).parse::<f64>() {
            Ok(v) if v.is_finite() && v >= 0.0 => v,
            _ => {
                error(
                    "value",
                    format!("{:?} is not a count (expected a number ≥ 0)", get(3)),
                );
                continue;
            }
        };
        let (unit, source) = (get(4), get(5));
        if unit.is_empty() {
            error("unit", "empty (e.g. \"vacancies\")".into());
            continue;
        }
        if source.is_empty() {
            error("source", "empty (who published the figure)".into());
            continue;
        }
        rows.entry((subject, region, unit.to_string(), source.to_string()))
            .or_default()
            .push((period, value, line));
    }
    for ((subject, region, unit, source), mut obs) in rows {
        obs.sort_by_key(|o| o.0);
        let mut ok = true;
        for pair in obs.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            if b.0 == a.0 {
                parsed.errors.push(RowError {
                    file: file.into(),
                    line: b.2,
                    field: "period".into(),
                    message: format!("{} repeats line {} of the same series", b.0, a.2),
                });
                ok = false;
            } else if b.0.0 != a.0.0 + 1 {
                parsed.errors.push(RowError {
                    file: file.into(),
                    line: b.2,
                    field: "period".into(),
                    message: format!(
                        "months {}…{} are missing from the series of {subject} (a series must cover consecutive months)",
                        a.0.plus(1),
                        YearMonth(b.0.0 - 1)
                    ),
                });
                ok = false;
            }
        }
        if ok {
            let series = Series {
                subject,
                region,
                unit,
                source,
                start: obs[0].0,
                step_months: 1,
                values: obs.iter().map(|o| o.1).collect(),
            };
            // The checks the store's JSON reader makes, so a series
            // imported from CSV is always one the store reads back (a unit
            // over 64 characters was accepted here and refused there).
            match series.check() {
                Ok(()) => parsed.series.push(series),
                Err((field, message)) => parsed.errors.push(RowError {
                    file: file.into(),
                    line: obs[0].2,
                    field,
                    message,
                }),
            }
        }
    }
    Ok(parsed)
}

#[derive(Deserialize)]
#[serde(untagged)]
enum JsonInput {
    Store {
        #[serde(default)]
        format_version: Option<u32>,
        series: Vec<serde_json::Value>,
    },
    List(Vec<serde_json::Value>),
}

fn parse_json(bytes: &[u8], file: &str) -> Result<Parsed, SignalsError> {
    let input: JsonInput = serde_json::from_slice(bytes).map_err(|e| SignalsError::Format {
        file: file.into(),
        message: format!("not demand JSON ({{\"series\": [...]}} or a list of series): {e}"),
    })?;
    let records = match input {
        JsonInput::Store {
            format_version,
            series,
        } => {
            if let Some(v) = format_version
                && v != STORE_FORMAT_VERSION
            {
                return Err(SignalsError::Format {
                    file: file.into(),
                    message: format!(
                        "format_version {v} is not supported (this build reads {STORE_FORMAT_VERSION})"
                    ),
                });
            }
            series
        }
        JsonInput::List(series) => series,
    };
    let mut parsed = Parsed::default();
    for (i, record) in records.into_iter().enumerate() {
        let mut error = |field: String, message: String| {
            parsed.errors.push(RowError {
                file: file.into(),
                line: i + 1,
                field,
                message,
            })
        };
        let series: Series = match serde_path_to_error::deserialize(record) {
            Ok(s) => s,
            Err(e) => {
                let path = e.path().to_string();
                error(format!("series[{i}].{path}"), e.into_inner().to_string());
                continue;
            }
        };
        match series.check() {
            Ok(()) => parsed.series.push(series),
            Err((field, message)) => error(format!("series[{i}].{field}"), message),
        }
    }
    Ok(parsed)
}

fn parse_panel(
    bytes: &[u8],
    file: &str,
    selection: &PanelSelection,
) -> Result<Parsed, SignalsError> {
    let mut reader = csv::ReaderBuilder::new().from_reader(bytes);
    let headers = reader
        .headers()
        .map_err(|e| SignalsError::Format {
            file: file.into(),
            message: format!("cannot read the header: {e}"),
        })?
        .clone();
    let column = |name: &str| {
        headers
            .iter()
            .position(|h| h.trim() == name)
            .ok_or_else(|| SignalsError::Format {
                file: file.into(),
                message: format!(
                    "line 1: no column {name:?} (columns: {})",
                    headers.iter().collect::<Vec<_>>().join(", ")
                ),
            })
    };
    let (geo, year, variable) = (
        column("geo")?,
        column("year")?,
        column(&selection.variable)?,
    );
    let mut parsed = Parsed::default();
    let mut years: Vec<(u32, f64, usize)> = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                parsed.errors.push(RowError {
                    file: file.into(),
                    line: e.position().map_or(0, |p| p.line() as usize),
                    field: "row".into(),
                    message: e.to_string(),
                });
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line() as usize);
        if record.get(geo).map(str::trim) != Some(selection.geo.as_str()) {
            continue;
        }
        let text = record.get(year).unwrap_or("").trim();
        let Ok(y) = text.parse::<u32>() else {
            parsed.errors.push(RowError {
                file: file.into(),
                line,
                field: "year".into(),
                message: format!("{text:?} is not a year"),
            });
            continue;
        };
        let text = record.get(variable).unwrap_or("").trim();
        // Eurostat marks a missing figure NA; it ends or breaks the series.
        if text == "NA" || text.is_empty() {
            continue;
        }
        match text.parse::<f64>() {
            Ok(v) if v.is_finite() && v >= 0.0 => years.push((y, v, line)),
            _ => parsed.errors.push(RowError {
                file: file.into(),
                line,
                field: selection.variable.clone(),
                message: format!("{text:?} is not a number ≥ 0"),
            }),
        }
    }
    years.sort_by_key(|y| y.0);
    // The longest run of consecutive years up to the last one.
    let mut run_start = 0;
    for i in 1..years.len() {
        if years[i].0 != years[i - 1].0 + 1 {
            run_start = i;
        }
    }
    let run = &years[run_start..];
    if let Some(first) = run.first() {
        parsed.series.push(Series {
            subject: selection.subject.clone(),
            region: None,
            unit: selection.unit.clone(),
            source: format!(
                "Eurostat, {} ({}), {}",
                selection.variable, selection.geo, file
            ),
            start: YearMonth::new(first.0, 1),
            step_months: 12,
            values: run.iter().map(|y| y.1).collect(),
        });
    }
    Ok(parsed)
}

/// The stored signals, as written to `data/demand/signals.json`.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Store {
    /// The format version.
    pub format_version: u32,
    /// Every series.
    pub series: Vec<Series>,
}

impl Store {
    /// Adds `series`, replacing any with the same key; returns (added, replaced).
    pub fn merge(&mut self, series: Vec<Series>) -> (usize, usize) {
        let mut index: BTreeMap<SeriesKey, usize> = self
            .series
            .iter()
            .enumerate()
            .map(|(i, s)| (s.key(), i))
            .collect();
        let (mut added, mut replaced) = (0, 0);
        for s in series {
            match index.get(&s.key()) {
                Some(&i) => {
                    self.series[i] = s;
                    replaced += 1;
                }
                None => {
                    index.insert(s.key(), self.series.len());
                    self.series.push(s);
                    added += 1;
                }
            }
        }
        (added, replaced)
    }

    /// The store as JSON, one series a line.
    pub fn to_json(&self) -> Vec<u8> {
        let mut out = format!(
            "{{\"format_version\": {}, \"series\": [\n",
            STORE_FORMAT_VERSION
        );
        for (i, s) in self.series.iter().enumerate() {
            if i > 0 {
                out.push_str(",\n");
            }
            out.push_str(&serde_json::to_string(s).expect("a series serializes"));
        }
        out.push_str("\n]}\n");
        out.into_bytes()
    }
}

/// Reads the store at `path`; an absent file is an empty store.
pub fn load_store(path: &Path) -> Result<Store, SignalsError> {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Ok(Store {
                format_version: STORE_FORMAT_VERSION,
                series: Vec::new(),
            });
        }
        Err(source) => {
            return Err(SignalsError::Io {
                path: path.display().to_string(),
                source,
            });
        }
    };
    let parsed = parse_strict(
        &bytes,
        &path.display().to_string(),
        Format::Json,
        None,
        false,
    )?;
    Ok(Store {
        format_version: STORE_FORMAT_VERSION,
        series: parsed.series,
    })
}

/// Writes `bytes` to `path` whole or not at all (`atomic::write`).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), SignalsError> {
    oppepala_core::atomic::write(path, bytes).map_err(|source| SignalsError::Io {
        path: path.display().to_string(),
        source,
    })
}

/// Writes the store atomically.
pub fn save_store(path: &Path, store: &Store) -> Result<(), SignalsError> {
    write_atomic(path, &store.to_json())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_series_get_the_store_checks_so_they_read_back() {
        let long = "u".repeat(65);
        let csv = format!(
            "subject,region,period,value,unit,source\n\
             isco:5131,EE-37,2024-01,10,{long},EUIF\n\
             isco:5131,EE-37,2024-01,10,vacancies,EUIF\n"
        );
        let parsed = parse(csv.as_bytes(), "v.csv", Format::Csv, None).unwrap();
        assert_eq!(parsed.series.len(), 1);
        assert_eq!(parsed.errors.len(), 1);
        assert_eq!(
            (parsed.errors[0].line, parsed.errors[0].field.as_str()),
            (2, "unit")
        );
        let store = Store {
            format_version: STORE_FORMAT_VERSION,
            series: parsed.series,
        };
        let again = parse_strict(&store.to_json(), "store", Format::Json, None, false).unwrap();
        assert_eq!(again.series.len(), 1);
    }

    #[test]
    fn csv_rows_become_series() {
        let csv = "subject,region,period,value,unit,source\n\
                   isco:5131,EE-37,2024-01,10,vacancies,EUIF\n\
                   isco:5131,EE-37,2024-02,12,vacancies,EUIF\n\
                   isco:5131,,2024-01,40,vacancies,EUIF\n";
        let parsed = parse(csv.as_bytes(), "v.csv", Format::Csv, None).unwrap();
        assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
        assert_eq!(parsed.series.len(), 2);
        let harju = parsed.series.iter().find(|s| s.region.is_some()).unwrap();
        assert_eq!(harju.values, [10.0, 12.0]);
        assert_eq!(harju.start.to_string(), "2024-01");
    }

    #[test]
    fn bad_rows_are_named_by_line_and_field() {
        let csv = "subject,region,period,value,unit,source\n\
                   isco:51x,EE-37,2024-01,10,vacancies,EUIF\n\
                   isco:5131,Harjumaa,2024-01,10,vacancies,EUIF\n\
                   isco:5131,EE-37,2024-13,10,vacancies,EUIF\n\
                   isco:5131,EE-37,2024-01,-3,vacancies,EUIF\n\
                   isco:5131,EE-37,2024-01,3,,EUIF\n\
                   isco:5132,EE-37,2024-01,3,vacancies,EUIF\n\
                   isco:5132,EE-37,2024-03,3,vacancies,EUIF\n";
        let parsed = parse(csv.as_bytes(), "v.csv", Format::Csv, None).unwrap();
        let got: Vec<String> = parsed
            .errors
            .iter()
            .map(|e| format!("{}:{}", e.line, e.field))
            .collect();
        assert_eq!(
            got,
            [
                "2:subject",
                "3:region",
                "4:period",
                "5:value",
                "6:unit",
                "8:period"
            ]
        );
        assert!(
            parsed.errors[5].message.contains("2024-02…2024-02"),
            "{}",
            parsed.errors[5]
        );
        assert!(matches!(
            parse_strict(csv.as_bytes(), "v.csv", Format::Csv, None, false),
            Err(SignalsError::Invalid(e)) if e.len() == 6
        ));
    }

    #[test]
    fn json_round_trips_and_names_fields() {
        let mut store = Store::default();
        store.merge(vec![Series {
            subject: Subject::Isco("513".into()),
            region: Some(Region::new("EE-37").unwrap()),
            unit: "postings".into(),
            source: "test".into(),
            start: YearMonth::new(2020, 1),
            step_months: 1,
            values: vec![1.0, 2.0],
        }]);
        let bytes = store.to_json();
        let parsed = parse(&bytes, "s.json", Format::Json, None).unwrap();
        assert_eq!(parsed.series, store.series);
        let bad = br#"{"series": [{"subject": "isco:513", "unit": "p", "source": "s", "start": "2020-1", "values": [1]},
                                  {"subject": "isco:513", "unit": "p", "source": "s", "start": "2020-01", "values": [1, -1]}]}"#;
        let parsed = parse(bad, "s.json", Format::Json, None).unwrap();
        let got: Vec<String> = parsed
            .errors
            .iter()
            .map(|e| format!("{}:{}", e.line, e.field))
            .collect();
        assert_eq!(got, ["1:series[0].start", "2:series[1].values[1]"]);
    }

    #[test]
    fn merge_replaces_by_key() {
        let series = |v: f64| Series {
            subject: Subject::Isco("5".into()),
            region: None,
            unit: "u".into(),
            source: "s".into(),
            start: YearMonth::new(2020, 1),
            step_months: 1,
            values: vec![v],
        };
        let mut store = Store::default();
        assert_eq!(store.merge(vec![series(1.0)]), (1, 0));
        assert_eq!(store.merge(vec![series(2.0)]), (0, 1));
        assert_eq!(store.series[0].values, [2.0]);
    }
}
