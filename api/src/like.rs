//! The `q` filter of lists: a part of a text, in any case, found anywhere in it. PostgreSQL
//! lower-cases every letter; SQLite's `lower` only ASCII ones, so there "Č" and "č" still differ.
use sea_orm::sea_query::{Condition, Expr, ExprTrait, Func, LikeExpr};

/// Rows where any of `columns` contains `q`; `None` (no filter) when `q` is absent or blank.
pub fn containing<const N: usize>(q: Option<&str>, columns: [Expr; N]) -> Option<Condition> {
    let q = q.map(str::trim).filter(|q| !q.is_empty())?;
    let escaped = q.to_lowercase().replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
    let any = columns.into_iter().fold(Condition::any(), |any, column| {
        any.add(Expr::expr(Func::lower(column)).like(LikeExpr::new(format!("%{escaped}%")).escape('\\')))
    });
    Some(any)
}
