//! How is a model kept? One file per model under `models/`: postcard of an
//! envelope holding a magic string, the model kind, the format version, the
//! SHA-256 of the training data, metrics, and the payload with its own
//! SHA-256, written through a synced temporary file and a rename.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

const MAGIC: &str = "oppepala-model";

/// What a model file says about itself.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ModelHeader {
    /// `skill_space` or `ranker`.
    pub kind: String,
    /// The payload's format version; a reader refuses other versions.
    pub format_version: u32,
    /// SHA-256 (hex) of the training data, so a model can be traced to its data.
    pub training_sha256: String,
    /// Quality figures measured at training time.
    pub metrics: BTreeMap<String, f64>,
}

impl ModelHeader {
    /// A short version string: `format-N-data-<12 hex>`.
    pub fn version(&self) -> String {
        format!(
            "format-{}-data-{}",
            self.format_version,
            self.training_sha256.get(..12).unwrap_or("")
        )
    }
}

#[derive(Serialize, Deserialize)]
struct Envelope {
    magic: String,
    header: ModelHeader,
    payload_sha256: String,
    payload: Vec<u8>,
}

/// What can go wrong with a model file.
#[derive(Debug, thiserror::Error)]
pub enum ModelFileError {
    /// Reading or writing failed.
    #[error("model file {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The file is not a model file, is damaged, or has another kind or version.
    #[error("model file {path}: {message}")]
    Invalid {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
}

/// SHA-256 (hex) of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// Writes `payload` with `header` to `path` atomically.
pub fn write<T: Serialize>(
    path: &Path,
    header: ModelHeader,
    payload: &T,
) -> Result<(), ModelFileError> {
    let payload = postcard::to_allocvec(payload).expect("a model serializes");
    let envelope = Envelope {
        magic: MAGIC.into(),
        header,
        payload_sha256: sha256_hex(&payload),
        payload,
    };
    let bytes = postcard::to_allocvec(&envelope).expect("an envelope serializes");
    // Model files are shipped and read by the service user: not private
    // (`atomic::write` makes them readable by all).
    oppepala_core::atomic::write(path, &bytes).map_err(|source| ModelFileError::Io {
        path: path.to_path_buf(),
        source,
    })
}

/// Reads a model of `kind` and `format_version` from `path`.
pub fn read<T: DeserializeOwned>(
    path: &Path,
    kind: &str,
    format_version: u32,
) -> Result<(ModelHeader, T), ModelFileError> {
    let bytes = std::fs::read(path).map_err(|source| ModelFileError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let invalid = |message: String| ModelFileError::Invalid {
        path: path.to_path_buf(),
        message,
    };
    let envelope: Envelope =
        postcard::from_bytes(&bytes).map_err(|e| invalid(format!("not a model file ({e})")))?;
    if envelope.magic != MAGIC {
        return Err(invalid("not a model file".into()));
    }
    if envelope.header.kind != kind {
        return Err(invalid(format!(
            "holds a {} model, expected {kind}",
            envelope.header.kind
        )));
    }
    if envelope.header.format_version != format_version {
        return Err(invalid(format!(
            "format version {}, this build reads {format_version}; run `oppepala train`",
            envelope.header.format_version
        )));
    }
    if sha256_hex(&envelope.payload) != envelope.payload_sha256 {
        return Err(invalid("damaged (SHA-256 mismatch)".into()));
    }
    let model = postcard::from_bytes(&envelope.payload)
        .map_err(|e| invalid(format!("damaged payload ({e})")))?;
    Ok((envelope.header, model))
}
