//! The tokens of the unsubscribe links (`subscriptions::unsubscribe`): `<subscription id>.<HMAC-SHA256
//! of it under the server's secret>`, made where the e-mails are written (the outbox) and checked
//! where the link is followed.
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use uuid::Uuid;

/// Keyed apart from the JWTs signed with the same secret, so neither can stand for the other.
fn mac(secret: &[u8], id: Uuid) -> Hmac<Sha256> {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).expect("HMAC takes a key of any length");
    mac.update(b"spoluplan unsubscribe ");
    mac.update(id.as_bytes());
    mac
}

pub fn token(secret: &[u8], id: Uuid) -> String {
    format!("{id}.{}", URL_SAFE_NO_PAD.encode(mac(secret, id).finalize().into_bytes()))
}

/// The subscription a token names, if the server signed it (compared in constant time).
pub fn verify(secret: &[u8], token: &str) -> Option<Uuid> {
    let (id, signature) = token.split_once('.')?;
    let id = Uuid::parse_str(id).ok()?;
    let signature = URL_SAFE_NO_PAD.decode(signature).ok()?;
    mac(secret, id).verify_slice(&signature).ok()?;
    Some(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_servers_own_tokens_name_a_subscription() {
        let id = Uuid::now_v7();
        let good = token(b"secret", id);
        assert_eq!(verify(b"secret", &good), Some(id));
        assert_eq!(verify(b"another secret", &good), None);
        let other = Uuid::now_v7();
        let (_, signature) = good.split_once('.').unwrap();
        assert_eq!(verify(b"secret", &format!("{other}.{signature}")), None, "a signature is its id's only");
        for bad in ["", ".", "x.y", &id.to_string(), &format!("{id}.")] {
            assert_eq!(verify(b"secret", bad), None, "{bad:?}");
        }
    }
}
