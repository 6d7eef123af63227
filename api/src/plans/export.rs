//! `GET /plans/{id}/export?format=html|md`: the plan as the document a council approves.
use std::fmt::Write;

use actix_web::{HttpResponse, get, web};
use entity::enums::{MeasureStatus, PlanStatus, Resolution};
use entity::working_group;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::service;
use super::tree::{self, PlanTree};
use crate::caller::Caller;
use crate::consultation::dto::{RegisterEntry, ResolutionCounts};
use crate::consultation::formats::body;
use crate::consultation::routes::stream_register;
use crate::consultation::service::Register;
use crate::error::ApiResult;
use crate::http::Query;
use crate::measures::dto::Measure;
use crate::render;
use crate::state::AppState;

#[derive(Debug, Deserialize, ToSchema, Clone, Copy, Default)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    #[default]
    Html,
    Md,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ExportQuery {
    /// `html` (printable, default) or `md` (Markdown).
    #[param(inline)]
    pub format: Option<ExportFormat>,
}

/// Everything the document shows besides the tree.
struct Document {
    tree: PlanTree,
    /// Every group owning a goal (and so its measures) of the plan, by name.
    groups: Vec<working_group::Model>,
    /// The settlement register's counts; its entries (as this caller may see them, hidden texts
    /// withheld from the public) are streamed after the rest of the document.
    counts: ResolutionCounts,
}

/// The whole plan as a document: vision, working groups, goals, measures with responsible party,
/// timeline, indicators and financing, and the settlement register as an annex.
#[utoipa::path(tag = "plans", params(("id" = Uuid, Path), ExportQuery), responses(
    (status = 200, description = "The plan document", content((String = "text/html"), (String = "text/markdown")))
))]
#[get("/plans/{id}/export")]
pub async fn export_plan(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    query: Query<ExportQuery>,
) -> ApiResult<HttpResponse> {
    let plan = service::get(&state.db, &caller, *id).await?;
    let tree = tree::build(&state, plan).await?;
    let group_ids: Vec<Uuid> = goals_of(&tree).iter().filter_map(|(_, g, _)| g.working_group_id).collect();
    let groups = working_group::Entity::find()
        .filter(working_group::Column::Id.is_in(group_ids))
        .order_by_asc(working_group::Column::Name)
        .order_by_asc(working_group::Column::Id)
        .all(&state.db)
        .await?;
    let register = Register::open(&state.db, &caller, *id).await?;
    let doc = Document { tree, groups, counts: register.counts(&state.db).await? };
    let filename = format!("komunitni-plan-{}", doc.tree.plan.id);
    let (content_type, disposition, head, rows, foot): (_, _, _, fn(&[RegisterEntry], bool) -> String, _) =
        match query.format.unwrap_or_default() {
            ExportFormat::Html => {
                ("text/html; charset=utf-8", format!("inline; filename=\"{filename}.html\""), html_head(&doc), html_rows, html_foot(&doc))
            }
            ExportFormat::Md => (
                "text/markdown; charset=utf-8",
                format!("attachment; filename=\"{filename}.md\""),
                markdown_head(&doc),
                markdown_rows,
                String::new(),
            ),
        };
    let mut response = HttpResponse::Ok();
    response.content_type(content_type).insert_header(("Content-Disposition", disposition));
    Ok(if doc.counts.total == 0 {
        response.body(head + &foot)
    } else {
        response.streaming(stream_register(state.db.clone(), register, head, rows, foot))
    })
}

pub fn status_cs(status: PlanStatus) -> &'static str {
    match status {
        PlanStatus::Draft => "návrh",
        PlanStatus::Consultation => "připomínkové řízení",
        PlanStatus::Approved => "schválený",
        PlanStatus::Implementation => "realizace",
        PlanStatus::Evaluated => "vyhodnocený",
        PlanStatus::Archived => "archivovaný",
    }
}

pub fn measure_status_cs(status: MeasureStatus) -> &'static str {
    match status {
        MeasureStatus::Planned => "plánováno",
        MeasureStatus::InProgress => "probíhá",
        MeasureStatus::Completed => "splněno",
        MeasureStatus::Postponed => "odloženo",
        MeasureStatus::Cancelled => "zrušeno",
    }
}

pub fn resolution_cs(resolution: Option<Resolution>) -> &'static str {
    match resolution {
        Some(Resolution::Accepted) => "akceptováno",
        Some(Resolution::PartiallyAccepted) => "akceptováno částečně",
        Some(Resolution::Rejected) => "neakceptováno",
        Some(Resolution::Noted) => "bere se na vědomí",
        None => "nevypořádáno",
    }
}

fn date(d: Option<chrono::NaiveDate>) -> String {
    d.map(|d| d.format("%-d. %-m. %Y").to_string()).unwrap_or_else(|| "–".into())
}

fn czk(amount: &str) -> String {
    // "1250000.00" → "1 250 000,00 Kč"
    let (whole, fraction) = amount.split_once('.').unwrap_or((amount, "00"));
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push('\u{a0}');
        }
        grouped.push(c);
    }
    format!("{grouped},{fraction}\u{a0}Kč")
}

fn number(v: Option<f64>) -> String {
    v.map(|v| if v.fract() == 0.0 { format!("{v:.0}") } else { format!("{v}").replace('.', ",") }).unwrap_or_else(|| "–".into())
}

/// Every goal in document order (sub-goals after their parent) with its heading level and measures.
fn goals_of(tree: &PlanTree) -> Vec<(usize, &crate::goals::dto::Goal, &[Measure])> {
    let mut out = Vec::new();
    for g in &tree.goals {
        out.push((2, &g.goal, g.measures.as_slice()));
        for s in &g.sub_goals {
            out.push((3, &s.goal, s.measures.as_slice()));
        }
    }
    out
}

fn counts(c: &ResolutionCounts) -> [(&'static str, u32); 5] {
    [
        (resolution_cs(Some(Resolution::Accepted)), c.accepted),
        (resolution_cs(Some(Resolution::PartiallyAccepted)), c.partially_accepted),
        (resolution_cs(Some(Resolution::Rejected)), c.rejected),
        (resolution_cs(Some(Resolution::Noted)), c.noted),
        (resolution_cs(None), c.unsettled),
    ]
}

/// The Markdown document up to the register's rows.
fn markdown_head(doc: &Document) -> String {
    let p = &doc.tree.plan;
    let e = render::markdown;
    let mut s = String::new();
    let _ = writeln!(s, "# {}\n", e(&p.title));
    let _ = writeln!(
        s,
        "- **Území:** {}\n- **Období:** {}–{}\n- **Stav:** {}",
        e(&p.territory),
        p.period_start,
        p.period_end,
        status_cs(p.status)
    );
    if let (Some(r), Some(on)) = (&p.approval_resolution, p.approved_on) {
        let _ = writeln!(s, "- **Schváleno:** {} dne {}", e(r), date(Some(on)));
    }
    if let Some(progress) = p.progress {
        let _ = writeln!(s, "- **Plnění:** {progress} %");
    }
    let _ = writeln!(
        s,
        "\n## Souhrn\n\n{}\n\n## Vize\n\n{}\n",
        render::markdown_paragraphs(&p.summary),
        render::markdown_paragraphs(&p.vision)
    );
    if !doc.groups.is_empty() {
        let _ = writeln!(s, "## Pracovní skupiny\n");
        for g in &doc.groups {
            let _ = writeln!(s, "- **{}** ({}): {}", e(&g.name), e(g.target_group.as_deref().unwrap_or("–")), e(&g.vision));
        }
        s.push('\n');
    }
    let _ = writeln!(s, "## Cíle a opatření\n");
    for (level, goal, measures) in goals_of(&doc.tree) {
        let _ = writeln!(s, "{} Cíl {} {}\n", "#".repeat(level + 1), e(&goal.code), e(&goal.title));
        if !goal.description.is_empty() {
            let _ = writeln!(s, "{}\n", render::markdown_paragraphs(&goal.description));
        }
        for m in measures {
            let _ = writeln!(s, "{} Opatření {} {}\n", "#".repeat(level + 2), e(&m.code), e(&m.title));
            if !m.description.is_empty() {
                let _ = writeln!(s, "{}\n", render::markdown_paragraphs(&m.description));
            }
            let _ = writeln!(s, "- **Gestor:** {}", e(&m.responsible));
            if !m.partners.is_empty() {
                let _ = writeln!(s, "- **Partneři:** {}", e(&m.partners.join(", ")));
            }
            let _ = writeln!(s, "- **Termín:** {} – {}", date(m.start_date), date(m.end_date));
            let _ = writeln!(s, "- **Stav:** {}, plnění {} %", measure_status_cs(m.status), m.progress);
            if let Some(cost) = &m.estimated_cost {
                let _ = writeln!(s, "- **Předpokládané náklady:** {}", czk(cost));
            }
            if !m.indicators.is_empty() {
                let _ = writeln!(s, "\n| Ukazatel | Jednotka | Výchozí hodnota | Cílová hodnota | Skutečnost |\n|---|---|---|---|---|");
                for i in &m.indicators {
                    let actual = i.values.iter().map(|v| format!("{}: {}", v.year, number(Some(v.value)))).collect::<Vec<_>>().join(", ");
                    let _ =
                        writeln!(s, "| {} | {} | {} | {} | {} |", e(&i.name), e(&i.unit), number(i.baseline), number(i.target), e(&actual));
                }
            }
            if !m.funding_sources.is_empty() {
                let _ = writeln!(s, "\n| Rok | Zdroj | Plánováno | Skutečnost |\n|---|---|---|---|");
                for f in &m.funding_sources {
                    let actual = f.actual.as_deref().map(czk).unwrap_or_else(|| "–".into());
                    let _ = writeln!(s, "| {} | {} | {} | {} |", f.year, source_cs(f.source), czk(&f.planned), actual);
                }
            }
            s.push('\n');
        }
    }
    let _ = writeln!(s, "## Příloha: Vypořádání připomínek\n");
    let summary: Vec<String> = counts(&doc.counts).iter().map(|(label, n)| format!("{label}: {n}")).collect();
    let _ = writeln!(s, "Celkem připomínek: {} ({})\n", doc.counts.total, summary.join(", "));
    if doc.counts.total > 0 {
        let _ = writeln!(s, "| Č. | Autor | Přijato | Připomínka | Vypořádání | Odůvodnění |\n|---|---|---|---|---|---|");
    }
    s
}

/// The register's rows as a Markdown table.
fn markdown_rows(entries: &[RegisterEntry], _staff: bool) -> String {
    let e = render::markdown;
    let mut s = String::new();
    for c in entries {
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} | {} |",
            c.number,
            e(&c.author.display_name),
            date(Some(c.received_on)),
            e(body(c)),
            resolution_cs(c.resolution),
            e(c.resolution_note.as_deref().unwrap_or(""))
        );
    }
    s
}

fn source_cs(source: entity::enums::FundingSource) -> &'static str {
    use entity::enums::FundingSource::*;
    match source {
        Municipality => "obec",
        Region => "kraj",
        State => "stát",
        Eu => "EU",
        Other => "jiné",
    }
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a}\
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}th,td{border:1px solid #767676;padding:.3rem .5rem;text-align:left;vertical-align:top}\
caption{text-align:left;font-weight:600;padding:.3rem 0}dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dt{font-weight:600}\
@media print{body{margin:0;max-width:none}h2{break-before:page}table{page-break-inside:auto}tr{break-inside:avoid}}";

/// The HTML document up to the register's rows.
fn html_head(doc: &Document) -> String {
    let p = &doc.tree.plan;
    let e = render::html;
    let mut s = String::new();
    let _ = write!(
        s,
        "<!doctype html>\n<html lang=\"cs\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{}</title><style>{STYLE}</style></head><body><main>",
        e(&p.title)
    );
    let _ = write!(
        s,
        "<h1>{}</h1><dl><dt>Území</dt><dd>{}</dd><dt>Období</dt><dd>{}–{}</dd><dt>Stav</dt><dd>{}</dd>",
        e(&p.title),
        e(&p.territory),
        p.period_start,
        p.period_end,
        status_cs(p.status)
    );
    if let (Some(r), Some(on)) = (&p.approval_resolution, p.approved_on) {
        let _ = write!(s, "<dt>Schváleno</dt><dd>{} dne {}</dd>", e(r), date(Some(on)));
    }
    if let Some(progress) = p.progress {
        let _ = write!(s, "<dt>Plnění</dt><dd>{progress} %</dd>");
    }
    let _ = write!(s, "</dl><h2>Souhrn</h2>{}<h2>Vize</h2>{}", render::html_paragraphs(&p.summary), render::html_paragraphs(&p.vision));
    if !doc.groups.is_empty() {
        let _ = write!(s, "<h2>Pracovní skupiny</h2><ul>");
        for g in &doc.groups {
            let _ =
                write!(s, "<li><strong>{}</strong> ({}): {}</li>", e(&g.name), e(g.target_group.as_deref().unwrap_or("–")), e(&g.vision));
        }
        let _ = write!(s, "</ul>");
    }
    let _ = write!(s, "<h2>Cíle a opatření</h2>");
    for (level, goal, measures) in goals_of(&doc.tree) {
        let _ =
            write!(s, "<h{l}>Cíl {} {}</h{l}>{}", e(&goal.code), e(&goal.title), render::html_paragraphs(&goal.description), l = level + 1);
        for m in measures {
            let _ = write!(
                s,
                "<section><h{l}>Opatření {} {}</h{l}>{}<dl>",
                e(&m.code),
                e(&m.title),
                render::html_paragraphs(&m.description),
                l = level + 2
            );
            let _ = write!(s, "<dt>Gestor</dt><dd>{}</dd>", e(&m.responsible));
            if !m.partners.is_empty() {
                let _ = write!(s, "<dt>Partneři</dt><dd>{}</dd>", e(&m.partners.join(", ")));
            }
            let _ = write!(
                s,
                "<dt>Termín</dt><dd>{} – {}</dd><dt>Stav</dt><dd>{}, plnění {} %</dd>",
                date(m.start_date),
                date(m.end_date),
                measure_status_cs(m.status),
                m.progress
            );
            if let Some(cost) = &m.estimated_cost {
                let _ = write!(s, "<dt>Předpokládané náklady</dt><dd>{}</dd>", czk(cost));
            }
            let _ = write!(s, "</dl>");
            if !m.indicators.is_empty() {
                let _ = write!(
                    s,
                    "<table><caption>Ukazatele opatření {}</caption><thead><tr><th scope=\"col\">Ukazatel</th><th scope=\"col\">Jednotka</th><th scope=\"col\">Výchozí hodnota</th><th scope=\"col\">Cílová hodnota</th><th scope=\"col\">Skutečnost</th></tr></thead><tbody>",
                    e(&m.code)
                );
                for i in &m.indicators {
                    let actual = i.values.iter().map(|v| format!("{}: {}", v.year, number(Some(v.value)))).collect::<Vec<_>>().join(", ");
                    let _ = write!(
                        s,
                        "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                        e(&i.name),
                        e(&i.unit),
                        number(i.baseline),
                        number(i.target),
                        e(&actual)
                    );
                }
                let _ = write!(s, "</tbody></table>");
            }
            if !m.funding_sources.is_empty() {
                let _ = write!(
                    s,
                    "<table><caption>Financování opatření {}</caption><thead><tr><th scope=\"col\">Rok</th><th scope=\"col\">Zdroj</th><th scope=\"col\">Plánováno</th><th scope=\"col\">Skutečnost</th></tr></thead><tbody>",
                    e(&m.code)
                );
                for f in &m.funding_sources {
                    let actual = f.actual.as_deref().map(czk).unwrap_or_else(|| "–".into());
                    let _ = write!(
                        s,
                        "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td>{}</td></tr>",
                        f.year,
                        source_cs(f.source),
                        czk(&f.planned),
                        actual
                    );
                }
                let _ = write!(s, "</tbody></table>");
            }
            let _ = write!(s, "</section>");
        }
    }
    let _ = write!(s, "<h2>Příloha: Vypořádání připomínek</h2><p>Celkem připomínek: {}</p><ul>", doc.counts.total);
    for (label, n) in counts(&doc.counts) {
        let _ = write!(s, "<li>{label}: {n}</li>");
    }
    let _ = write!(s, "</ul>");
    if doc.counts.total > 0 {
        let _ = write!(
            s,
            "<table><caption>Vypořádání připomínek</caption><thead><tr><th scope=\"col\">Č.</th><th scope=\"col\">Autor</th><th scope=\"col\">Přijato</th><th scope=\"col\">Připomínka</th><th scope=\"col\">Vypořádání</th><th scope=\"col\">Odůvodnění</th></tr></thead><tbody>"
        );
    }
    s
}

/// The register's rows of the HTML document.
fn html_rows(entries: &[RegisterEntry], _staff: bool) -> String {
    let e = render::html;
    let mut s = String::new();
    for c in entries {
        let _ = write!(
            s,
            "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            c.number,
            e(&c.author.display_name),
            date(Some(c.received_on)),
            e(body(c)),
            resolution_cs(c.resolution),
            e(c.resolution_note.as_deref().unwrap_or(""))
        );
    }
    s
}

/// The HTML document's end, after the register's rows.
fn html_foot(doc: &Document) -> String {
    let table = if doc.counts.total > 0 { "</tbody></table>" } else { "" };
    format!("{table}</main></body></html>\n")
}

#[cfg(test)]
mod tests {
    #[test]
    fn czech_money() {
        assert_eq!(super::czk("1250000.00"), "1\u{a0}250\u{a0}000,00\u{a0}Kč");
        assert_eq!(super::czk("90.50"), "90,50\u{a0}Kč");
    }
}
