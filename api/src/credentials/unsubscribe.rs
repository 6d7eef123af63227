//! The tokens of the unsubscribe links (`subscriptions::unsubscribe`): `<subscription id>.<HMAC-SHA256
//! of it under the server's secret>`, made where the e-mails are written (the outbox) and checked
//! where the link is followed; and those of a comment's settlement notice, `comment.<comment
//! id>.<HMAC>`, keyed apart so that neither kind of token can stand for the other.
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use uuid::Uuid;

const SUBSCRIPTION: &[u8] = b"spoluplan unsubscribe ";
const COMMENT: &[u8] = b"spoluplan comment notices ";
const COMMENT_PREFIX: &str = "comment.";

/// Keyed apart from the JWTs signed with the same secret, so neither can stand for the other.
fn mac(secret: &[u8], purpose: &[u8], id: Uuid) -> Hmac<Sha256> {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).expect("HMAC takes a key of any length");
    mac.update(purpose);
    mac.update(id.as_bytes());
    mac
}

fn signed(secret: &[u8], purpose: &[u8], id: Uuid) -> String {
    format!("{id}.{}", URL_SAFE_NO_PAD.encode(mac(secret, purpose, id).finalize().into_bytes()))
}

fn check(secret: &[u8], purpose: &[u8], token: &str) -> Option<Uuid> {
    let (id, signature) = token.split_once('.')?;
    let id = Uuid::parse_str(id).ok()?;
    let signature = URL_SAFE_NO_PAD.decode(signature).ok()?;
    mac(secret, purpose, id).verify_slice(&signature).ok()?;
    Some(id)
}

pub fn token(secret: &[u8], id: Uuid) -> String {
    signed(secret, SUBSCRIPTION, id)
}

/// The subscription a token names, if the server signed it (compared in constant time).
pub fn verify(secret: &[u8], token: &str) -> Option<Uuid> {
    check(secret, SUBSCRIPTION, token)
}

/// The token that ends the settlement notices of one comment.
pub fn comment_token(secret: &[u8], comment: Uuid) -> String {
    format!("{COMMENT_PREFIX}{}", signed(secret, COMMENT, comment))
}

/// The comment a settlement notice's token names, if the server signed it.
pub fn verify_comment(secret: &[u8], token: &str) -> Option<Uuid> {
    check(secret, COMMENT, token.strip_prefix(COMMENT_PREFIX)?)
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

    #[test]
    fn a_comments_token_and_a_subscriptions_do_not_stand_for_each_other() {
        let id = Uuid::now_v7();
        let comment = comment_token(b"secret", id);
        assert_eq!(verify_comment(b"secret", &comment), Some(id));
        assert_eq!(verify_comment(b"another secret", &comment), None);
        assert_eq!(verify(b"secret", &comment), None);
        assert_eq!(verify(b"secret", comment.strip_prefix("comment.").unwrap()), None, "keyed apart, not just prefixed");
        assert_eq!(verify_comment(b"secret", &token(b"secret", id)), None);
        assert_eq!(verify_comment(b"secret", &format!("comment.{}", token(b"secret", id))), None);
    }
}
