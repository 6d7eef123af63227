//! Password hashing with argon2id, off the async executor, never more at once than cores, and in
//! memory allocated once: each of the `cores` work areas (19 MiB) is reused for every hash. (Letting
//! argon2 allocate per hash grew the server to over 1 GB after 1,000 sign-ins, because the C
//! allocator keeps freed 19 MiB areas in per-thread arenas.)
use std::sync::{Arc, Mutex};

use argon2::{Algorithm, Argon2, Block, Params, Version};
use base64::Engine;
use base64::engine::general_purpose::STANDARD_NO_PAD as B64;
use rand::RngCore;
use tokio::sync::Semaphore;
use zxcvbn::Score;

use crate::error::{ApiError, ApiResult, FieldError, FieldErrorCode, too_long};

pub const MIN_LENGTH: usize = 12;
pub const MAX_LENGTH: usize = 256;

/// OWASP's recommendation for argon2id: 19 MiB, 2 iterations, 1 lane.
const MEMORY_KIB: u32 = 19 * 1024;
const ITERATIONS: u32 = 2;
const LANES: u32 = 1;
const SALT_LEN: usize = 16;
const OUTPUT_LEN: usize = 32;

/// A hasher whose concurrency is capped by a semaphore: a flood of sign-ins queues here
/// (cheaply, as futures) instead of running a hash per request. The cap and the work areas are
/// per process; each instance bounds its own memory.
#[derive(Clone)]
pub struct PasswordHasher {
    permits: Arc<Semaphore>,
    areas: Arc<Mutex<Vec<Vec<Block>>>>,
}

impl Default for PasswordHasher {
    fn default() -> Self {
        let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2);
        Self { permits: Arc::new(Semaphore::new(cores)), areas: Arc::new(Mutex::new(Vec::new())) }
    }
}

/// The parts of a PHC string `$argon2id$v=19$m=…,t=…,p=…$salt$hash`.
struct Phc {
    params: Params,
    salt: Vec<u8>,
    hash: Vec<u8>,
}

fn params(memory: u32, iterations: u32, lanes: u32) -> Option<Params> {
    Params::new(memory, iterations, lanes, Some(OUTPUT_LEN)).ok()
}

fn encode(salt: &[u8], hash: &[u8]) -> String {
    format!("$argon2id$v=19$m={MEMORY_KIB},t={ITERATIONS},p={LANES}${}${}", B64.encode(salt), B64.encode(hash))
}

fn decode(phc: &str) -> Option<Phc> {
    let mut parts = phc.split('$');
    let (_, algorithm, version, settings, salt, hash) =
        (parts.next()?, parts.next()?, parts.next()?, parts.next()?, parts.next()?, parts.next()?);
    if algorithm != "argon2id" || version != "v=19" || parts.next().is_some() {
        return None;
    }
    let (mut m, mut t, mut p) = (None, None, None);
    for setting in settings.split(',') {
        let (name, value) = setting.split_once('=')?;
        let value = value.parse().ok()?;
        match name {
            "m" => m = Some(value),
            "t" => t = Some(value),
            "p" => p = Some(value),
            _ => return None,
        }
    }
    let hash = B64.decode(hash).ok()?;
    (hash.len() == OUTPUT_LEN).then_some(())?;
    Some(Phc { params: params(m?, t?, p?)?, salt: B64.decode(salt).ok()?, hash })
}

/// Runs argon2id into `out` in `area`, growing the area only for an unusually large stored cost.
fn compute(params: Params, password: &[u8], salt: &[u8], area: &mut Vec<Block>) -> Option<[u8; OUTPUT_LEN]> {
    if area.len() < params.block_count() {
        area.resize(params.block_count(), Block::default());
    }
    let mut out = [0u8; OUTPUT_LEN];
    let blocks = params.block_count();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password_into_with_memory(password, salt, &mut out, &mut area[..blocks])
        .ok()?;
    Some(out)
}

/// Equal without revealing where two hashes differ.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

impl PasswordHasher {
    async fn run<T: Send + 'static>(&self, work: impl FnOnce(&mut Vec<Block>) -> T + Send + 'static) -> ApiResult<T> {
        let _permit = self.permits.acquire().await.map_err(|_| ApiError::Internal)?;
        let area = self.areas.lock().unwrap_or_else(|e| e.into_inner()).pop();
        let (result, area) = tokio::task::spawn_blocking(move || {
            let mut area = area.unwrap_or_default();
            let result = work(&mut area);
            (result, area)
        })
        .await
        .map_err(|_| ApiError::Internal)?;
        self.areas.lock().unwrap_or_else(|e| e.into_inner()).push(area);
        Ok(result)
    }

    pub async fn hash(&self, password: String) -> ApiResult<String> {
        let mut salt = [0u8; SALT_LEN];
        rand::rng().fill_bytes(&mut salt);
        let params = params(MEMORY_KIB, ITERATIONS, LANES).ok_or(ApiError::Internal)?;
        let hash = self.run(move |area| compute(params, password.as_bytes(), &salt, area)).await?;
        hash.map(|h| encode(&salt, &h)).ok_or(ApiError::Internal)
    }

    /// Verifies against `hash`; without one (no such account) it spends the same work on a
    /// throwaway hash, so an unknown e-mail costs the same time as a wrong password.
    pub async fn verify(&self, password: String, hash: Option<String>) -> ApiResult<bool> {
        self.run(move |area| {
            let stored = hash.as_deref().and_then(decode);
            let (params, salt) = match &stored {
                Some(phc) => (phc.params.clone(), phc.salt.clone()),
                None => (params(MEMORY_KIB, ITERATIONS, LANES).expect("valid argon2 params"), vec![0u8; SALT_LEN]),
            };
            let computed = compute(params, password.as_bytes(), &salt, area);
            matches!((stored, computed), (Some(phc), Some(out)) if same(&phc.hash, &out))
        })
        .await
    }
}

/// The lowest zxcvbn score taken: 3 of 0–4, "safely unguessable" against an online attack that
/// is throttled, as ours is (zxcvbn's own advice for this threshold).
const MIN_SCORE: Score = Score::Three;

/// 12 to 256 characters (NIST SP 800-63B), and not easy to guess (also NIST: no dictionary words,
/// repetitions, sequences or context-specific words): zxcvbn estimates how many guesses it takes,
/// counting the words of `person` (the account's e-mail and name) as the first ones an attacker tries.
pub fn check_policy(field: &str, password: &str, person: &[&str]) -> Result<(), FieldError> {
    let length = password.chars().count();
    if length < MIN_LENGTH {
        let message = format!("must be at least {MIN_LENGTH} characters");
        return Err(FieldError::new(field, FieldErrorCode::TooShort, message).with_min(MIN_LENGTH as i64));
    }
    if length > MAX_LENGTH {
        return Err(too_long(field, MAX_LENGTH));
    }
    let words = personal_words(person);
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    let estimate = zxcvbn::zxcvbn(password, &words);
    if estimate.score() < MIN_SCORE {
        let hint = estimate.feedback().and_then(|f| f.warning()).map(|w| format!(" ({w})")).unwrap_or_default();
        let message = format!("is too easy to guess{hint}; use a longer phrase of unrelated words, not your e-mail or name");
        return Err(FieldError::new(field, FieldErrorCode::WeakPassword, message));
    }
    Ok(())
}

/// The e-mail and name whole, before the `@`, run together and in their parts
/// (`jana.novakova@obec.cz` gives `jana.novakova`, `jananovakova`, `jana`, `novakova`, `obec`),
/// lower-cased, since people build passwords from any of them. zxcvbn ranks earlier words as
/// likelier, so the whole ones come first.
fn personal_words(person: &[&str]) -> Vec<String> {
    let mut words = Vec::new();
    for text in person {
        let text = text.trim().to_lowercase();
        let local = text.split('@').next().unwrap_or_default().to_string();
        let joined: String = local.chars().filter(|c| c.is_alphanumeric()).collect();
        let parts: Vec<String> = text.split(|c: char| !c.is_alphanumeric()).filter(|w| w.chars().count() >= 3).map(str::to_owned).collect();
        words.extend([text, local, joined]);
        words.extend(parts);
    }
    let mut seen = std::collections::HashSet::new();
    words.retain(|w| !w.is_empty() && seen.insert(w.clone()));
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refusal(password: &str, person: &[&str]) -> Option<FieldErrorCode> {
        check_policy("password", password, person).err().map(|e| e.code)
    }

    #[test]
    fn weak_and_personal_passwords_are_refused() {
        let jana = ["jana.novakova@obec.cz", "Jana Nováková"];
        for weak in ["aaaaaaaaaaaa", "passwordpassword", "123456789012", "qwertyuiopasdf", "heslo1234567"] {
            assert_eq!(refusal(weak, &[]), Some(FieldErrorCode::WeakPassword), "{weak}");
        }
        for personal in ["jana.novakova1", "jananovakova2026", "JanaNovakova12", "Nováková2026!", "jana.novakova@obec.cz"] {
            assert_eq!(refusal(personal, &jana), Some(FieldErrorCode::WeakPassword), "{personal}");
        }
        assert_eq!(refusal("krátké", &jana), Some(FieldErrorCode::TooShort));
        assert_eq!(refusal(&"x".repeat(257), &jana), Some(FieldErrorCode::TooLong));
        for strong in ["dlouhé heslo na jaře 2026", "kobyla má malý bok a zelený vůz"] {
            assert_eq!(refusal(strong, &jana), None, "{strong}");
        }
    }

    #[tokio::test]
    async fn hashes_verify_and_read_as_standard_phc() {
        let hasher = PasswordHasher::default();
        let hash = hasher.hash("správné heslo 123".into()).await.unwrap();
        assert!(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(hasher.verify("správné heslo 123".into(), Some(hash.clone())).await.unwrap());
        assert!(!hasher.verify("špatné heslo 1234".into(), Some(hash.clone())).await.unwrap());
        assert!(!hasher.verify("správné heslo 123".into(), None).await.unwrap());
        assert!(!hasher.verify("x".into(), Some("not a hash".into())).await.unwrap());
        // The argon2 crate's own verifier agrees, so hashes stay portable.
        use argon2::{PasswordHash, PasswordVerifier};
        let parsed = PasswordHash::new(&hash).unwrap();
        assert!(Argon2::default().verify_password("správné heslo 123".as_bytes(), &parsed).is_ok());
        // Work areas are reused, not piled up.
        for _ in 0..5 {
            hasher.hash("další heslo 12345".into()).await.unwrap();
        }
        assert!(hasher.areas.lock().unwrap().len() <= 2);
    }
}
