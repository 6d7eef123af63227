//! The settlement notice: when a comment is settled, its author is e-mailed the resolution, its
//! justification and the change it brought. An account's author at the account's address and in its
//! language (unless they hear nothing, `never`); a named author (anonymous, or entered on someone's
//! behalf) only when they left an address and agreed. Each notice carries a one-click link
//! (RFC 8058) that ends the notices of that comment, with no sign-in (`subscriptions::unsubscribe`).
use entity::enums::{Language, NotificationFrequency, Resolution};
use entity::{comment, plan, user};
use sea_orm::{ConnectionTrait, EntityTrait};

use crate::config::Config;
use crate::credentials::unsubscribe::comment_token;
use crate::error::ApiResult;
use crate::labels;
use crate::outbox::email::{Block, Email};
use crate::outbox::{self, Message};

/// Who is told, at which address, how greeted and in which language.
struct Recipient {
    email: String,
    name: String,
    language: Language,
}

async fn recipient<D: ConnectionTrait>(db: &D, c: &comment::Model) -> ApiResult<Option<Recipient>> {
    if !c.notify_on_resolution {
        return Ok(None);
    }
    let Some(author) = c.author_id else {
        return Ok(c.author_email.clone().map(|email| Recipient { email, name: c.author_name.clone(), language: Language::Cs }));
    };
    let account = user::Entity::find_by_id(author).one(db).await?;
    Ok(account.filter(|u| u.is_active && u.notification_frequency != NotificationFrequency::Never).map(|u| Recipient {
        email: u.email,
        name: u.display_name,
        language: u.language,
    }))
}

/// Writes the notice of `settled` into the outbox, in the settlement's transaction.
pub async fn enqueue<D: ConnectionTrait>(db: &D, config: &Config, settled: &comment::Model, plan: &plan::Model) -> ApiResult<()> {
    let Some(to) = recipient(db, settled).await? else { return Ok(()) };
    outbox::enqueue(db, Message::Email(email(config, &to, settled, plan))).await?;
    Ok(())
}

fn resolution_en(resolution: Option<Resolution>) -> &'static str {
    match resolution {
        Some(Resolution::Accepted) => "accepted",
        Some(Resolution::PartiallyAccepted) => "partly accepted",
        Some(Resolution::Rejected) => "rejected",
        Some(Resolution::Noted) => "noted",
        None => "not settled",
    }
}

fn email(config: &Config, to: &Recipient, c: &comment::Model, plan: &plan::Model) -> Email {
    let token = comment_token(&config.jwt_secret, c.id);
    let page = format!("{}/unsubscribe/comment?token={token}", config.public_url);
    let plan_url = format!("{}/plans/{}", config.public_url, plan.id);
    let title = &plan.title;
    let cs = to.language == Language::Cs;
    let (subject, greeting, settled, yours, label, footer, stop) = if cs {
        (
            format!("Spoluplán: vypořádání vaší připomínky k plánu „{title}“"),
            format!("Dobrý den, {},", to.name),
            format!("vaše připomínka k plánu „{title}“ byla vypořádána: {}.", labels::resolution_cs(c.resolution)),
            format!("Vaše připomínka:\n{}", c.body),
            "Zobrazit plán ve Spoluplánu",
            "Tento e-mail dostáváte, protože jste u připomínky chtěli dostat její vypořádání.",
            "Nezasílat další zprávy o této připomínce",
        )
    } else {
        (
            format!("Spoluplán: your comment on the plan “{title}” was settled"),
            format!("Hello {},", to.name),
            format!("your comment on the plan “{title}” was settled: {}.", resolution_en(c.resolution)),
            format!("Your comment:\n{}", c.body),
            "See the plan in Spoluplán",
            "You receive this e-mail because you asked to hear how your comment was settled.",
            "Send me nothing more about this comment",
        )
    };
    let note = c.resolution_note.as_deref().map(|n| if cs { format!("Odůvodnění:\n{n}") } else { format!("Justification:\n{n}") });
    let change =
        c.resolution_change.as_deref().map(|n| if cs { format!("Změna v plánu:\n{n}") } else { format!("Change to the plan:\n{n}") });
    let mut blocks = vec![Block::Text(&greeting), Block::Text(&settled)];
    blocks.extend(note.iter().chain(change.iter()).map(|t| Block::Text(t)));
    blocks.extend([
        Block::Text(&yours),
        Block::Link { label, url: &plan_url },
        Block::Text(footer),
        Block::Link { label: stop, url: &page },
    ]);
    let mut email = Email::new(&to.email, to.language, &subject, &blocks);
    email.unsubscribe = Some(format!("{}/api/v1/unsubscribe/comment?token={token}", config.public_url));
    email
}
