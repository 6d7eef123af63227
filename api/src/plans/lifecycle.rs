//! The plan lifecycle as a rule: which moves exist and what each requires.
use entity::enums::PlanStatus;

use crate::error::{ApiError, ApiResult, ConflictCode};

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
