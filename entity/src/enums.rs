//! Closed vocabularies of the domain, stored as short strings and spoken as snake_case in JSON.
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Declares a string-valued enum usable as a column, a JSON value and an OpenAPI schema,
/// so the three spellings can never drift apart.
macro_rules! string_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $value:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize, ToSchema)]
        #[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
        // Every value below is its variant in snake_case; utoipa reads this, not per-variant renames.
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            $(#[sea_orm(string_value = $value)] $variant),+
        }
        impl $name {
            /// The wire and storage spelling.
            pub fn as_str(&self) -> &'static str {
                match self { $(Self::$variant => $value),+ }
            }
        }
    };
}

string_enum!(
    /// What a user account may do across the installation.
    Role { Admin = "admin", Coordinator = "coordinator", Member = "member" }
);
string_enum!(
    /// The language a person reads their e-mails in.
    Language { Cs = "cs", En = "en" }
);

impl Default for Language {
    /// The installations are Czech.
    fn default() -> Self {
        Self::Cs
    }
}

string_enum!(
    /// How often a person is told of what they subscribed to: each event at once, a digest a day
    /// or a week, or not at all.
    NotificationFrequency { Immediate = "immediate", Daily = "daily", Weekly = "weekly", Never = "never" }
);

impl Default for NotificationFrequency {
    /// Someone who subscribes wants to hear, so at once until they ask for less.
    fn default() -> Self {
        Self::Immediate
    }
}

string_enum!(
    /// What an e-mail subscription follows.
    SubscriptionTarget { Plan = "plan", WorkingGroup = "working_group", Territory = "territory" }
);
string_enum!(
    /// Steering group or thematic working group.
    GroupKind { Steering = "steering", Thematic = "thematic" }
);
string_enum!(
    /// A member's role inside one working group.
    MemberRole { Leader = "leader", Member = "member" }
);
string_enum!(
    /// How a member takes part in planning (the KPSS triangle plus the public).
    Stakeholder { User = "user", Provider = "provider", Commissioner = "commissioner", Public = "public" }
);
string_enum!(
    /// Where a plan is in its cycle.
    PlanStatus {
        Draft = "draft", Consultation = "consultation", Approved = "approved",
        Implementation = "implementation", Evaluated = "evaluated", Archived = "archived",
    }
);
string_enum!(
    /// Implementation state of a measure.
    MeasureStatus {
        Planned = "planned", InProgress = "in_progress", Completed = "completed",
        Postponed = "postponed", Cancelled = "cancelled",
    }
);
string_enum!(
    /// Whether a meeting took place.
    MeetingStatus { Scheduled = "scheduled", Held = "held", Cancelled = "cancelled" }
);
string_enum!(
    /// Where a meeting happens.
    MeetingFormat { InPerson = "in_person", Online = "online", Hybrid = "hybrid" }
);
string_enum!(
    /// What a comment is attached to.
    TargetType { Plan = "plan", Goal = "goal", Measure = "measure", Meeting = "meeting" }
);
string_enum!(
    /// Moderation state of a comment.
    CommentStatus { Published = "published", Hidden = "hidden" }
);
string_enum!(
    /// How a comment reached the municipality.
    Channel { Web = "web", Email = "email", Paper = "paper", Meeting = "meeting" }
);
string_enum!(
    /// Settlement of a consultation comment (vypořádání).
    Resolution { Accepted = "accepted", PartiallyAccepted = "partially_accepted", Rejected = "rejected", Noted = "noted" }
);
string_enum!(
    /// Who pays for a measure.
    FundingSource { Municipality = "municipality", Region = "region", State = "state", Eu = "eu", Other = "other" }
);
string_enum!(
    /// What an API key may do on its owner's behalf.
    Scope { Read = "read", Write = "write" }
);
string_enum!(
    /// What a territory (území) is: a region (kraj), an ORP (obec s rozšířenou působností), a
    /// municipality (obec), a microregion (mikroregion, a union of municipalities), or another place.
    TerritoryKind { Region = "region", Orp = "orp", Municipality = "municipality", Microregion = "microregion", Other = "other" }
);

string_enum!(
    /// The three groups of social services of Act 108/2006 (§32): counselling (sociální
    /// poradenství), care (služby sociální péče) and prevention (služby sociální prevence).
    ServiceGroup { Counselling = "counselling", Care = "care", Prevention = "prevention" }
);
string_enum!(
    /// What an organization is: a provider of social services, a municipality, the region, a
    /// state body, a non-profit, a church organization, or another.
    OrganizationKind {
        Provider = "provider", Municipality = "municipality", Region = "region", State = "state",
        Ngo = "ngo", Church = "church", Other = "other",
    }
);
string_enum!(
    /// How a social service is provided (§33): residential (pobytová), outpatient (ambulantní) or
    /// in the field (terénní).
    ServiceForm { Residential = "residential", Outpatient = "outpatient", Field = "field" }
);
string_enum!(
    /// What a service's capacity counts, as the register does: clients, beds, contacts (10 minutes),
    /// interventions (30 minutes) or calls.
    CapacityUnit { Clients = "clients", Beds = "beds", Contacts = "contacts", Interventions = "interventions", Calls = "calls" }
);

string_enum!(
    /// Where a need (potřeba) was heard: reported by the public, by service users, by providers or
    /// the commissioner, or found by a survey or an analysis. The public's reports are `public`;
    /// only staff record the others.
    NeedSource {
        Public = "public", User = "user", Provider = "provider", Commissioner = "commissioner",
        Survey = "survey", Analysis = "analysis",
    }
);
string_enum!(
    /// Where a need is in its review: new, in review by a working group, addressed (by measures),
    /// not addressed (the answer says why), or a duplicate of another need (`duplicate_of`).
    NeedStatus { New = "new", InReview = "in_review", Addressed = "addressed", NotAddressed = "not_addressed", Duplicate = "duplicate" }
);
string_enum!(
    /// Where a survey (dotazníkové šetření) is: being built, taking responses, or closed.
    SurveyStatus { Draft = "draft", Open = "open", Closed = "closed" }
);
string_enum!(
    /// What a survey question asks for: one option, several options, a point on a scale, a number,
    /// or a free text.
    QuestionKind { SingleChoice = "single_choice", MultipleChoice = "multiple_choice", Scale = "scale", Number = "number", Text = "text" }
);
string_enum!(
    /// How a survey response came in: on the web, or entered by staff from a paper questionnaire
    /// or an interview.
    ResponseChannel { Web = "web", Paper = "paper", Interview = "interview" }
);

#[cfg(test)]
mod tests {
    use super::*;
    use sea_orm::{ActiveEnum, Iterable};

    /// The JSON spelling, the stored spelling and `as_str` must agree for every value.
    #[test]
    fn spellings_agree() {
        fn check<E: ActiveEnum<Value = String> + Serialize + Iterable>(as_str: impl Fn(&E) -> &'static str) {
            for value in E::iter() {
                let json = serde_json::to_value(&value).unwrap();
                assert_eq!(json.as_str(), Some(as_str(&value)));
                assert_eq!(value.to_value(), as_str(&value));
            }
        }
        check::<Role>(Role::as_str);
        check::<GroupKind>(GroupKind::as_str);
        check::<MemberRole>(MemberRole::as_str);
        check::<Stakeholder>(Stakeholder::as_str);
        check::<PlanStatus>(PlanStatus::as_str);
        check::<MeasureStatus>(MeasureStatus::as_str);
        check::<MeetingStatus>(MeetingStatus::as_str);
        check::<MeetingFormat>(MeetingFormat::as_str);
        check::<TargetType>(TargetType::as_str);
        check::<CommentStatus>(CommentStatus::as_str);
        check::<Channel>(Channel::as_str);
        check::<Resolution>(Resolution::as_str);
        check::<FundingSource>(FundingSource::as_str);
        check::<Scope>(Scope::as_str);
        check::<TerritoryKind>(TerritoryKind::as_str);
        check::<ServiceGroup>(ServiceGroup::as_str);
        check::<OrganizationKind>(OrganizationKind::as_str);
        check::<ServiceForm>(ServiceForm::as_str);
        check::<CapacityUnit>(CapacityUnit::as_str);
        check::<NeedSource>(NeedSource::as_str);
        check::<NeedStatus>(NeedStatus::as_str);
        check::<SurveyStatus>(SurveyStatus::as_str);
        check::<QuestionKind>(QuestionKind::as_str);
        check::<ResponseChannel>(ResponseChannel::as_str);
        check::<ActionPlanStatus>(ActionPlanStatus::as_str);
    }
}
string_enum!(
    /// What `/search` finds: the kinds of the search index's entries.
    SearchKind {
        Plan = "plan",
        Goal = "goal",
        Measure = "measure",
        Service = "service",
        Organization = "organization",
        WorkingGroup = "working_group",
        Meeting = "meeting",
        Need = "need",
    }
);
string_enum!(
    /// Where a yearly action plan (roční akční plán) is: being prepared, or approved by the
    /// steering group (and then frozen).
    ActionPlanStatus { Draft = "draft", Approved = "approved" }
);
