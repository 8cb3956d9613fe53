//! Who may write? Write operations need `Authorization: Bearer <key>`.
//! Keys are configured as SHA-256 hashes (never in clear) and compared in
//! constant time, so neither the config nor timing gives a key away.

use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use super::AppState;
use super::error::ApiError;

/// Proof that the request carried an allowed API key.
#[derive(Debug, Clone, Copy)]
pub struct WriteKey;

/// The SHA-256 of `key`, in hex, as configured in `api_key_sha256`.
pub fn hash_key(key: &str) -> String {
    hex::encode(Sha256::digest(key.as_bytes()))
}

/// Whether `key` hashes to one of `allowed` (hex), in time independent of
/// which one matches or how much of it does.
pub fn key_allowed(key: &str, allowed: &[String]) -> bool {
    let digest = Sha256::digest(key.as_bytes());
    let mut found = subtle::Choice::from(0);
    for hash in allowed {
        let Ok(bytes) = hex::decode(hash) else {
            continue;
        };
        if bytes.len() == digest.len() {
            found |= bytes.as_slice().ct_eq(digest.as_slice());
        }
    }
    found.into()
}

/// The token of an `Authorization: Bearer <token>` header; the scheme is
/// case-insensitive (RFC 9110 §11.1).
pub fn bearer_token(headers: &axum::http::HeaderMap) -> Option<&str> {
    headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, key)| key.trim())
        .filter(|k| !k.is_empty())
}

impl FromRequestParts<AppState> for WriteKey {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let key = bearer_token(&parts.headers).ok_or(ApiError::Unauthorized)?;
        if key_allowed(key, &state.config.api_key_sha256) {
            Ok(WriteKey)
        } else {
            Err(ApiError::Forbidden)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_match_by_hash_only() {
        let allowed = vec![hash_key("s3cret"), hash_key("other")];
        assert!(key_allowed("s3cret", &allowed));
        assert!(key_allowed("other", &allowed));
        assert!(!key_allowed("s3cre", &allowed));
        assert!(!key_allowed("s3cret", &[]));
        // The FIPS 180-2 test vector, so the configured hashes are plain SHA-256.
        assert_eq!(
            hash_key("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
