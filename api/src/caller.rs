//! Who is calling (anonymous, a signed-in user, an API key) and the one permission table.
use std::net::IpAddr;

use actix_web::http::Method;
use actix_web::{FromRequest, HttpRequest, dev::Payload, web};
use entity::enums::{MemberRole, PlanStatus, Role, Scope};
use entity::{api_key, plan, refresh_token, user, working_group, working_group_member};
use futures_util::future::LocalBoxFuture;
use sea_orm::sea_query::{Expr, ExprTrait, Query, SelectStatement};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QuerySelect};
use uuid::Uuid;

use crate::clock;
use crate::credentials::tokens::{API_KEY_PREFIX, secret_hash};
use crate::error::{ApiError, ApiResult};
use crate::reach::{self, Reach};
use crate::state::AppState;

/// How an authenticated caller proved who they are.
#[derive(Debug, Clone)]
pub enum Via {
    /// An access token from a sign-in session (the refresh-token family).
    Session(Uuid),
    ApiKey {
        id: Uuid,
        scopes: Vec<Scope>,
    },
}

#[derive(Debug, Clone)]
pub struct Principal {
    pub user: user::Model,
    pub via: Via,
    /// Working groups this user leads.
    pub leads: Vec<Uuid>,
    /// Where the user's coordinator powers reach (loaded for coordinators only; admins and members
    /// are not narrowed by territory, so theirs is `Installation` unread).
    pub reach: Reach,
}

/// Every handler takes a `Caller`; anonymous is a caller too.
#[derive(Debug, Clone)]
pub struct Caller {
    pub principal: Option<Principal>,
    pub address: Option<IpAddr>,
    /// The `spoluplan` command acting, when it is one rather than a request: whoever runs the
    /// server's commands holds every power already, so it has no principal, and the audit trail
    /// names the command instead of "anonymous".
    pub command: Option<&'static str>,
}

/// Where the resource an action touches lies, for coordinators narrowed to territories.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// Not known yet: a create before its body names the territory. Any coordinator passes; the
    /// service asks again with `At` once it knows, before it writes.
    Pending,
    /// In this territory, or in none (`At(None)`: only coordinators of the whole installation
    /// and admins reach it).
    At(Option<Uuid>),
}

/// What a caller wants to do; `authorize` is the table of who may (domain.md, "Actors"). Staff
/// actions name the `Place` they touch: a coordinator with territories assigned may do them only
/// within those territories and the ones below them (domain.md, "territory coordinator").
#[derive(Debug, Clone, Copy)]
pub enum Action {
    /// Create, edit, delete plans and move them through their lifecycle.
    ManagePlans(Place),
    /// Create, edit, delete a goal or measure owned by `group` in a plan in `plan_status`, placed
    /// where the plan is. Leaders may do so only while the plan is a draft or in consultation.
    EditPlanContent {
        group: Option<Uuid>,
        plan_status: PlanStatus,
        place: Place,
    },
    /// Create, edit, delete working groups.
    ManageGroups(Place),
    /// Manage one group's members and meetings (the group's leaders, and coordinators where the group is).
    ManageGroup {
        group: Uuid,
        place: Place,
    },
    /// Read and manage user accounts (only admins touch admins; see `users`). Needs a session:
    /// an API key never reads or manages accounts, whatever its scopes. Accounts belong to the
    /// installation (a member may sit in groups of several territories), so this is not placed.
    ManageUsers,
    /// Hide or restore comments, settle them, enter comments received on paper, placed where the
    /// comment's plan (or its meeting's group) is.
    ModerateComments(Place),
    ReadAudit,
    /// Create, edit, delete organizations and target groups: the installation's shared catalogue
    /// (a provider serves many territories), so any coordinator's.
    ManageNetwork,
    /// Create, edit, delete a service, placed in each territory it serves (every one of them must
    /// be within reach; one that serves none is the whole installation's).
    ManageServices(Place),
    /// Import the national register of providers: it writes organizations and services across
    /// the whole installation at once, so admins only.
    ImportRegister,
    /// Correct or delete a need, and record where it came from, placed in the need's territory.
    ManageNeeds(Place),
    /// Review a need: its status, public answer, working group and the measures that answer it
    /// (coordinators where it lies, and leaders of the working group it is assigned to).
    ReviewNeed {
        group: Option<Uuid>,
        place: Place,
    },
    /// Create, edit, open, close and delete a survey, read its responses and its results before
    /// they are public, and enter paper or interview responses, placed in the survey's territory.
    ManageSurveys(Place),
    /// Create, read, edit and delete webhooks: coordinators their own, admins every one (the
    /// service narrows the rows). API keys may: a webhook is an integration's, as a key is, and it
    /// is told only what its owner may read.
    ManageWebhooks,
    /// Manage one's own API keys, profile and password (a session, not a key).
    SelfService,
}

impl Caller {
    pub fn anonymous() -> Self {
        Self { principal: None, address: None, command: None }
    }

    /// The command line's `spoluplan <command>` (e.g. "import rpss"), for the audit trail.
    pub fn command_line(command: &'static str) -> Self {
        Self { principal: None, address: None, command: Some(command) }
    }

    pub fn user(&self) -> Option<&user::Model> {
        self.principal.as_ref().map(|p| &p.user)
    }

    pub fn user_id(&self) -> Option<Uuid> {
        self.user().map(|u| u.id)
    }

    pub fn role(&self) -> Option<Role> {
        self.user().map(|u| u.role)
    }

    pub fn is_signed_in(&self) -> bool {
        self.principal.is_some()
    }

    pub fn is_staff(&self) -> bool {
        matches!(self.role(), Some(Role::Coordinator | Role::Admin))
    }

    pub fn is_admin(&self) -> bool {
        self.role() == Some(Role::Admin)
    }

    pub fn leads(&self, group: Uuid) -> bool {
        self.principal.as_ref().is_some_and(|p| p.leads.contains(&group))
    }

    /// Whether the caller is staff whose powers reach `place`: admins everywhere, coordinators
    /// within their reach. The one territorial rule, used by `authorize` and by the services'
    /// finer staff decisions (tidying comments entered on paper, say).
    pub fn coordinates(&self, place: Place) -> bool {
        match (self.role(), place) {
            (Some(Role::Admin), _) => true,
            (Some(Role::Coordinator), Place::Pending) => true,
            (Some(Role::Coordinator), Place::At(territory)) => self.principal.as_ref().is_some_and(|p| p.reach.includes(territory)),
            _ => false,
        }
    }

    /// Where this caller's coordinator powers reach (`Installation` for admins and for anyone
    /// who is not a coordinator: ask `coordinates` whether they are staff at all).
    pub fn reach(&self) -> Reach {
        self.principal.as_ref().map(|p| p.reach.clone()).unwrap_or(Reach::Installation)
    }

    /// The principal, or 401.
    pub fn signed_in(&self) -> ApiResult<&Principal> {
        self.principal.as_ref().ok_or_else(|| ApiError::Unauthorized("sign in first".into()))
    }

    /// A short description for the audit trail and lifecycle history.
    pub fn label(&self) -> String {
        match &self.principal {
            None => self.command.map_or_else(|| "anonymous".into(), |command| format!("command line (spoluplan {command})")),
            Some(Principal { user, via: Via::ApiKey { id, .. }, .. }) => format!("{} (API key {id})", user.email),
            Some(Principal { user, .. }) => user.email.clone(),
        }
    }

    pub fn display_name(&self) -> String {
        self.user().map(|u| u.display_name.clone()).unwrap_or_else(|| "anonymous".into())
    }

    /// The address that abuse limits count under: an IPv6 client by its /64 network, since one
    /// subscriber usually holds a whole /64 and could otherwise take a fresh address per request.
    pub fn address_key(&self) -> String {
        match self.address {
            Some(IpAddr::V6(v6)) => match v6.to_ipv4_mapped() {
                Some(v4) => v4.to_string(),
                None => {
                    let s = v6.segments();
                    format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
                }
            },
            Some(v4) => v4.to_string(),
            None => "unknown".into(),
        }
    }
}

/// The permission table. 401 when the action needs a signed-in caller and there is none,
/// 403 when the caller is known but not allowed.
pub fn authorize(caller: &Caller, action: Action) -> ApiResult<()> {
    let principal = caller.signed_in()?;
    // A leaked integration key must not become an account: keys never touch accounts or keys.
    if matches!(principal.via, Via::ApiKey { .. }) && matches!(action, Action::ManageUsers | Action::SelfService) {
        return Err(ApiError::Forbidden("API keys cannot read or manage accounts or API keys; sign in".into()));
    }
    let allowed = match action {
        Action::ManageUsers | Action::ReadAudit => caller.is_staff(),
        Action::ManagePlans(place)
        | Action::ManageGroups(place)
        | Action::ModerateComments(place)
        | Action::ManageServices(place)
        | Action::ManageNeeds(place)
        | Action::ManageSurveys(place) => caller.coordinates(place),
        Action::ReviewNeed { group, place } => caller.coordinates(place) || group.is_some_and(|g| caller.leads(g)),
        Action::EditPlanContent { group, plan_status, place } => {
            caller.coordinates(place) || (group.is_some_and(|g| caller.leads(g)) && !crate::lifecycle::is_frozen(plan_status))
        }
        Action::ManageGroup { group, place } => caller.coordinates(place) || caller.leads(group),
        Action::ManageNetwork | Action::ManageWebhooks => caller.is_staff(),
        Action::ImportRegister => caller.is_admin(),
        Action::SelfService => true,
    };
    if allowed {
        return Ok(());
    }
    // A coordinator refused for a place: say it is the territory, not the role.
    if caller.role() == Some(Role::Coordinator)
        && let Some(Place::At(territory)) = action.place()
    {
        return Err(ApiError::Forbidden(match territory {
            Some(_) => "this lies outside the territories you coordinate".into(),
            None => "this belongs to no territory; only coordinators of the whole installation and admins may change it \
                     (or place it in a territory first)"
                .into(),
        }));
    }
    Err(ApiError::Forbidden(match action {
        Action::EditPlanContent { .. } => "only coordinators, and leaders of the owning working group while the plan is a draft \
             or in consultation, may change this"
            .into(),
        Action::ManageGroup { .. } => "only coordinators and leaders of this working group may do this".into(),
        Action::ImportRegister => "only admins may import the national register".into(),
        Action::ReviewNeed { .. } => {
            "only coordinators of the need's territory and leaders of the working group it is assigned to may review it".into()
        }
        _ => "your role does not allow this".into(),
    }))
}

impl Action {
    /// Creating, editing or deleting a goal or measure owned by `group` in `plan`.
    pub fn edit_content(group: Option<Uuid>, plan: &plan::Model) -> Self {
        Self::EditPlanContent { group, plan_status: plan.status, place: Place::At(plan.territory_id) }
    }

    /// Managing the members and meetings of `group`.
    pub fn manage_group(group: &working_group::Model) -> Self {
        Self::ManageGroup { group: group.id, place: Place::At(group.territory_id) }
    }

    /// The place a staff action touches, when it has one.
    fn place(self) -> Option<Place> {
        match self {
            Self::ManagePlans(place)
            | Self::ManageGroups(place)
            | Self::ModerateComments(place)
            | Self::ManageServices(place)
            | Self::ManageNeeds(place)
            | Self::ManageSurveys(place) => Some(place),
            Self::EditPlanContent { place, .. } | Self::ManageGroup { place, .. } | Self::ReviewNeed { place, .. } => Some(place),
            Self::ManageUsers | Self::ReadAudit | Self::ManageNetwork | Self::ImportRegister | Self::ManageWebhooks | Self::SelfService => {
                None
            }
        }
    }
}

impl FromRequest for Caller {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let state = req.app_data::<web::Data<AppState>>().cloned();
        let header = req.headers().get(actix_web::http::header::AUTHORIZATION).map(|v| v.to_str().map(str::to_owned));
        let method = req.method().clone();
        let address = client_address(req, state.as_ref().is_some_and(|s| s.config.trust_forwarded_for));
        Box::pin(async move {
            let state = state.ok_or(ApiError::Internal)?;
            let principal = match header {
                None => None,
                Some(Err(_)) => return Err(ApiError::Unauthorized("malformed Authorization header".into())),
                Some(Ok(value)) => {
                    let token = value
                        .strip_prefix("Bearer ")
                        .map(str::trim)
                        .filter(|t| !t.is_empty())
                        .ok_or_else(|| ApiError::Unauthorized("use Authorization: Bearer <token or API key>".into()))?;
                    Some(authenticate(&state, token, &method).await?)
                }
            };
            // Signed-in writes have a bound of their own (anonymous ones are limited per address
            // where they are allowed at all): per account, so its sessions and keys count together.
            if let Some(principal) = &principal
                && !matches!(method, Method::GET | Method::HEAD)
            {
                let limits = state.config.limits;
                let key = format!("writes:account:{}", principal.user.id);
                state.limiter.acquire(&[(&key, limits.writes_per_account)], limits.write_window)?;
            }
            Ok(Caller { principal, address, command: None })
        })
    }
}

pub fn client_address(req: &HttpRequest, trust_forwarded_for: bool) -> Option<IpAddr> {
    // The trusted proxy appends the address it saw as the last entry; earlier ones are the client's word.
    let forwarded = trust_forwarded_for
        .then(|| req.headers().get("x-forwarded-for")?.to_str().ok()?.rsplit(',').next().map(str::trim))
        .flatten()
        .and_then(|last| last.parse::<IpAddr>().ok());
    forwarded.or_else(|| req.peer_addr().map(|a| a.ip()))
}

async fn authenticate(state: &AppState, token: &str, method: &Method) -> ApiResult<Principal> {
    let (user_id, via) = if token.starts_with(API_KEY_PREFIX) {
        let key = api_key::Entity::find()
            .filter(api_key::Column::KeyHash.eq(secret_hash(token)))
            .filter(api_key::Column::RevokedAt.is_null())
            .one(&state.db)
            .await?
            .filter(|k| k.expires_at.is_none_or(|at| at > clock::now()))
            .ok_or_else(|| ApiError::Unauthorized("the API key is invalid, revoked or expired".into()))?;
        let needed = if matches!(*method, Method::GET | Method::HEAD) { Scope::Read } else { Scope::Write };
        if !key.scopes.0.contains(&needed) {
            return Err(ApiError::Forbidden(format!("the API key lacks the '{}' scope", needed.as_str())));
        }
        // Written at most once a minute per key, so a busy integration does not turn reads into writes.
        if key.last_used_at.is_none_or(|at| clock::now() - at > chrono::Duration::minutes(1)) {
            let mut active: api_key::ActiveModel = key.clone().into();
            active.last_used_at = Set(Some(clock::now()));
            active.update(&state.db).await?;
        }
        (key.user_id, Via::ApiKey { id: key.id, scopes: key.scopes.0 })
    } else {
        let claims = state.jwt.verify(token)?;
        (claims.sub, Via::Session(claims.sid))
    };
    let mut select = user::Entity::find_by_id(user_id).filter(user::Column::IsActive.eq(true));
    if let Via::Session(sid) = &via {
        // In the query that loads the account: the session must be the account's own and live. A
        // signed-out session (or one ended by a password change) stops at once, not at expiry, and a
        // token signed for a session that never existed, or for someone else's, is no session at all.
        select = select
            .filter(Expr::exists(session_tokens(*sid, user_id, false)))
            .filter(Expr::exists(session_tokens(*sid, user_id, true)).not());
    }
    let user = select.one(&state.db).await?.ok_or_else(|| {
        ApiError::Unauthorized(match &via {
            Via::Session(_) => "the session has ended, or the account is deactivated; sign in again".into(),
            Via::ApiKey { .. } => "the account does not exist or is deactivated".into(),
        })
    })?;
    let leads = working_group_member::Entity::find()
        .select_only()
        .column(working_group_member::Column::WorkingGroupId)
        .filter(working_group_member::Column::UserId.eq(user.id))
        .filter(working_group_member::Column::Role.eq(MemberRole::Leader))
        .into_tuple::<Uuid>()
        .all(&state.db)
        .await?;
    let reach = if user.role == Role::Coordinator { reach::coordinated(&state.db, user.id).await? } else { Reach::Installation };
    Ok(Principal { user, via, leads, reach })
}

/// `SELECT 1` from the refresh tokens of session `sid` of `user_id`: the live ones, or the revoked
/// ones (a session's tokens are revoked together; one revoked is enough to end it).
fn session_tokens(sid: Uuid, user_id: Uuid, revoked: bool) -> SelectStatement {
    let mut query = Query::select();
    query
        .expr(Expr::val(1))
        .from(refresh_token::Entity)
        .and_where(Expr::col((refresh_token::Entity, refresh_token::Column::FamilyId)).eq(sid))
        .and_where(Expr::col((refresh_token::Entity, refresh_token::Column::UserId)).eq(user_id));
    let revoked_at = Expr::col((refresh_token::Entity, refresh_token::Column::RevokedAt));
    query.and_where(if revoked { revoked_at.is_not_null() } else { revoked_at.is_null() });
    query.take()
}
