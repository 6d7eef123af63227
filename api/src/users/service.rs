//! Account rules: who may manage whom, deactivation instead of deletion, own profile and
//! password, and the first admin.
use entity::enums::{Language, Role};
use entity::user;
use sea_orm::{
    ActiveModelTrait,
    ActiveValue::{NotSet, Set},
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, IntoActiveModel, QueryFilter,
};
use serde_json::json;
use uuid::Uuid;

use super::dto::{MePatch, PasswordChange, UserCreate, UserFilters, UserPage, UserPatch};
use super::email_change;
use crate::api_keys;
use crate::audit::{self, service::changes_of};
use crate::auth::dto::{Me, User};
use crate::auth::invitation;
use crate::auth::service::{attempt_succeeded, me_of, reserve_attempt, revoke_sessions};
use crate::caller::{Action, Caller, Via, authorize};
use crate::clock;
use crate::config::Config;
use crate::credentials::passwords::{self, PasswordHasher};
use crate::credentials::tokens::random_secret;
use crate::domain::Email;
use crate::error::{ApiError, ApiResult, FieldErrorCode, Validate, Validator};
use crate::http::IfMatch;
use crate::pagination::{self, PageParams, Sort};
use crate::reach::Reach;
use crate::search;
use crate::state::AppState;
use crate::store::{given, update_versioned};

/// Function level (coordinators and admins) plus the admin rule: only admins touch admin
/// accounts or hand out the admin role. A coordinator narrowed to territories manages member
/// accounts only: a coordinator they made would coordinate the whole installation (none
/// assigned), a way out of their own territories.
fn ensure_may_manage(caller: &Caller, target_role: Role, new_role: Option<Role>) -> ApiResult<()> {
    authorize(caller, Action::ManageUsers)?;
    if !caller.is_admin() && (target_role == Role::Admin || new_role == Some(Role::Admin)) {
        return Err(ApiError::Forbidden("only an admin may manage admin accounts or give the admin role".into()));
    }
    let staff_account = target_role != Role::Member || new_role.is_some_and(|r| r != Role::Member);
    if staff_account && caller.role() == Some(Role::Coordinator) && caller.reach() != Reach::Installation {
        return Err(ApiError::Forbidden(
            "a coordinator of some territories manages member accounts only; an admin makes and manages coordinators".into(),
        ));
    }
    Ok(())
}

pub(super) async fn ensure_email_free<D: ConnectionTrait>(db: &D, email: &str, except: Option<Uuid>) -> ApiResult<()> {
    let mut select = user::Entity::find().filter(user::Column::Email.eq(email));
    if let Some(id) = except {
        select = select.filter(user::Column::Id.ne(id));
    }
    if select.one(db).await?.is_some() {
        return Err(ApiError::duplicate("email", "an account with this e-mail already exists"));
    }
    Ok(())
}

async fn find<D: ConnectionTrait>(db: &D, id: Uuid) -> ApiResult<user::Model> {
    user::Entity::find_by_id(id).one(db).await?.ok_or(ApiError::NotFound)
}

/// Anyone signed in reads their own account; coordinators and admins read every account
/// (through a session: API keys read only `/me`).
pub async fn get(state: &AppState, caller: &Caller, id: Uuid) -> ApiResult<User> {
    authorize(caller, if caller.user_id() == Some(id) { Action::SelfService } else { Action::ManageUsers })?;
    Ok(User::from_model(find(&state.db, id).await?))
}

pub async fn list(state: &AppState, caller: &Caller, filters: UserFilters, page: &PageParams) -> ApiResult<UserPage> {
    authorize(caller, Action::ManageUsers)?;
    let mut select = user::Entity::find();
    if let Some(role) = filters.role {
        select = select.filter(user::Column::Role.eq(role));
    }
    if let Some(active) = filters.is_active {
        select = select.filter(user::Column::IsActive.eq(active));
    }
    if let Some(q) = search::service::words_in(user::Column::SearchTerms, filters.q.as_deref()) {
        select = select.filter(q);
    }
    let sort = Sort { key: None, id: user::Column::Id, descending: false };
    let (rows, next_cursor) = pagination::fetch(&state.db, select, sort, page, |u| (None, u.id)).await?;
    Ok(UserPage { items: rows.into_iter().map(User::from_model).collect(), next_cursor })
}

pub async fn create(state: &AppState, caller: &Caller, body: UserCreate) -> ApiResult<User> {
    ensure_may_manage(caller, body.role, Some(body.role))?;
    let mut v = Validator::new();
    body.validate(&mut v);
    v.finish()?;
    let email = Email::normalize(&body.email);
    ensure_email_free(&state.db, &email, None).await?;
    // Someone invited has a password nobody knows until they set theirs through the invitation.
    let password = body.password.clone().unwrap_or_else(random_secret);
    let password_hash = state.passwords.hash(password).await?;
    let txn = crate::db::begin(&state.db).await?;
    let user = insert(&txn, email, body.display_name.trim(), body.role, body.is_active.unwrap_or(true), password_hash).await?;
    if body.password.is_none() {
        invitation::invite(&txn, &state.config, caller, &user).await?;
    }
    audit::record(&txn, caller, "create", "user", Some(user.id), changes_of(&body)).await?;
    txn.commit().await?;
    state.outbox.wake();
    Ok(User::from_model(user))
}

async fn insert<D: ConnectionTrait>(
    db: &D,
    email: String,
    display_name: &str,
    role: Role,
    is_active: bool,
    password_hash: String,
) -> ApiResult<user::Model> {
    let now = clock::now();
    Ok(user::ActiveModel {
        id: Set(Uuid::now_v7()),
        email: Set(email),
        display_name: Set(display_name.to_string()),
        role: Set(role),
        is_active: Set(is_active),
        password_hash: Set(password_hash),
        language: Set(Language::default()),
        notification_frequency: Set(Default::default()),
        // Made of the name and e-mail as the row is saved.
        search_terms: NotSet,
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
    }
    .insert(db)
    .await?)
}

pub async fn update(state: &AppState, caller: &Caller, id: Uuid, if_match: IfMatch, patch: UserPatch) -> ApiResult<User> {
    authorize(caller, Action::ManageUsers)?;
    let current = find(&state.db, id).await?;
    ensure_may_manage(caller, current.role, patch.role)?;
    let is_self = caller.user_id() == Some(id);
    if is_self && patch.role.is_some_and(|r| r != current.role) {
        return Err(ApiError::Forbidden("nobody changes their own role".into()));
    }
    if is_self && patch.is_active == Some(false) {
        return Err(ApiError::Forbidden("nobody deactivates their own account".into()));
    }
    // Setting a fellow coordinator's e-mail or password would be taking over their account, and so
    // would demoting them first and setting it then: only an admin changes a staff account's role,
    // e-mail or password, so no order of requests gets a coordinator into another's account.
    if !is_self && !caller.is_admin() && current.role != Role::Member {
        if patch.role.is_some_and(|r| r != current.role) {
            return Err(ApiError::Forbidden("only an admin may change the role of a staff account".into()));
        }
        if patch.email.is_some() || patch.password.is_some() {
            return Err(ApiError::Forbidden("only an admin may change the e-mail or password of another staff account".into()));
        }
    }
    let email = patch.email.as_deref().map(Email::normalize);
    let mut v = Validator::new();
    patch.validate(&mut v);
    if let Some(password) = &patch.password {
        let mut person = vec![current.email.as_str(), current.display_name.as_str()];
        person.extend(email.as_deref());
        person.extend(patch.display_name.as_deref());
        v.field(passwords::check_policy("password", password, &person));
    }
    v.finish()?;
    let password_hash = match &patch.password {
        Some(password) => Some(state.passwords.hash(password.clone()).await?),
        None => None,
    };
    let txn = crate::db::begin(&state.db).await?;
    let current = find(&txn, id).await?;
    if_match.check(current.version)?;
    if let Some(email) = &email {
        ensure_email_free(&txn, email, Some(id)).await?;
    }
    // One event, named after the most consequential change; `changes` lists all of them.
    let action = if patch.role.is_some_and(|r| r != current.role) {
        "role_change"
    } else if patch.is_active == Some(false) && current.is_active {
        "deactivate"
    } else if patch.is_active == Some(true) && !current.is_active {
        "reactivate"
    } else if patch.password.is_some() {
        "password_reset"
    } else {
        "update"
    };
    let ends_sessions = patch.password.is_some() || patch.is_active == Some(false);
    let version = current.version;
    let mut active = current.into_active_model();
    given(&mut active.email, email);
    given(&mut active.display_name, patch.display_name.as_ref().map(|n| n.trim().to_string()));
    given(&mut active.role, patch.role);
    given(&mut active.is_active, patch.is_active);
    given(&mut active.password_hash, password_hash);
    let user = update_versioned(&txn, active, id, version).await?;
    if ends_sessions {
        revoke_sessions(&txn, id, None).await?;
    }
    if patch.is_active == Some(false) {
        api_keys::service::revoke_all(&txn, id).await?;
    }
    audit::record(&txn, caller, action, "user", Some(id), changes_of(&patch)).await?;
    txn.commit().await?;
    Ok(User::from_model(user))
}

/// Deactivation keeps the account and its history; its sessions end at once.
pub async fn deactivate(state: &AppState, caller: &Caller, id: Uuid, if_match: IfMatch) -> ApiResult<()> {
    authorize(caller, Action::ManageUsers)?;
    let txn = crate::db::begin(&state.db).await?;
    let current = find(&txn, id).await?;
    ensure_may_manage(caller, current.role, None)?;
    if caller.user_id() == Some(id) {
        return Err(ApiError::Forbidden("nobody deactivates their own account".into()));
    }
    if_match.check(current.version)?;
    if !current.is_active {
        return Ok(());
    }
    let version = current.version;
    let mut active = current.into_active_model();
    active.is_active = Set(false);
    update_versioned(&txn, active, id, version).await?;
    revoke_sessions(&txn, id, None).await?;
    api_keys::service::revoke_all(&txn, id).await?;
    audit::record(&txn, caller, "deactivate", "user", Some(id), changes_of(&json!({"is_active": false}))).await?;
    txn.commit().await?;
    Ok(())
}

/// The caller's own account.
pub async fn me(state: &AppState, caller: &Caller) -> ApiResult<Me> {
    let id = caller.signed_in()?.user.id;
    me_of(&state.db, find(&state.db, id).await?).await
}

pub async fn update_me(state: &AppState, caller: &Caller, if_match: IfMatch, patch: MePatch) -> ApiResult<Me> {
    authorize(caller, Action::SelfService)?;
    let me = &caller.signed_in()?.user;
    let id = me.id;
    let mut v = Validator::new();
    patch.validate(&mut v);
    v.finish()?;
    // A new e-mail waits for the link sent to it (see `email_change`); the same address is no change.
    let new_email = patch.email.as_deref().map(Email::normalize).filter(|e| *e != me.email);
    if new_email.is_some() {
        email_change::reserve(state, id)?;
    }
    let txn = crate::db::begin(&state.db).await?;
    let current = find(&txn, id).await?;
    if_match.check(current.version)?;
    let version = current.version;
    let mut active = current.into_active_model();
    given(&mut active.display_name, patch.display_name.as_ref().map(|n| n.trim().to_string()));
    given(&mut active.language, patch.language);
    given(&mut active.notification_frequency, patch.notification_frequency);
    let user = update_versioned(&txn, active, id, version).await?;
    let mut changes = changes_of(&patch);
    changes.0.remove("email");
    audit::record(&txn, caller, "update", "user", Some(id), changes).await?;
    let queued = match &new_email {
        Some(email) => email_change::request(&txn, state, caller, &user, email).await?,
        None => false,
    };
    let me = me_of(&txn, user).await?;
    txn.commit().await?;
    if queued {
        state.outbox.wake();
    }
    Ok(me)
}

/// A wrong current password is a 422 on `current_password` and counts as a failed sign-in,
/// so a stolen access token cannot be used to guess the password at leisure.
pub async fn change_password(state: &AppState, caller: &Caller, body: PasswordChange) -> ApiResult<()> {
    authorize(caller, Action::SelfService)?;
    let principal = caller.signed_in()?;
    let user = principal.user.clone();
    let session = match principal.via {
        Via::Session(sid) => Some(sid),
        Via::ApiKey { .. } => None,
    };
    let mut v = Validator::new();
    v.field(passwords::check_policy("new_password", &body.new_password, &[&user.email, &user.display_name]));
    v.finish()?;
    reserve_attempt(state, caller, &user.email)?;
    if !state.passwords.verify(body.current_password.clone(), Some(user.password_hash.clone())).await? {
        return Err(ApiError::invalid("current_password", FieldErrorCode::Incorrect, "is not your current password"));
    }
    attempt_succeeded(state, caller, &user.email);
    let hash = state.passwords.hash(body.new_password.clone()).await?;
    let txn = crate::db::begin(&state.db).await?;
    let current = find(&txn, user.id).await?;
    let version = current.version;
    let mut active = current.into_active_model();
    active.password_hash = Set(hash);
    update_versioned(&txn, active, user.id, version).await?;
    revoke_sessions(&txn, user.id, session).await?;
    audit::record(&txn, caller, "password_change", "user", Some(user.id), changes_of(&body)).await?;
    txn.commit().await?;
    Ok(())
}

/// Creates an admin with this e-mail unless an account has it; answers the new account.
/// For start-up and the command line (`actor`, for the audit trail), so problems come back as
/// readable text.
pub async fn create_admin(
    db: &DatabaseConnection,
    actor: &Caller,
    passwords: &PasswordHasher,
    email: &str,
    display_name: &str,
    password: &str,
) -> anyhow::Result<Option<user::Model>> {
    let body = UserCreate {
        email: email.to_string(),
        display_name: display_name.to_string(),
        role: Role::Admin,
        password: Some(password.to_string()),
        is_active: None,
    };
    let mut v = Validator::new();
    body.validate(&mut v);
    v.finish().map_err(|e| match e {
        ApiError::Validation(errors) => {
            anyhow::anyhow!(errors.iter().map(|e| format!("{} {}", e.field, e.message)).collect::<Vec<_>>().join("; "))
        }
        other => anyhow::anyhow!("{other}"),
    })?;
    let email = Email::normalize(email);
    if user::Entity::find().filter(user::Column::Email.eq(&email)).one(db).await?.is_some() {
        return Ok(None);
    }
    let hash = passwords.hash(password.to_string()).await?;
    let txn = crate::db::begin(db).await?;
    let user = insert(&txn, email.clone(), display_name.trim(), Role::Admin, true, hash).await?;
    let changes = changes_of(&json!({"email": email, "role": Role::Admin, "source": "bootstrap"}));
    audit::record(&txn, actor, "create", "user", Some(user.id), changes).await?;
    txn.commit().await?;
    Ok(Some(user))
}

/// `SPOLUPLAN_ADMIN_EMAIL` and `SPOLUPLAN_ADMIN_PASSWORD`: the first admin, made at start-up.
pub async fn bootstrap_admin(db: &DatabaseConnection, config: &Config, passwords: &PasswordHasher) -> anyhow::Result<()> {
    let (Some(email), Some(password)) = (&config.admin_email, &config.admin_password) else {
        return Ok(());
    };
    let actor = Caller::command_line("serve (SPOLUPLAN_ADMIN_EMAIL)");
    let created = create_admin(db, &actor, passwords, email, "Administrator", password)
        .await
        .map_err(|e| anyhow::anyhow!("SPOLUPLAN_ADMIN_EMAIL / SPOLUPLAN_ADMIN_PASSWORD: {e}"))?;
    if let Some(user) = created {
        tracing::info!(email = %user.email, "admin account created");
    }
    Ok(())
}
