//! Meetings: records with agenda, attendance, resolutions and quorum; validation; permissions;
//! filters and time order; the iCalendar feeds, parsed back by a real iCalendar parser.
use chrono::{DateTime, Duration, SubsecRound, Utc};
use entity::enums::MemberRole;
use icalendar::{CalendarComponent, CalendarDateTime, Component, DatePerhapsTime, EventLike};
use reqwest::Method;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{Value, json};

use crate::both;
use crate::helpers::*;

fn titles(list: &Value) -> Vec<String> {
    items(list).iter().map(|m| m["title"].as_str().unwrap().to_string()).collect()
}

/// A minimal valid in-person meeting starting at `starts_at` (RFC 3339), two hours long.
fn meeting(title: &str, starts_at: &str) -> Value {
    let start = DateTime::parse_from_rfc3339(starts_at).unwrap();
    json!({"title": title, "starts_at": starts_at, "ends_at": (start + Duration::hours(2)).to_rfc3339(), "location": "MěÚ Český Krumlov"})
}

both!(meeting_record_crud_counts_and_quorum, |app| async move {
    let c = app.coordinator().await;
    let t = Some(c.token.as_str());
    let g = id(&app.post_group(t, json!({"name": "PS 1 – Senioři", "kind": "thematic", "quorum": 2})).await.expect(201));
    let (a, b, d) = (app.member().await, app.member().await, app.member().await);
    for m in [&a, &b, &d] {
        app.join(m, &g, MemberRole::Member).await;
    }
    let created = app.post_meeting(&g, t, json!({
                "title": "Jednání PS 1 – analýza potřeb", "starts_at": "2026-03-12T13:00:00+01:00", "ends_at": "2026-03-12T15:30:00+01:00",
                "format": "hybrid", "location": "MěÚ Český Krumlov, Kaplická 439", "online_url": "https://meet.example.cz/ps1",
                "agenda": [{"title": "Zahájení"}, {"title": "Profil cílové skupiny", "note": "podklad od koordinátorky"}],
                "attendance": {"present": [a.id, b.id], "excused": [d.id], "guests": [{"name": "Jana Hostová", "stakeholder": "public"}]},
                "resolutions": [{"text": "PS 1 schvaluje profil cílové skupiny.", "votes_for": 2, "votes_against": 0, "votes_abstained": 1}],
                "minutes": "Zápis z jednání.", "status": "held"
            }))
        .await;
    let m = created.expect(201);
    let mid = id(&m);
    assert_eq!(created.header("location").unwrap(), format!("/api/v1/meetings/{mid}"));
    assert_eq!(created.header("etag").as_deref(), Some("\"1\""));
    assert_eq!(m["starts_at"], "2026-03-12T12:00:00Z", "stored and answered in UTC");
    assert_eq!(m["working_group_id"], g.as_str());
    assert_eq!(m["working_group_name"], "PS 1 – Senioři");
    assert_eq!(m["agenda"][1], json!({"title": "Profil cílové skupiny", "note": "podklad od koordinátorky"}));
    assert_eq!(m["attendance_counts"], json!({"present": 2, "excused": 1, "guests": 1}));
    assert_eq!(m["attendance"]["guests"][0]["stakeholder"], "public");
    assert_eq!(m["resolutions"][0]["votes_abstained"], 1);
    assert_eq!((m["quorum"].clone(), m["quorum_met"].clone()), (json!(2), json!(true)));
    assert_eq!(m["status"], "held");

    let path = format!("/meetings/{mid}");
    let public = app.get(&path, None).await;
    assert_eq!(public.expect(200)["minutes"], "Zápis z jednání.");
    assert_eq!(public.header("etag").as_deref(), Some("\"1\""));
    assert!(!public.text.contains("@example.cz"));

    // One member fewer present: the quorum of 2 is no longer met.
    let fewer = app.patch(&path, t, json!({"attendance": {"present": [a.id], "excused": [b.id, d.id]}})).await.expect(200);
    assert_eq!(fewer["attendance_counts"], json!({"present": 1, "excused": 2, "guests": 0}));
    assert_eq!(fewer["quorum_met"], false);
    assert_eq!(fewer["resolutions_without_quorum"], true, "its resolution was adopted without the quorum");
    assert_eq!(fewer["version"], 2);
    assert_eq!(fewer["minutes"], "Zápis z jednání.", "fields not in the patch stay");
    // The group's rules change later: the held meeting keeps the quorum it was recorded with.
    app.patch(&format!("/working-groups/{g}"), t, json!({"quorum": null})).await.expect(200);
    let kept = app.get(&path, None).await.expect(200);
    assert_eq!((kept["quorum"].clone(), kept["quorum_met"].clone()), (json!(2), json!(false)));
    // A meeting not yet held is not judged; without a quorum rule there is nothing to meet.
    let upcoming = app
        .post_meeting(
            &g,
            t,
            json!({"title": "Příští jednání", "starts_at": "2099-03-12T13:00:00Z", "ends_at": "2099-03-12T15:00:00Z",
                                    "location": "MěÚ", "attendance": {"present": [a.id]}}),
        )
        .await
        .expect(201);
    assert!(upcoming["quorum"].is_null() && upcoming["quorum_met"].is_null());
    assert_eq!(upcoming["resolutions_without_quorum"], false);

    app.patch_if(&path, t, "\"1\"", json!({"minutes": "Přepsáno"})).await.expect(412);
    assert_eq!(app.get(&path, None).await.json()["minutes"], "Zápis z jednání.");
    app.delete_if(&path, t, "\"1\"").await.expect(412);
    // Switching format: hybrid needs a location, online does not.
    assert_eq!(fields(&app.patch(&path, t, json!({"location": null})).await.expect(422)), ["location"]);
    let online = app.patch(&path, t, json!({"format": "online", "location": null})).await.expect(200);
    assert!(online["location"].is_null());
    assert_eq!(fields(&app.patch(&path, t, json!({"online_url": null})).await.expect(422)), ["online_url"]);

    // A comment on the meeting goes with it.
    use entity::enums::TargetType;
    use sea_orm::ActiveValue::Set;
    let comment = comment_on(TargetType::Meeting, mid.parse().unwrap(), None, "Díky za zápis.");
    app.insert(entity::comment::ActiveModel { author_id: Set(Some(a.id)), author_name: Set("Test member".into()), ..comment }).await;
    app.delete_if(&path, t, "\"3\"").await.expect(204);
    app.get(&path, None).await.expect(404);
    app.delete(&path, t).await.expect(404);
    app.patch(&path, t, json!({"minutes": "x"})).await.expect(404);
    let comments = entity::comment::Entity::find()
        .filter(entity::comment::Column::TargetId.eq(mid.parse::<uuid::Uuid>().unwrap()))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(comments, 0);

    let audited = |action: &'static str| {
        let db = app.db.clone();
        async move {
            entity::audit_event::Entity::find()
                .filter(entity::audit_event::Column::EntityType.eq("meeting"))
                .filter(entity::audit_event::Column::Action.eq(action))
                .count(&db)
                .await
                .unwrap()
        }
    };
    assert_eq!(
        (audited("create").await, audited("update").await, audited("delete").await),
        (2, 2, 1),
        "the held meeting and the upcoming one"
    );
});

both!(meeting_validation_names_each_field, |app| async move {
    let c = app.coordinator().await;
    let t = Some(c.token.as_str());
    let g = app.create_group(&c.token, "PS 1").await;
    let (a, b) = (app.member().await, app.member().await);
    app.join(&a, &g, MemberRole::Member).await;
    app.join(&b, &g, MemberRole::Member).await;
    let stranger = app.member().await;
    let post = |body: Value| {
        let app = &app;
        let g = g.clone();
        async move { app.post_meeting(&g, t, body).await }
    };
    let at = "2026-04-01T10:00:00Z";
    let p = post(json!({"title": " ", "starts_at": at, "ends_at": at, "format": "online"})).await.expect(422);
    assert_eq!(fields(&p), ["title", "ends_at", "online_url"]);
    let p = post(json!({"title": "T", "starts_at": at, "ends_at": "2026-04-01T09:00:00Z", "format": "in_person", "online_url": "javascript:alert(1)"}))
        .await
        .expect(422);
    assert_eq!(fields(&p), ["ends_at", "online_url", "location"]);
    let p = post(json!({"title": "T", "starts_at": at, "ends_at": "2026-04-01T12:00:00Z", "format": "hybrid", "location": "  "}))
        .await
        .expect(422);
    assert_eq!(fields(&p), ["online_url", "location"], "a blank location is no location");
    let p = post(
        json!({"title": "T", "starts_at": at, "ends_at": "2026-04-01T12:00:00Z", "format": "online", "online_url": "ftp://example.cz/x"}),
    )
    .await
    .expect(422);
    assert_eq!(fields(&p), ["online_url"]);
    let mut body = meeting("T", at);
    body["agenda"] = json!([{"title": ""}, {"title": "Ok", "note": "n".repeat(5_001)}]);
    body["attendance"] = json!({"present": [a.id, a.id], "excused": [a.id], "guests": [{"name": " ", "stakeholder": "user"}]});
    body["resolutions"] = json!([{"text": "", "votes_for": 1, "votes_against": 0, "votes_abstained": 0}]);
    body["minutes"] = json!("m".repeat(100_001));
    let p = post(body).await.expect(422);
    assert_eq!(
        fields(&p),
        [
            "agenda[0].title",
            "agenda[1].note",
            "attendance.present",
            "attendance.excused",
            "attendance.guests[0].name",
            "resolutions[0].text",
            "minutes"
        ]
    );
    let mut body = meeting("T", at);
    body["title"] = json!("x".repeat(301));
    body["location"] = json!("l".repeat(501));
    assert_eq!(fields(&post(body).await.expect(422)), ["title", "location"]);
    // Attendees must be members of this group; others are guests.
    let mut body = meeting("T", at);
    body["attendance"] = json!({"present": [a.id, stranger.id], "excused": [uuid::Uuid::nil()]});
    let p = post(body).await.expect(422);
    assert_eq!(fields(&p), ["attendance.present", "attendance.excused"]);
    assert!(p["errors"][0]["message"].as_str().unwrap().contains(&stranger.id.to_string()));
    assert!(!p["errors"][0]["message"].as_str().unwrap().contains(&a.id.to_string()));
    // Malformed bodies are 400.
    let mut unknown = meeting("T", at);
    unknown["room"] = json!("101");
    post(unknown).await.expect(400);
    let mut nested_unknown = meeting("T", at);
    nested_unknown["agenda"] = json!([{"title": "x", "duration": 5}]);
    post(nested_unknown).await.expect(400);
    // Values of the wrong type or outside an enum are 422 naming the (nested) field.
    for (field, value, named) in [
        ("status", json!("postponed"), "status"),
        ("format", json!("phone"), "format"),
        ("starts_at", json!("12. 3. 2026"), "starts_at"),
        ("resolutions", json!([{"text": "x", "votes_for": -1, "votes_against": 0, "votes_abstained": 0}]), "resolutions[0].votes_for"),
        ("attendance", json!({"present": ["not-a-uuid"]}), "attendance.present[0]"),
    ] {
        let mut body = meeting("T", at);
        body[field] = value;
        assert_eq!(post(body).await.expect(422)["errors"][0]["field"], named);
    }
    assert_eq!(items(&app.get("/meetings", None).await.json()).len(), 0, "nothing was stored");
    app.post_meeting(&uuid::Uuid::now_v7().to_string(), t, meeting("T", at)).await.expect(404);

    // Someone recorded as present stays valid after leaving the group; newly added people must be members.
    let mut body = meeting("Jednání", at);
    body["attendance"] = json!({"present": [a.id]});
    let m = app.create_meeting(&g, &c.token, body).await;
    let path = format!("/meetings/{m}");
    app.delete(&format!("/working-groups/{g}/members/{}", a.id), t).await.expect(204);
    let kept = app.patch(&path, t, json!({"minutes": "Doplněno", "attendance": {"present": [a.id]}})).await.expect(200);
    assert_eq!(kept["attendance"]["present"], json!([a.id]));
    app.patch(&path, t, json!({"attendance": {"present": [a.id], "excused": [b.id]}})).await.expect(200);
    let p = app.patch(&path, t, json!({"attendance": {"present": [a.id, stranger.id]}})).await.expect(422);
    assert_eq!(fields(&p), ["attendance.present"]);
    let p = app.patch(&path, t, json!({"ends_at": "2026-04-01T09:00:00Z"})).await.expect(422);
    assert_eq!(fields(&p), ["ends_at"], "checked against the stored starts_at");
});

both!(meeting_permissions, |app| async move {
    let c = app.coordinator().await;
    let g1 = app.create_group(&c.token, "PS 1").await;
    let g2 = app.create_group(&c.token, "PS 2").await;
    let (leader, other_leader, member) = (app.member().await, app.member().await, app.member().await);
    app.join(&leader, &g1, MemberRole::Leader).await;
    app.join(&other_leader, &g2, MemberRole::Leader).await;
    app.join(&member, &g1, MemberRole::Member).await;
    let list = format!("/working-groups/{g1}/meetings");
    let body = meeting("Jednání", "2026-05-05T08:00:00Z");

    app.post(&list, None, body.clone()).await.expect(401);
    app.post(&list, Some(&member.token), body.clone()).await.expect(403);
    app.post(&list, Some(&other_leader.token), body.clone()).await.expect(403);
    let m = app.create_meeting(&g1, &leader.token, body.clone()).await;
    app.create_meeting(&g1, &c.token, body.clone()).await;
    let path = format!("/meetings/{m}");
    let change = json!({"minutes": "Zápis"});
    app.patch(&path, None, change.clone()).await.expect(401);
    app.patch(&format!("/meetings/{}", uuid::Uuid::now_v7()), None, change.clone()).await.expect(401);
    app.patch(&path, Some(&member.token), change.clone()).await.expect(403);
    app.patch(&path, Some(&other_leader.token), change.clone()).await.expect(403);
    app.patch(&path, Some(&leader.token), change.clone()).await.expect(200);
    app.patch(&path, Some(&c.token), json!({"status": "held"})).await.expect(200);
    app.get(&path, None).await.expect(200);
    app.delete(&path, None).await.expect(401);
    app.delete(&path, Some(&member.token)).await.expect(403);
    app.delete(&path, Some(&other_leader.token)).await.expect(403);
    app.delete(&path, Some(&leader.token)).await.expect(204);
    let admin = app.admin().await;
    app.create_meeting(&g1, &admin.token, body).await;
});

both!(meeting_filters_and_time_order, |app| async move {
    let c = app.coordinator().await;
    let (ga, gb) = (app.create_group(&c.token, "PS A").await, app.create_group(&c.token, "PS B").await);
    let mut make = Vec::new();
    for (g, title, at, status) in [
        (&ga, "A1", "2026-01-10T09:00:00Z", "scheduled"),
        (&gb, "B1", "2026-01-10T09:00:00Z", "held"),
        (&ga, "A2", "2026-02-01T09:00:00Z", "cancelled"),
        (&gb, "B2", "2025-12-01T09:00:00Z", "held"),
        (&ga, "A3", "2026-03-01T09:00:00Z", "scheduled"),
    ] {
        let mut body = meeting(title, at);
        body["status"] = json!(status);
        make.push(app.create_meeting(g, &c.token, body).await);
    }
    let get = |query: String| {
        let app = &app;
        async move { titles(&app.get(&format!("/meetings{query}"), None).await.expect(200)) }
    };
    assert_eq!(get(String::new()).await, ["B2", "A1", "B1", "A2", "A3"], "by starts_at, ties by id");
    assert_eq!(get(format!("?working_group_id={ga}")).await, ["A1", "A2", "A3"]);
    assert_eq!(get("?from=2026-01-10T09:00:00Z".into()).await, ["A1", "B1", "A2", "A3"], "from is inclusive");
    assert_eq!(get("?to=2026-02-01T09:00:00Z".into()).await, ["B2", "A1", "B1"], "to is exclusive");
    assert_eq!(get("?from=2026-01-10T10:00:00%2B01:00&to=2026-02-28T00:00:00Z".into()).await, ["A1", "B1", "A2"]);
    assert_eq!(get("?status=held".into()).await, ["B2", "B1"]);
    assert_eq!(get(format!("?working_group_id={ga}&status=scheduled")).await, ["A1", "A3"]);
    assert_eq!(get(format!("?working_group_id={}", uuid::Uuid::now_v7())).await, Vec::<String>::new());
    let of_a = app.get(&format!("/working-groups/{ga}/meetings?status=cancelled"), None).await.expect(200);
    assert_eq!(titles(&of_a), ["A2"]);
    assert_eq!(of_a["items"][0]["working_group_name"], "PS A");
    assert_eq!(titles(&app.get(&format!("/working-groups/{gb}/meetings?to=2026-01-01T00:00:00Z"), None).await.expect(200)), ["B2"]);

    // Pages of two walk the same order, ties included.
    let mut walked = Vec::new();
    let mut cursor: Option<String> = None;
    let mut pages = 0;
    loop {
        let query = match &cursor {
            Some(c) => format!("/meetings?limit=2&cursor={c}"),
            None => "/meetings?limit=2".into(),
        };
        let page = app.get(&query, None).await.expect(200);
        walked.extend(titles(&page));
        pages += 1;
        match page["next_cursor"].as_str() {
            Some(next) => cursor = Some(next.to_string()),
            None => break,
        }
    }
    assert_eq!((walked, pages), (vec!["B2".to_string(), "A1".into(), "B1".into(), "A2".into(), "A3".into()], 3));
    let filtered = app.get("/meetings?limit=1&status=held", None).await.expect(200);
    let next =
        app.get(&format!("/meetings?limit=1&status=held&cursor={}", filtered["next_cursor"].as_str().unwrap()), None).await.expect(200);
    assert_eq!(titles(&next), ["B1"]);

    let p = app.get("/meetings?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", None).await.expect(422);
    assert_eq!(fields(&p), ["to"]);
    app.get("/meetings?from=yesterday", None).await.expect(400);
    app.get("/meetings?status=unknown", None).await.expect(400);
    app.get("/meetings?working_group_id=nope", None).await.expect(400);
    app.get("/meetings?cursor=garbage", None).await.expect(422);
    app.get(&format!("/working-groups/{}/meetings", uuid::Uuid::now_v7()), None).await.expect(404);
    assert_eq!(make.len(), 5);
});

/// The physical lines of an iCalendar body, checking CRLF endings and the 75-octet limit.
fn physical_lines(body: &str) -> Vec<&str> {
    let lines: Vec<&str> = body.strip_suffix("\r\n").expect("ends with CRLF").split("\r\n").collect();
    for line in &lines {
        assert!(!line.contains('\n') && !line.contains('\r'), "bare line break in {line:?}");
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
    }
    lines
}

fn start_of(e: &icalendar::Event) -> DateTime<Utc> {
    match e.get_start() {
        Some(DatePerhapsTime::DateTime(CalendarDateTime::Utc(t))) => t,
        other => panic!("DTSTART is not a UTC date-time: {other:?}"),
    }
}

both!(calendar_feeds_parse_back, |app| async move {
    let c = app.coordinator().await;
    let t = Some(c.token.as_str());
    let g1 = app.create_group(&c.token, "PS 1, senioři; péče").await;
    let g2 = app.create_group(&c.token, "PS 2").await;
    let soon = (Utc::now() + Duration::days(10)).trunc_subsecs(0);
    let title = r"Návrh cílů, opatření; rozpočet \ různé – dlouhý název, aby se řádek musel zalomit";
    let location = "MěÚ Český Krumlov, Kaplická 439; 2. patro";
    let note = "podklady: tabulka\nřádek 2, s čárkou";
    let first = app
        .create_meeting(
            &g1,
            &c.token,
            json!({"title": title, "starts_at": soon.to_rfc3339(), "ends_at": (soon + Duration::hours(2)).to_rfc3339(),
               "format": "hybrid", "location": location, "online_url": "https://meet.example.cz/ps1?room=a,b",
               "agenda": [{"title": "Zahájení"}, {"title": "Rozpočet", "note": note}]}),
        )
        .await;
    let mut cancelled = meeting("Zrušené jednání", &(soon + Duration::days(7)).to_rfc3339());
    cancelled["status"] = json!("cancelled");
    let cancelled = app.create_meeting(&g1, &c.token, cancelled).await;
    let elsewhere = app.create_meeting(&g2, &c.token, meeting("Jednání PS 2", &(soon + Duration::days(1)).to_rfc3339())).await;
    // Older than the feed's one-year window.
    app.create_meeting(&g1, &c.token, meeting("Dávné jednání", &(Utc::now() - Duration::days(800)).to_rfc3339())).await;
    // A change bumps SEQUENCE.
    app.patch(&format!("/meetings/{}", first), t, json!({"minutes": "Pozvánka rozeslána."})).await.expect(200);

    let answer = app.get("/meetings.ics", None).await;
    assert_eq!(answer.status, 200);
    assert_eq!(answer.header("content-type").as_deref(), Some("text/calendar; charset=utf-8"));
    let lines = physical_lines(&answer.text);
    assert_eq!(lines[0], "BEGIN:VCALENDAR");
    assert!(lines.iter().any(|l| l.starts_with(' ')), "long lines are folded");
    for required in ["VERSION:2.0", "CALSCALE:GREGORIAN", "END:VCALENDAR"] {
        assert!(lines.contains(&required), "{required} missing");
    }
    assert!(lines.iter().any(|l| l.starts_with("PRODID:")));

    let cal: icalendar::Calendar = answer.text.parse().expect("a valid iCalendar");
    assert_eq!(cal.property_value("X-WR-CALNAME"), Some("Spoluplán – jednání pracovních skupin"));
    let events: Vec<&icalendar::Event> = cal
        .components
        .iter()
        .filter_map(|c| match c {
            CalendarComponent::Event(e) => Some(e),
            _ => None,
        })
        .collect();
    let uids: Vec<&str> = events.iter().map(|e| e.get_uid().unwrap()).collect();
    assert_eq!(uids, [format!("{}@spoluplan", first), format!("{}@spoluplan", elsewhere), format!("{}@spoluplan", cancelled)]);
    let e = events[0];
    assert_eq!(start_of(e), soon);
    assert_eq!(start_of(events[1]), soon + Duration::days(1));
    assert!(matches!(e.get_end(), Some(DatePerhapsTime::DateTime(CalendarDateTime::Utc(end))) if end == soon + Duration::hours(2)));
    assert_eq!(e.get_summary(), Some(format!("PS 1, senioři; péče: {title}").as_str()), "escaped text round-trips");
    assert_eq!(e.get_location(), Some(location));
    let description = e.get_description().unwrap();
    assert!(description.contains(&format!("2. Rozpočet – {note}")), "{description}");
    assert!(description.contains("https://meet.example.cz/ps1?room=a,b"));
    assert_eq!(e.property_value("URL"), Some("https://meet.example.cz/ps1?room=a,b"));
    assert_eq!(e.get_sequence(), Some(1));
    assert!(e.get_timestamp().is_some(), "DTSTAMP");
    assert_eq!(e.property_value("STATUS"), Some("CONFIRMED"));
    assert_eq!(events[1].get_summary(), Some("PS 2: Jednání PS 2"));
    assert_eq!(events[1].get_sequence(), Some(0));
    assert_eq!(events[2].property_value("STATUS"), Some("CANCELLED"));

    // One group's feed: its meetings only, named after it.
    let answer = app.get(&format!("/working-groups/{g1}/meetings.ics"), None).await;
    assert_eq!(answer.header("content-type").as_deref(), Some("text/calendar; charset=utf-8"));
    physical_lines(&answer.text);
    let cal: icalendar::Calendar = answer.text.parse().expect("a valid iCalendar");
    assert_eq!(cal.property_value("X-WR-CALNAME"), Some("PS 1, senioři; péče – jednání"));
    let uids: Vec<String> = cal.components.iter().filter_map(|c| c.as_event()).map(|e| e.get_uid().unwrap().to_string()).collect();
    assert_eq!(uids, [format!("{}@spoluplan", first), format!("{}@spoluplan", cancelled)], "the same UIDs as in the whole feed");

    app.get(&format!("/working-groups/{}/meetings.ics", uuid::Uuid::now_v7()), None).await.expect(404);
    app.send(Method::POST, "/meetings.ics", t, Some(json!({})), &[]).await.expect(405);
    // The feed's path does not shadow a meeting's.
    assert_eq!(app.get(&format!("/meetings/{}", first), None).await.expect(200)["title"], title);
    let g2_feed = app.get(&format!("/working-groups/{g2}/meetings.ics"), None).await;
    assert_eq!(g2_feed.text.matches("BEGIN:VEVENT").count(), 1);
});

both!(a_calendar_feed_is_bounded, |app| async move {
    let group = app.group_row("PS Senioři").await;
    for _ in 0..=api::meetings::service::CALENDAR_MAX_EVENTS {
        app.meeting_row(group).await;
    }
    let feed = app.get("/meetings.ics", None).await;
    assert_eq!(feed.status, 200);
    let events = feed.text.matches("BEGIN:VEVENT").count() as u64;
    assert_eq!(events, api::meetings::service::CALENDAR_MAX_EVENTS);
});

both!(instants_are_kept_to_the_microsecond_on_both_databases, |app| async move {
    // PostgreSQL keeps microseconds; SQLite would keep nanoseconds. Both answer microseconds, so
    // an installation moved from one to the other (spoluplan dump / restore) answers the same.
    let c = app.coordinator().await;
    let g = app.post_group(Some(&c.token), json!({"name": "PS Senioři", "kind": "thematic"})).await.expect(201);
    let body = json!({"title": "Jednání", "starts_at": "2030-03-12T13:00:00.123456789Z", "ends_at": "2030-03-12T15:00:00.987654321Z", "location": "Radnice"});
    let created = app.post_meeting(&id(&g), Some(&c.token), body).await.expect(201);
    let read = app.get(&format!("/meetings/{}", id(&created)), None).await.expect(200);
    for answer in [&created, &read] {
        assert_eq!(answer["starts_at"], "2030-03-12T13:00:00.123456Z", "{answer}");
        assert_eq!(answer["ends_at"], "2030-03-12T15:00:00.987654Z", "{answer}");
    }
    for stamp in [&g["created_at"], &read["created_at"], &read["updated_at"]] {
        let stamp: DateTime<Utc> = stamp.as_str().unwrap().parse().unwrap();
        assert_eq!(stamp, stamp.trunc_subsecs(6), "{stamp}");
    }
});

both!(a_meeting_is_judged_by_its_quorum_only_once_held, |app| async move {
    let c = app.coordinator().await;
    let t = Some(c.token.as_str());
    let g = id(&app.post_group(t, json!({"name": "PS 2 – Rodiny", "kind": "thematic", "quorum": 3})).await.expect(201));
    let (a, b) = (app.member().await, app.member().await);
    for m in [&a, &b] {
        app.join(m, &g, MemberRole::Member).await;
    }
    let starts = (chrono::Utc::now() + chrono::Duration::days(7)).to_rfc3339();
    let ends = (chrono::Utc::now() + chrono::Duration::days(7) + chrono::Duration::hours(2)).to_rfc3339();
    let body =
        json!({"title": "Jednání PS 2", "starts_at": starts, "ends_at": ends, "location": "MěÚ", "attendance": {"present": [a.id, b.id]}});
    // Scheduled with two of three present: no verdict yet, the quorum it will need is shown.
    let scheduled = app.post_meeting(&g, t, body.clone()).await.expect(201);
    assert_eq!((scheduled["quorum"].clone(), scheduled["quorum_met"].clone()), (json!(3), json!(null)));
    // It cannot be recorded as held before it begins, neither when created nor afterwards.
    let mut held_early = body.clone();
    held_early["status"] = json!("held");
    assert_eq!(fields(&app.post_meeting(&g, t, held_early).await.expect(422)), ["status"]);
    let path = format!("/meetings/{}", id(&scheduled));
    assert_eq!(fields(&app.patch(&path, t, json!({"status": "held"})).await.expect(422)), ["status"]);
    // Once it has begun it can be held; two present of three needed, and a resolution adopted.
    let past = (chrono::Utc::now() - chrono::Duration::hours(3)).to_rfc3339();
    let past_end = (chrono::Utc::now() - chrono::Duration::hours(1)).to_rfc3339();
    let resolution = json!([{"text": "PS 2 schvaluje návrh opatření.", "votes_for": 2, "votes_against": 0, "votes_abstained": 0}]);
    let held =
        app.patch(&path, t, json!({"starts_at": past, "ends_at": past_end, "status": "held", "resolutions": resolution})).await.expect(200);
    assert_eq!((held["quorum"].clone(), held["quorum_met"].clone()), (json!(3), json!(false)));
    assert_eq!(held["resolutions_without_quorum"], true);
    // The rules are eased later; the record is still judged by the quorum it was held under.
    app.patch(&format!("/working-groups/{g}"), t, json!({"quorum": 2})).await.expect(200);
    let later = app.get(&path, None).await.expect(200);
    assert_eq!(
        (later["quorum"].clone(), later["quorum_met"].clone(), later["resolutions_without_quorum"].clone()),
        (json!(3), json!(false), json!(true))
    );
});
