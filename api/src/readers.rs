//! Who reads what the public may not: a draft plan and everything in it. Every signed-in account
//! does (domain.md, "Actors"); `access` applies the rule to callers, the outbox to the owners of
//! the webhooks an event about a draft would reach.
use entity::user;

/// Whether `account`, signed in, reads drafts.
pub fn reads_drafts(account: &user::Model) -> bool {
    account.is_active
}
