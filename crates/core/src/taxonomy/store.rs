//! Where does the taxonomy live between runs? The compact file
//! `data/taxonomy.bin`: a header (magic bytes, format version, payload
//! length, SHA-256 of the payload) followed by the postcard-encoded data.
//!
//! It exists so that the service loads ESCO in well under a second instead
//! of parsing 40 MB of CSV. It must never write a file in place: a save goes
//! to a temporary file in the same folder, is synced, then renamed, so a
//! reader sees the old file or the new one, never half of one. It must never
//! do network IO.

use std::path::Path;

use sha2::{Digest, Sha256};

use super::{Taxonomy, TaxonomyData, TaxonomyError};

/// The first bytes of every taxonomy file.
pub const MAGIC: [u8; 8] = *b"OPPTAXO\0";
/// The payload layout version; bump it when `TaxonomyData` changes.
pub const FORMAT_VERSION: u32 = 1;
const HEADER_LEN: usize = 8 + 4 + 8 + 32;

/// Encodes a taxonomy into the file format (header + payload).
pub fn to_bytes(taxonomy: &Taxonomy) -> Vec<u8> {
    let payload = postcard::to_stdvec(&taxonomy.data).expect("taxonomy data always serializes");
    let mut out = Vec::with_capacity(HEADER_LEN + payload.len());
    out.extend_from_slice(&MAGIC);
    out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    out.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    out.extend_from_slice(&Sha256::digest(&payload));
    out.extend_from_slice(&payload);
    out
}

/// Decodes the file format; `path` is only used in error messages.
pub fn from_bytes(bytes: &[u8], path: &Path) -> Result<Taxonomy, TaxonomyError> {
    let corrupt = |message: String| TaxonomyError::Corrupt {
        path: path.to_path_buf(),
        message,
    };
    if bytes.len() < MAGIC.len() || bytes[..MAGIC.len()] != MAGIC {
        return Err(TaxonomyError::BadMagic {
            path: path.to_path_buf(),
        });
    }
    if bytes.len() < HEADER_LEN {
        return Err(corrupt(format!(
            "header truncated at {} bytes",
            bytes.len()
        )));
    }
    let version = u32::from_le_bytes(bytes[8..12].try_into().expect("4 bytes"));
    if version != FORMAT_VERSION {
        return Err(TaxonomyError::UnsupportedVersion {
            path: path.to_path_buf(),
            found: version,
            expected: FORMAT_VERSION,
        });
    }
    let length = u64::from_le_bytes(bytes[12..20].try_into().expect("8 bytes"));
    let payload = &bytes[HEADER_LEN..];
    if payload.len() as u64 != length {
        return Err(corrupt(format!(
            "payload is {} bytes, header says {length}",
            payload.len()
        )));
    }
    if Sha256::digest(payload).as_slice() != &bytes[20..52] {
        return Err(corrupt(
            "SHA-256 of the payload does not match the header".into(),
        ));
    }
    let data: TaxonomyData = postcard::from_bytes(payload)
        .map_err(|e| corrupt(format!("cannot decode payload: {e}")))?;
    Taxonomy::from_data(data).map_err(|e| match e {
        TaxonomyError::Corrupt { message, .. } => corrupt(message),
        other => other,
    })
}

/// Reads and checks a taxonomy file.
pub fn load(path: &Path) -> Result<Taxonomy, TaxonomyError> {
    let bytes = std::fs::read(path).map_err(|source| TaxonomyError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    from_bytes(&bytes, path)
}

/// Writes `taxonomy` to `path` whole or not at all (`atomic::write`),
/// readable by all. Creates the folder if needed.
pub fn save(taxonomy: &Taxonomy, path: &Path) -> Result<(), TaxonomyError> {
    let write_error = |source: std::io::Error| TaxonomyError::Write {
        path: path.to_path_buf(),
        source,
    };
    crate::atomic::write(path, &to_bytes(taxonomy)).map_err(write_error)
}

impl Taxonomy {
    /// Loads `data/taxonomy.bin` (or another file written by
    /// `oppepala import esco`).
    pub fn load(path: impl AsRef<Path>) -> Result<Taxonomy, TaxonomyError> {
        load(path.as_ref())
    }

    /// Writes the taxonomy to `path` atomically.
    pub fn save(&self, path: impl AsRef<Path>) -> Result<(), TaxonomyError> {
        save(self, path.as_ref())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{ReuseLevel, SkillType};
    use crate::taxonomy::{Concept, ConceptKind, Labels};

    fn sample() -> Taxonomy {
        let data = TaxonomyData {
            languages: vec!["en".into()],
            concepts: vec![Concept {
                uri: "http://x/a".into(),
                kind: ConceptKind::Skill,
                skill_type: SkillType::Knowledge,
                reuse_level: ReuseLevel::Transversal,
                code: String::new(),
                labels: vec![(
                    0,
                    Labels {
                        preferred: "a".into(),
                        alt: vec!["aa".into()],
                        hidden: vec![],
                    },
                )],
                descriptions: vec![(0, "about a".into())],
                broader: vec![],
                related: vec![],
            }],
            ..TaxonomyData::default()
        };
        Taxonomy::from_data(data).unwrap()
    }

    #[test]
    fn round_trip() {
        let bytes = to_bytes(&sample());
        let back = from_bytes(&bytes, Path::new("t.bin")).unwrap();
        let skill = back.skill("http://x/a").unwrap();
        assert_eq!(skill.labels("en").unwrap().alt, ["aa"]);
        assert_eq!(skill.description("et"), Some("about a"));
        assert_eq!(skill.skill_type(), SkillType::Knowledge);
    }

    #[test]
    fn damage_is_detected() {
        let bytes = to_bytes(&sample());
        let mut flipped = bytes.clone();
        let last = flipped.len() - 1;
        flipped[last] ^= 1;
        assert!(matches!(
            from_bytes(&flipped, Path::new("t.bin")),
            Err(TaxonomyError::Corrupt { .. })
        ));
        assert!(matches!(
            from_bytes(&bytes[..bytes.len() - 1], Path::new("t.bin")),
            Err(TaxonomyError::Corrupt { .. })
        ));
        assert!(matches!(
            from_bytes(b"hello", Path::new("t.bin")),
            Err(TaxonomyError::BadMagic { .. })
        ));
        let mut version = bytes;
        version[8] = 99;
        assert!(matches!(
            from_bytes(&version, Path::new("t.bin")),
            Err(TaxonomyError::UnsupportedVersion { found: 99, .. })
        ));
    }
}
