//! The monitoring report as a document (HTML, Markdown, Word), with the same walk as the plan
//! document, and as CSV for Excel.
use crate::documents::renderers::Renderer;
use crate::excel_csv;
use crate::labels::{czk, day, measure_status_cs, number, source_cs, status_cs};

use super::dto::{Money, MonitoringReport, ReportMeasure, SourceMoney, Totals};

fn actual(m: &Money) -> String {
    m.actual.as_deref().map(czk).unwrap_or_else(|| "–".into())
}

fn progress(p: Option<i32>) -> String {
    p.map(|p| format!("{p} %")).unwrap_or_else(|| "–".into())
}

pub fn title(report: &MonitoringReport) -> String {
    format!("Monitorovací zpráva {}: {}", report.year, report.title)
}

fn money_table<R: Renderer>(r: &mut R, caption: &str, funding: &[SourceMoney], total: Option<&Money>) {
    r.table_start(caption, &["Zdroj", "Plánováno", "Skutečnost"]);
    for f in funding {
        r.row(&[source_cs(f.source), &czk(&f.money.planned), &actual(&f.money)]);
    }
    if let Some(total) = total {
        r.row(&["Celkem", &czk(&total.planned), &actual(total)]);
    }
    r.table_end();
}

fn totals<R: Renderer>(r: &mut R, what: &str, t: &Totals, year: i32) {
    r.facts_start();
    r.fact("Opatření", &t.measures.to_string());
    r.fact("Průměrné plnění", &progress(t.progress));
    r.fact("Plánováno", &czk(&t.money.planned));
    r.fact("Skutečně vynaloženo", &actual(&t.money));
    r.facts_end();
    r.table_start(&format!("Opatření {what} podle stavu"), &["Stav", "Počet"]);
    for s in &t.by_status {
        r.row(&[measure_status_cs(s.status), &s.count.to_string()]);
    }
    r.table_end();
    if !t.funding.is_empty() {
        money_table(r, &format!("Financování {what} v roce {year} podle zdrojů"), &t.funding, Some(&t.money));
    }
}

fn measure<R: Renderer>(r: &mut R, level: usize, m: &ReportMeasure, year: i32) {
    let e = R::escape;
    r.section_start();
    r.heading(level, &format!("Opatření {} {}", e(&m.code), e(&m.title)));
    r.facts_start();
    r.fact("Gestor", &e(&m.responsible));
    r.fact("Stav", &format!("{}, plnění {} %", measure_status_cs(m.status), m.progress));
    r.facts_end();
    if !m.indicators.is_empty() {
        let caption = format!("Ukazatele opatření {} v roce {year}", e(&m.code));
        let value = format!("Hodnota {year}");
        r.table_start(&caption, &["Ukazatel", "Jednotka", "Výchozí hodnota", &value, "Cílová hodnota"]);
        for i in &m.indicators {
            r.row(&[&e(&i.name), &e(&i.unit), &number(i.baseline), &number(i.value), &number(i.target)]);
        }
        r.table_end();
    }
    if !m.funding.is_empty() {
        money_table(r, &format!("Financování opatření {} v roce {year}", e(&m.code)), &m.funding, None);
    }
    if !m.updates.is_empty() {
        r.list_start();
        for u in &m.updates {
            let strong = format!("{}: {}, plnění {} %", day(u.date), measure_status_cs(u.status), u.progress);
            r.item(&strong, &format!(" – {} ({})", e(&u.note), e(&u.author_name)));
        }
        r.list_end();
    }
    r.section_end();
}

/// The whole report, in one renderer.
pub fn write<R: Renderer>(r: &mut R, report: &MonitoringReport) {
    let e = R::escape;
    let year = report.year;
    r.begin(&e(&title(report)));
    r.heading(1, &format!("Monitorovací zpráva za rok {year}"));
    r.facts_start();
    r.fact("Plán", &e(&report.title));
    r.fact("Území", &e(&report.territory));
    r.fact("Období", &format!("{}–{}", report.period_start, report.period_end));
    r.fact("Stav plánu", status_cs(report.status));
    r.facts_end();
    r.heading(2, "Souhrn za plán");
    totals(r, "plánu", &report.totals, year);
    r.heading(2, "Cíle a opatření");
    for g in &report.goals {
        let level = if g.parent_goal_id.is_some() { 4 } else { 3 };
        r.heading(level, &format!("Cíl {} {}", e(&g.code), e(&g.title)));
        totals(r, &format!("cíle {}", e(&g.code)), &g.totals, year);
        for m in &g.measures {
            measure(r, level + 1, m, year);
        }
    }
    r.heading(2, "Náklady plánu podle let a zdrojů");
    r.table_start("Náklady plánu podle let a zdrojů", &["Rok", "Zdroj", "Plánováno", "Skutečnost"]);
    for c in &report.cost_by_year {
        r.row(&[&c.year.to_string(), source_cs(c.source), &czk(&c.money.planned), &actual(&c.money)]);
    }
    r.table_end();
    r.end(false);
}

/// An amount as Czech Excel reads a number: decimal comma, no grouping.
fn amount(text: &str) -> String {
    text.replace('.', ",")
}

fn csv_money(m: &Money) -> [String; 2] {
    [amount(&m.planned), m.actual.as_deref().map(amount).unwrap_or_default()]
}

/// The report as one table for Excel: a row per measure, indicator, funding source, update and
/// total, told apart by the first column.
pub fn csv(report: &MonitoringReport) -> String {
    let value = format!("Hodnota {}", report.year);
    let mut out = excel_csv::BOM.to_owned();
    let columns = [
        "Řádek",
        "Cíl",
        "Opatření",
        "Název",
        "Stav",
        "Plnění (%)",
        "Jednotka",
        "Výchozí hodnota",
        &value,
        "Cílová hodnota",
        "Plánováno",
        "Skutečnost",
    ];
    excel_csv::row(&mut out, &columns);
    let blank = |v: Option<f64>| v.map(|v| number(Some(v))).unwrap_or_default();
    let total_rows = |out: &mut String, kind: &str, code: &str, t: &Totals| {
        let progress = t.progress.map(|p| p.to_string()).unwrap_or_default();
        let [planned, actual] = csv_money(&t.money);
        excel_csv::row(out, &[kind, code, "", "celkem", "", &progress, "", "", "", "", &planned, &actual]);
        for f in &t.funding {
            let [planned, actual] = csv_money(&f.money);
            excel_csv::row(out, &[kind, code, "", source_cs(f.source), "", "", "", "", "", "", &planned, &actual]);
        }
    };
    for g in &report.goals {
        for m in &g.measures {
            let status = measure_status_cs(m.status);
            excel_csv::row(&mut out, &["opatření", &g.code, &m.code, &m.title, status, &m.progress.to_string(), "", "", "", "", "", ""]);
            for i in &m.indicators {
                let row =
                    ["ukazatel", &g.code, &m.code, &i.name, "", "", &i.unit, &blank(i.baseline), &blank(i.value), &blank(i.target), "", ""];
                excel_csv::row(&mut out, &row);
            }
            for f in &m.funding {
                let [planned, actual] = csv_money(&f.money);
                excel_csv::row(
                    &mut out,
                    &["financování", &g.code, &m.code, source_cs(f.source), "", "", "", "", "", "", &planned, &actual],
                );
            }
            for u in &m.updates {
                let title = format!("{}: {}", day(u.date), u.note);
                let row = [
                    "zpráva o plnění",
                    &g.code,
                    &m.code,
                    &title,
                    measure_status_cs(u.status),
                    &u.progress.to_string(),
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                ];
                excel_csv::row(&mut out, &row);
            }
        }
        total_rows(&mut out, "součet cíle", &g.code, &g.totals);
    }
    total_rows(&mut out, "součet plánu", "", &report.totals);
    for c in &report.cost_by_year {
        let [planned, actual] = csv_money(&c.money);
        let row = ["náklady plánu", "", "", &format!("{} {}", c.year, source_cs(c.source)), "", "", "", "", "", "", &planned, &actual];
        excel_csv::row(&mut out, &row);
    }
    out
}
