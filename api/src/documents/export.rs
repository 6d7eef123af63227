//! The plan as the document a council approves: vision, working groups, goals, measures with
//! responsible party, timeline, indicators and financing, and the settlement register as an annex.
//! One walk over the document writes it in either format (see `renderers`).
use std::collections::HashMap;

use entity::working_group;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::renderers::{Docx, Html, Markdown, Renderer};
use super::tree::{self, PlanTree};
use crate::activities::dto::Activity;
use crate::caller::Caller;
use crate::consultation::download::{Body, Download, STREAM_PAGE, stream_register};
use crate::consultation::dto::{RegisterEntry, ResolutionCounts};
use crate::consultation::formats::{body, labelled};
use crate::consultation::service::Register;
use crate::error::ApiResult;
use crate::goals::dto::Goal;
use crate::labels::{czk, day, measure_status_cs, number, resolution_cs, source_cs, status_cs};
use crate::measures::dto::Measure;
use crate::state::AppState;
use crate::{access, activities};

#[derive(Debug, Deserialize, ToSchema, Clone, Copy, Default)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    #[default]
    Html,
    Md,
    Docx,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ExportQuery {
    /// `html` (printable, default), `md` (Markdown) or `docx` (Word).
    #[param(inline)]
    pub format: Option<ExportFormat>,
}

/// Everything the document shows besides the tree.
struct Document {
    tree: PlanTree,
    /// Every group owning a goal (and so its measures) of the plan, by name.
    groups: Vec<working_group::Model>,
    /// Each measure's activities, in order.
    activities: HashMap<Uuid, Vec<Activity>>,
    /// The settlement register's counts; its entries (as this caller may see them, hidden texts
    /// withheld from the public) are streamed after the rest of the document.
    counts: ResolutionCounts,
}

pub async fn export(state: &AppState, caller: &Caller, id: Uuid, format: ExportFormat) -> ApiResult<Download> {
    let plan = access::plan(&state.db, caller, id).await?;
    let tree = tree::build(&state.db, plan).await?;
    let group_ids: Vec<Uuid> = goals_of(&tree).iter().filter_map(|(_, g, _)| g.working_group_id).collect();
    let groups = working_group::Entity::find()
        .filter(working_group::Column::Id.is_in(group_ids))
        .order_by_asc(working_group::Column::Name)
        .order_by_asc(working_group::Column::Id)
        .all(&state.db)
        .await?;
    let mut activities: HashMap<Uuid, Vec<Activity>> = HashMap::new();
    for a in activities::service::of_plan(&state.db, id).await? {
        activities.entry(a.measure_id).or_default().push(a);
    }
    let register = Register::open(&state.db, caller, id).await?;
    let doc = Document { tree, groups, activities, counts: register.counts(&state.db).await? };
    let filename = file_name(&doc.tree.plan.title);
    Ok(match format {
        ExportFormat::Html => {
            text::<Html>(state, register, &doc, "text/html; charset=utf-8", format!("inline; filename=\"{filename}.html\""))
        }
        ExportFormat::Md => {
            text::<Markdown>(state, register, &doc, "text/markdown; charset=utf-8", format!("attachment; filename=\"{filename}.md\""))
        }
        ExportFormat::Docx => {
            // A Word file is written whole, so the register is read whole first, a page at a time.
            let mut r = Docx::default();
            head(&mut r, &doc);
            let (mut after, mut first) = (None, 1);
            loop {
                let entries = register.after(&state.db, after, STREAM_PAGE, first).await?;
                write_rows(&mut r, &entries);
                match entries.last() {
                    Some(last) if entries.len() as u64 == STREAM_PAGE => {
                        (after, first) = (Some(last.comment_id), first + entries.len() as u32)
                    }
                    _ => break,
                }
            }
            r.end(doc.counts.total > 0);
            Download::docx(&filename, r.finish()?)
        }
    })
}

/// The document as text: its head, the register's rows streamed when there are any, its foot.
fn text<R: Renderer<Output = String> + 'static>(
    state: &AppState,
    register: Register,
    doc: &Document,
    content_type: &'static str,
    disposition: String,
) -> Download {
    let (head, foot) = (whole(|r: &mut R| head(r, doc)), foot::<R>(doc));
    let body =
        if doc.counts.total == 0 { Body::Whole(head + &foot) } else { stream_register(state.db.clone(), register, head, rows::<R>, foot) };
    Download { content_type, disposition, body }
}

/// A file name from a title, as people would save it: "6-komunitni-plan-mesta-ostravy"; a long
/// title is cut after its last whole word within 80 characters.
pub fn file_name(title: &str) -> String {
    const MAX: usize = 80;
    let mut out = String::new();
    for c in crate::czech::fold(title).chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    // ASCII only from here, so byte positions are characters.
    if out.len() > MAX {
        let cut = if out.as_bytes()[MAX] == b'-' { MAX } else { out[..MAX].rfind('-').unwrap_or(MAX) };
        out.truncate(cut);
    }
    let out = out.trim_end_matches('-');
    if out.is_empty() { "dokument".to_owned() } else { out.to_owned() }
}

/// A part of a text document, written by a renderer of its own.
fn whole<R: Renderer<Output = String>>(part: impl FnOnce(&mut R)) -> String {
    let mut r = R::default();
    part(&mut r);
    r.finish()
}

/// A day, or a dash when there is none.
fn date(d: Option<chrono::NaiveDate>) -> String {
    d.map(day).unwrap_or_else(|| "–".into())
}

/// Every goal in document order (sub-goals after their parent) with its heading level and measures.
fn goals_of(tree: &PlanTree) -> Vec<(usize, &Goal, &[Measure])> {
    let mut out = Vec::new();
    for g in &tree.goals {
        out.push((2, &g.goal, g.measures.as_slice()));
        for s in &g.sub_goals {
            out.push((3, &s.goal, s.measures.as_slice()));
        }
    }
    out
}

const REGISTER_COLUMNS: [&str; 6] = ["Č.", "Autor", "Přijato", "Připomínka", "Vypořádání", "Odůvodnění"];

/// The document up to the register's rows.
fn head<R: Renderer>(r: &mut R, doc: &Document) {
    let p = &doc.tree.plan;
    let e = R::escape;
    r.begin(&e(&p.title));
    r.heading(1, &e(&p.title));
    r.facts_start();
    r.fact("Území", &e(&p.territory));
    r.fact("Období", &format!("{}–{}", p.period_start, p.period_end));
    r.fact("Stav", status_cs(p.status));
    if let (Some(resolution), Some(on)) = (&p.approval_resolution, p.approved_on) {
        r.fact("Schváleno", &format!("{} dne {}", e(resolution), date(Some(on))));
    }
    if let Some(progress) = p.progress {
        r.fact("Plnění", &format!("{progress} %"));
    }
    r.facts_end();
    r.heading(2, "Souhrn");
    r.paragraphs(&p.summary);
    r.heading(2, "Vize");
    r.paragraphs(&p.vision);
    if !doc.groups.is_empty() {
        r.heading(2, "Pracovní skupiny");
        r.list_start();
        for g in &doc.groups {
            r.item(&e(&g.name), &format!(" ({}): {}", e(g.target_group.as_deref().unwrap_or("–")), e(&g.vision)));
        }
        r.list_end();
    }
    r.heading(2, "Cíle a opatření");
    for (level, goal, measures) in goals_of(&doc.tree) {
        r.heading(level + 1, &format!("Cíl {} {}", e(&goal.code), e(&goal.title)));
        if !goal.description.is_empty() {
            r.paragraphs(&goal.description);
        }
        for m in measures {
            measure(r, level + 2, m, doc.activities.get(&m.id).map_or(&[], Vec::as_slice));
        }
    }
    r.heading(2, "Příloha: Vypořádání připomínek");
    r.counts(doc.counts.total, &labelled(&doc.counts));
    if doc.counts.total > 0 {
        r.table_start("Vypořádání připomínek", &REGISTER_COLUMNS);
    }
}

fn measure<R: Renderer>(r: &mut R, level: usize, m: &Measure, activities: &[Activity]) {
    let e = R::escape;
    r.section_start();
    r.heading(level, &format!("Opatření {} {}", e(&m.code), e(&m.title)));
    if !m.description.is_empty() {
        r.paragraphs(&m.description);
    }
    r.facts_start();
    r.fact("Gestor", &e(&m.responsible));
    if !m.partners.is_empty() {
        r.fact("Partneři", &e(&m.partners.join(", ")));
    }
    r.fact("Termín", &format!("{} – {}", date(m.start_date), date(m.end_date)));
    r.fact("Stav", &format!("{}, plnění {} %", measure_status_cs(m.status), m.progress));
    if let Some(cost) = &m.estimated_cost {
        r.fact("Předpokládané náklady", &czk(cost));
    }
    r.facts_end();
    if !m.indicators.is_empty() {
        let caption = format!("Ukazatele opatření {}", e(&m.code));
        r.table_start(&caption, &["Ukazatel", "Jednotka", "Výchozí hodnota", "Cílová hodnota", "Skutečnost"]);
        for i in &m.indicators {
            let actual = i.values.iter().map(|v| format!("{}: {}", v.year, number(Some(v.value)))).collect::<Vec<_>>().join(", ");
            r.row(&[&e(&i.name), &e(&i.unit), &number(i.baseline), &number(i.target), &e(&actual)]);
        }
        r.table_end();
    }
    if !activities.is_empty() {
        let caption = format!("Aktivity opatření {}", e(&m.code));
        r.table_start(&caption, &["Aktivita", "Realizátor", "Roky", "Předpokládané náklady", "Stav"]);
        for a in activities {
            let years = if a.year_from == a.year_to { a.year_from.to_string() } else { format!("{}–{}", a.year_from, a.year_to) };
            let cost = a.estimated_cost.as_deref().map(czk).unwrap_or_else(|| "–".into());
            r.row(&[&e(&a.title), &e(&a.responsible), &years, &cost, measure_status_cs(a.status)]);
        }
        r.table_end();
    }
    if !m.funding_sources.is_empty() {
        let caption = format!("Financování opatření {}", e(&m.code));
        r.table_start(&caption, &["Rok", "Zdroj", "Plánováno", "Skutečnost"]);
        for f in &m.funding_sources {
            let actual = f.actual.as_deref().map(czk).unwrap_or_else(|| "–".into());
            r.row(&[&f.year.to_string(), source_cs(f.source), &czk(&f.planned), &actual]);
        }
        r.table_end();
    }
    r.section_end();
}

/// The register's rows, as a text chunk of the streamed document.
fn rows<R: Renderer<Output = String>>(entries: &[RegisterEntry], _staff: bool) -> String {
    whole(|r: &mut R| write_rows(r, entries))
}

fn write_rows<R: Renderer>(r: &mut R, entries: &[RegisterEntry]) {
    let e = R::escape;
    for c in entries {
        let note = e(c.resolution_note.as_deref().unwrap_or(""));
        r.row(&[
            &c.number.to_string(),
            &e(&c.author.display_name),
            &date(Some(c.received_on)),
            &e(body(c)),
            resolution_cs(c.resolution),
            &note,
        ]);
    }
}

/// The document's end, after the register's rows.
fn foot<R: Renderer<Output = String>>(doc: &Document) -> String {
    whole(|r: &mut R| r.end(doc.counts.total > 0))
}

#[cfg(test)]
mod tests {
    #[test]
    fn file_names_come_from_titles() {
        assert_eq!(
            super::file_name("6. komunitní plán sociálních služeb města Ostravy"),
            "6-komunitni-plan-socialnich-sluzeb-mesta-ostravy"
        );
        assert_eq!(super::file_name("Plán 2026–2028 (návrh)"), "plan-2026-2028-navrh");
        assert_eq!(super::file_name("„“"), "dokument");
        assert_eq!(super::file_name(&"á".repeat(200)).len(), 80);
        let long = "6. komunitní plán sociálních služeb a souvisejících aktivit ve městě Ostrava na období let 2023–2026";
        assert_eq!(super::file_name(long), "6-komunitni-plan-socialnich-sluzeb-a-souvisejicich-aktivit-ve-meste-ostrava-na");
    }
}
