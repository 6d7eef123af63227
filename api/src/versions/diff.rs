//! What changed between two snapshots of a plan: goals and measures added, removed and changed
//! (matched by id), each changed field with its value before and after, texts also word by word.
//! Works on the rows' JSON objects, so snapshots taken before a column existed compare too (the
//! missing field counts as null).
use std::collections::HashMap;

use entity::values::Snapshot;
use serde_json::{Map, Value};
use similar::{ChangeTag, TextDiff};

use super::dto::{FieldChange, RowChange, RowRef, RowsDiff, WordChange, WordOp};

/// Bookkeeping every row carries, which says nothing about the plan's content.
const BOOKKEEPING: [&str; 5] = ["id", "plan_id", "created_at", "updated_at", "version"];
/// The plan's lifecycle fields: a version names the status it was taken in, and the lifecycle
/// history says the rest.
const LIFECYCLE: [&str; 4] = ["status", "consultation_closes_at", "approval_resolution", "approved_on"];

type Row = Map<String, Value>;

/// The fields of a plan that differ.
pub fn plan_changes(from: &Snapshot, to: &Snapshot) -> Vec<FieldChange> {
    fields(&from.plan, &to.plan, &LIFECYCLE)
}

/// Goals or measures (`from` and `to` the rows of one kind) added, removed and changed.
pub fn rows(from: &[Row], to: &[Row]) -> RowsDiff {
    let before: HashMap<&str, &Row> = from.iter().filter_map(|r| Some((r.get("id")?.as_str()?, r))).collect();
    let after: HashMap<&str, &Row> = to.iter().filter_map(|r| Some((r.get("id")?.as_str()?, r))).collect();
    let mut diff = RowsDiff::default();
    for row in to {
        match row.get("id").and_then(Value::as_str).and_then(|id| before.get(id)) {
            None => diff.added.push(RowRef::of(row)),
            Some(old) => {
                let changes = fields(old, row, &[]);
                if !changes.is_empty() {
                    diff.changed.push(RowChange { row: RowRef::of(row), changes });
                }
            }
        }
    }
    diff.removed =
        from.iter().filter(|r| r.get("id").and_then(Value::as_str).is_none_or(|id| !after.contains_key(id))).map(RowRef::of).collect();
    diff
}

/// The fields of two rows that differ, in the newer row's order (then the fields only the older had).
fn fields(before: &Row, after: &Row, also_skip: &[&str]) -> Vec<FieldChange> {
    let skipped = |name: &str| BOOKKEEPING.contains(&name) || also_skip.contains(&name);
    let names = after.keys().chain(before.keys().filter(|k| !after.contains_key(*k)));
    names
        .filter(|name| !skipped(name))
        .filter_map(|name| {
            let (old, new) = (before.get(name).unwrap_or(&Value::Null), after.get(name).unwrap_or(&Value::Null));
            (old != new).then(|| FieldChange { field: name.clone(), before: old.clone(), after: new.clone(), words: words(old, new) })
        })
        .collect()
}

/// A text's change word by word (runs of the same kind joined), for string fields.
fn words(before: &Value, after: &Value) -> Option<Vec<WordChange>> {
    let (Value::String(old), Value::String(new)) = (before, after) else { return None };
    let mut out: Vec<WordChange> = Vec::new();
    for change in TextDiff::from_words(old.as_str(), new.as_str()).iter_all_changes() {
        let op = match change.tag() {
            ChangeTag::Equal => WordOp::Equal,
            ChangeTag::Delete => WordOp::Delete,
            ChangeTag::Insert => WordOp::Insert,
        };
        match out.last_mut() {
            Some(last) if last.op == op => last.text.push_str(change.value()),
            _ => out.push(WordChange { op, text: change.value().to_string() }),
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn row(value: Value) -> Row {
        value.as_object().unwrap().clone()
    }

    #[test]
    fn rows_added_removed_and_changed_by_id() {
        let from = [
            row(json!({"id": "a", "code": "1", "title": "Senioři", "version": 1})),
            row(json!({"id": "b", "code": "2", "title": "Rodiny"})),
        ];
        let to = [
            row(json!({"id": "a", "code": "1", "title": "Senioři doma", "version": 7})),
            row(json!({"id": "c", "code": "3", "title": "Krize"})),
        ];
        let diff = rows(&from, &to);
        assert_eq!(diff.added.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(), ["c"]);
        assert_eq!(diff.removed.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(), ["b"]);
        assert_eq!(diff.changed.len(), 1);
        let change = &diff.changed[0].changes;
        assert_eq!(change.len(), 1, "the version is bookkeeping: {change:?}");
        assert_eq!((change[0].field.as_str(), &change[0].before, &change[0].after), ("title", &json!("Senioři"), &json!("Senioři doma")));
    }

    #[test]
    fn texts_change_word_by_word() {
        let changes = fields(
            &row(json!({"description": "Podpora pečujících v obci"})),
            &row(json!({"description": "Podpora všech pečujících v regionu"})),
            &[],
        );
        let words = changes[0].words.as_ref().unwrap();
        let marked: String = words
            .iter()
            .map(|w| match w.op {
                WordOp::Equal => w.text.clone(),
                WordOp::Delete => format!("[-{}]", w.text),
                WordOp::Insert => format!("{{+{}}}", w.text),
            })
            .collect();
        assert_eq!(marked, "Podpora {+všech }pečujících v [-obci]{+regionu}");
    }

    #[test]
    fn a_field_a_snapshot_lacked_counts_as_null() {
        let changes = fields(&row(json!({"title": "A"})), &row(json!({"title": "A", "responsible_organization_id": "x"})), &[]);
        assert_eq!(changes.len(), 1);
        assert_eq!((&changes[0].before, changes[0].words.is_none()), (&Value::Null, true));
        assert!(fields(&row(json!({"title": "A", "gone": null})), &row(json!({"title": "A"})), &[]).is_empty());
    }
}
