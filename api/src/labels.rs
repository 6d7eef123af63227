//! Czech labels and number formats of the documents the API writes (the plan document, the
//! settlement register's annex and CSV).
use chrono::NaiveDate;
use entity::enums::{CapacityUnit, Channel, FundingSource, MeasureStatus, PlanStatus, Resolution, TargetType};

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

pub fn source_cs(source: FundingSource) -> &'static str {
    match source {
        FundingSource::Municipality => "obec",
        FundingSource::Region => "kraj",
        FundingSource::State => "stát",
        FundingSource::Eu => "EU",
        FundingSource::Other => "jiné",
    }
}

pub fn target_cs(t: TargetType) -> &'static str {
    match t {
        TargetType::Plan => "plán",
        TargetType::Goal => "cíl",
        TargetType::Measure => "opatření",
        TargetType::Meeting => "jednání",
    }
}

pub fn channel_cs(c: Channel) -> &'static str {
    match c {
        Channel::Web => "web",
        Channel::Email => "e-mail",
        Channel::Paper => "listinně",
        Channel::Meeting => "veřejné projednání",
    }
}

/// A day the Czech way: "5. 3. 2025".
pub fn day(d: NaiveDate) -> String {
    d.format("%-d. %-m. %Y").to_string()
}

/// "1250000.00" → "1 250 000,00 Kč" (with no-break spaces).
pub fn czk(amount: &str) -> String {
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

/// A measured value with a decimal comma; "–" when there is none.
pub fn number(v: Option<f64>) -> String {
    v.map(|v| if v.fract() == 0.0 { format!("{v:.0}") } else { format!("{v}").replace('.', ",") }).unwrap_or_else(|| "–".into())
}

/// A capacity unit as a column heading names it: "Kapacita (lůžka)".
pub fn capacity_unit_cs(unit: CapacityUnit) -> &'static str {
    match unit {
        CapacityUnit::Clients => "klienti",
        CapacityUnit::Beds => "lůžka",
        CapacityUnit::Contacts => "kontakty",
        CapacityUnit::Interventions => "intervence",
        CapacityUnit::Calls => "hovory",
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn czech_money() {
        assert_eq!(super::czk("1250000.00"), "1\u{a0}250\u{a0}000,00\u{a0}Kč");
        assert_eq!(super::czk("90.50"), "90,50\u{a0}Kč");
    }
}
