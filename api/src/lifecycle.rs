//! The plan lifecycle as a rule: which moves exist, when the consultation is open, and what may
//! still change in each status.
use chrono::NaiveDate;
use entity::enums::PlanStatus;
use entity::plan;

use crate::clock;
use crate::domain::Text;
use crate::error::{ApiError, ApiResult, ConflictCode, FieldErrorCode, Validator};

/// The moves domain.md allows; everything else is refused with 409.
pub fn allowed_moves(from: PlanStatus) -> &'static [PlanStatus] {
    use PlanStatus::*;
    match from {
        Draft => &[Consultation],
        Consultation => &[Draft, Approved],
        Approved => &[Implementation],
        Implementation => &[Evaluated],
        Evaluated => &[Archived],
        Archived => &[],
    }
}

pub fn check_move(from: PlanStatus, to: PlanStatus) -> ApiResult<()> {
    let allowed = allowed_moves(from);
    if allowed.contains(&to) {
        return Ok(());
    }
    let options = if allowed.is_empty() {
        "none; an archived plan is final".to_string()
    } else {
        allowed.iter().map(PlanStatus::as_str).collect::<Vec<_>>().join(", ")
    };
    Err(ApiError::Conflict(
        ConflictCode::Lifecycle,
        format!("a plan cannot move from {} to {}; allowed from {}: {options}", from.as_str(), to.as_str(), from.as_str()),
    ))
}

/// Open for comments: in consultation and before its deadline.
pub fn is_consultation_open(plan: &plan::Model) -> bool {
    plan.status == PlanStatus::Consultation && plan.consultation_closes_at.is_some_and(|at| at > clock::now())
}

/// Texts of a plan and its goals and measures are frozen from approval on.
pub fn is_frozen(status: PlanStatus) -> bool {
    !matches!(status, PlanStatus::Draft | PlanStatus::Consultation)
}

/// 409 once the plan is frozen.
pub fn ensure_editable(status: PlanStatus) -> ApiResult<()> {
    if is_frozen(status) {
        return Err(ApiError::Conflict(
            ConflictCode::Frozen,
            format!(
                "the plan is {}; its texts, goals and measures are frozen from approval on \
             (only a measure's implementation state may change)",
                status.as_str()
            ),
        ));
    }
    Ok(())
}

/// 409 once the plan is archived: then not even a measure's implementation state changes.
pub fn ensure_not_archived(status: PlanStatus) -> ApiResult<()> {
    if status == PlanStatus::Archived {
        return Err(ApiError::Conflict(ConflictCode::Archived, "the plan is archived; nothing in it changes any more".into()));
    }
    Ok(())
}

/// The approving resolution (required, at most 300 characters) and its day (required, not in
/// the future): what a plan's approval needs, and a yearly action plan's.
pub fn approval(v: &mut Validator, resolution: Option<&str>, on: Option<NaiveDate>) -> (Option<String>, Option<NaiveDate>) {
    let resolution = match resolution.map(str::trim) {
        Some(r) if !r.is_empty() && r.chars().count() <= 300 => Some(r.to_string()),
        Some(r) if !r.is_empty() => {
            v.field(Text::<300>::parse("approval_resolution", r));
            None
        }
        _ => {
            v.required("approval_resolution", "for approval (e.g. \"usnesení ZM č. 1234/ZM2226/22\")");
            None
        }
    };
    let on = match on {
        Some(date) if date <= clock::today() => {
            v.date("approved_on", Some(date));
            Some(date)
        }
        Some(_) => {
            v.error("approved_on", FieldErrorCode::MustNotBeFuture, "must not be in the future");
            None
        }
        None => {
            v.required("approved_on", "for approval");
            None
        }
    };
    (resolution, on)
}

#[cfg(test)]
mod tests {
    use super::*;
    use sea_orm::Iterable;

    #[test]
    fn only_the_documented_moves_are_allowed() {
        use PlanStatus::*;
        let allowed = [
            (Draft, Consultation),
            (Consultation, Draft),
            (Consultation, Approved),
            (Approved, Implementation),
            (Implementation, Evaluated),
            (Evaluated, Archived),
        ];
        for from in PlanStatus::iter() {
            for to in PlanStatus::iter() {
                assert_eq!(check_move(from, to).is_ok(), allowed.contains(&(from, to)), "{from:?} -> {to:?}");
            }
        }
    }
}
