//! The funnel and insights on small hand-made maps and on the example maps.

use super::*;
use crate::model::{CardKind, Id, Lane, Metrics, Persona, Stage};
use serde_json::{Value, json};

fn stage(id: &str, conversion: Option<f64>, drop_off: Option<f64>) -> Stage {
    Stage {
        id: Id::from(id),
        name: id.to_uppercase(),
        description: String::new(),
        colour: None,
        metrics: Metrics { conversion, drop_off, ..Metrics::default() },
    }
}

fn card(id: &str, lane: &str, stage: &str, kind: CardKind, emotion: Option<i32>) -> Card {
    let mut card = Card::new(Id::from(id), Id::from(lane), Id::from(stage), id);
    card.kind = kind;
    card.emotion = emotion;
    card
}

/// Three stages (conversion 50 %, nothing, drop-off 25 %), two personas with a lane each, a shared
/// pain-point lane and a shared opportunity lane.
fn small() -> Map {
    let mut map = Map::new("Petite carte");
    map.language = "fr".into();
    map.stages =
        vec![stage("s-a", Some(50.0), None), stage("s-b", None, None), stage("s-c", None, Some(25.0))];
    for (p, name) in [("p-ana", "Ana"), ("p-bob", "Bob")] {
        map.personas.push(Persona { id: Id::from(p), name: name.into(), ..Persona::default() });
    }
    for (id, kind) in [
        ("l-ana", LaneKind::Persona(Id::from("p-ana"))),
        ("l-bob", LaneKind::Persona(Id::from("p-bob"))),
        ("l-pain", LaneKind::PainPoints),
        ("l-opp", LaneKind::Opportunities),
    ] {
        map.lanes.push(Lane { id: Id::from(id), title: String::new(), kind, hidden: false });
    }
    map.cards = vec![
        card("c-a1", "l-ana", "s-a", CardKind::Touchpoint, Some(1)),
        card("c-a2", "l-ana", "s-a", CardKind::Touchpoint, Some(-1)),
        card("c-a3", "l-ana", "s-b", CardKind::PainPoint, Some(-2)),
        card("c-a4", "l-ana", "s-c", CardKind::Touchpoint, Some(-2)),
        card("c-b1", "l-bob", "s-a", CardKind::Touchpoint, Some(0)),
        card("c-b2", "l-bob", "s-b", CardKind::Touchpoint, Some(2)),
        card("c-b3", "l-bob", "s-c", CardKind::Touchpoint, Some(2)),
        card("c-p1", "l-pain", "s-b", CardKind::PainPoint, None),
        card("c-o1", "l-opp", "s-c", CardKind::Opportunity, None),
        card("c-o2", "l-opp", "s-c", CardKind::Idea, None),
        // Dangling: no such stage. Left out of everything.
        card("c-zz", "l-ana", "s-gone", CardKind::PainPoint, Some(-2)),
    ];
    map.cards[0].channel = Some(Channel::Web);
    map.cards[1].channel = Some(Channel::Phone);
    map.cards[3].channel = Some(Channel::Phone);
    map.cards[3].presence = Some(Presence::Online);
    map.cards[4].channel = Some(Channel::Store);
    map
}

fn ids(cards: &[CardRef]) -> Vec<&str> {
    cards.iter().map(|c| c.card.as_str()).collect()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

#[test]
fn shares_multiply_known_steps_and_become_upper_bounds_after_an_unknown_one() {
    let funnel = funnel(&small(), None);
    let got: Vec<(f64, bool, f64, bool, StepSource)> = funnel
        .stages
        .iter()
        .map(|s| (s.reached.percent, s.reached.exact, s.continued.percent, s.continued.exact, s.source))
        .collect();
    assert_eq!(
        got,
        [
            (100.0, true, 50.0, true, StepSource::Conversion),
            (50.0, true, 50.0, false, StepSource::Unknown),
            (50.0, false, 37.5, false, StepSource::DropOff),
        ]
    );
    assert_eq!(funnel.stages[1].step, None, "an unknown step is not invented");
    assert_eq!(funnel.stages[2].step, Some(75.0));
    assert!(!funnel.is_exact());
    assert_eq!(funnel.completed(), Share { percent: 37.5, exact: false });
}

#[test]
fn conversion_wins_over_drop_off_and_values_are_clamped() {
    let mut map = small();
    map.stages[0].metrics.drop_off = Some(10.0);
    map.stages[1].metrics.conversion = Some(140.0);
    map.stages[2].metrics.drop_off = Some(f64::NAN);
    let funnel = funnel(&map, None);
    assert_eq!(funnel.stages[0].step, Some(50.0));
    assert_eq!(funnel.stages[1].step, Some(100.0));
    assert_eq!(funnel.stages[2].source, StepSource::Unknown, "NaN counts as not given");
    assert_eq!(funnel.stages[2].reached, Share { percent: 50.0, exact: true });
    let empty = self::funnel(&Map::default(), None);
    assert!(empty.stages.is_empty() && empty.completed() == Share { percent: 100.0, exact: true });
}

#[test]
fn friction_of_a_persona_is_its_own_and_the_shared_pain_points_and_its_low_emotions() {
    let map = small();
    let ana = funnel(&map, Some(&Id::from("p-ana")));
    assert_eq!(ana.name, "Ana");
    let b = &ana.stages[1];
    assert_eq!(ids(&b.pain_points), ["c-a3", "c-p1"]);
    assert_eq!(ids(&b.low_emotions), ["c-a3"]);
    let a = &ana.stages[0];
    assert_eq!(ids(&a.low_emotions), ["c-a2"], "+1 is above neutral");
    assert!(close(a.mean_emotion.unwrap(), 0.0) && a.emotion_count == 2);
    let bob = funnel(&map, Some(&Id::from("p-bob")));
    assert_eq!(ids(&bob.stages[1].pain_points), ["c-p1"], "Ana's pain point is not Bob's");
    assert_eq!(ids(&bob.stages[0].low_emotions), ["c-b1"], "neutral counts as low");
    assert!(bob.stages[2].low_emotions.is_empty());
    // The whole map: every pain point, every low card, lowest first.
    let all = funnel(&map, None);
    assert_eq!(ids(&all.stages[1].pain_points), ["c-a3", "c-p1"]);
    assert_eq!(ids(&all.stages[0].low_emotions), ["c-a2", "c-b1"]);
    assert!(close(all.stages[0].mean_emotion.unwrap(), 0.0));
    assert_eq!(all.stages[1].pain_points[1].audience, Audience::All);
}

#[test]
fn lowest_emotions_come_first_on_other_scales() {
    let mut map = small();
    map.emotion_scale = EmotionScale::new(1, 5);
    map.cards.push(card("c-a5", "l-ana", "s-a", CardKind::Touchpoint, Some(3)));
    map.cards.push(card("c-a6", "l-ana", "s-a", CardKind::Note, Some(1)));
    map.cards.push(card("c-a7", "l-ana", "s-a", CardKind::Touchpoint, Some(4)));
    let ana = funnel(&map, Some(&Id::from("p-ana")));
    // Neutral is 3 on 1…5: scores 1 and 3 (and the old -1 and +1 cards, below the scale) are low.
    assert_eq!(ids(&ana.stages[0].low_emotions), ["c-a2", "c-a1", "c-a6", "c-a5"]);
}

#[test]
fn insights_per_stage_persona_moments_and_channels() {
    let map = small();
    let insights = Insights::of(&map);
    assert_eq!(insights.stages.len(), 3);
    let b = &insights.stages[1];
    assert_eq!(ids(&b.pain_points), ["c-a3", "c-p1"]);
    let ana = Id::from("p-ana");
    let bob = Id::from("p-bob");
    assert_eq!(b.pain_points_for(&ana).count(), 2);
    assert_eq!(b.pain_points_for(&bob).count(), 1);
    assert_eq!(ids(&insights.stages[2].opportunities), ["c-o1", "c-o2"], "ideas count as opportunities");
    assert_eq!(insights.stages[2].opportunities_for(&bob).count(), 2, "shared lanes are for everyone");

    let ana_moments = &insights.moments[0];
    let lowest = ana_moments.lowest.as_ref().unwrap();
    assert_eq!((lowest.score, ids(&lowest.cards)), (-2, vec!["c-a3", "c-a4"]), "ties are kept");
    assert_eq!(ana_moments.highest.as_ref().unwrap().score, 1);
    let bob_moments = &insights.moments[1];
    assert_eq!(ids(&bob_moments.highest.as_ref().unwrap().cards), ["c-b2", "c-b3"]);

    let mix = &insights.channels;
    // Touchpoints only: a1 web, a2 phone, a4 phone made online, b1 store, b2 and b3 without channel.
    assert_eq!(mix.touchpoints, 6);
    let by: Vec<(Channel, usize)> = mix.by_channel.iter().map(|c| (c.channel, c.count)).collect();
    assert_eq!(by, [(Channel::Phone, 2), (Channel::Web, 1), (Channel::Store, 1)]);
    assert_eq!((mix.online, mix.offline, mix.unknown, mix.no_channel), (2, 2, 2, 2));
    let (on, off, unknown) = mix.percentages();
    assert!(close(on + off + unknown, 100.0));
    assert_eq!(insights.persona_channels[0].mix.touchpoints, 3);
    assert_eq!(insights.persona_channels[1].mix.offline, 1);
    assert_eq!(insights.persona_funnel(&bob).map(|f| f.name.as_str()), Some("Bob"));
}

#[test]
fn a_persona_without_scores_has_no_moments_and_metrics_drop_non_finite_values() {
    let mut map = small();
    map.personas.push(Persona { id: Id::from("p-cy"), name: "Cy".into(), ..Persona::default() });
    map.stages[0].metrics.nps = Some(f64::INFINITY);
    map.stages[0].metrics.csat = Some(80.0);
    map.stages[1].metrics.conversion = Some(f64::NAN);
    map.stages[2].metrics.drop_off = Some(f64::NEG_INFINITY);
    let insights = Insights::of(&map);
    assert!(insights.moments[2].lowest.is_none() && insights.moments[2].highest.is_none());
    assert_eq!(insights.stages[0].metrics.nps, None);
    assert_eq!(insights.stages[0].metrics.csat, Some(80.0));
    assert!(insights.stages[1].metrics.is_empty());
    // The JSON report: a non-finite metric is not given (`null`), and the funnel's steps and shares
    // are computed without it. serde_json writes NaN and infinity as `null` without complaint, so a
    // non-finite value that leaked into a share would show here as a `null` where a number is due.
    let json = serde_json::to_value(&insights).unwrap();
    let metrics = &json["stages"][0]["metrics"];
    assert_eq!((&metrics["nps"], &metrics["csat"]), (&Value::Null, &json!(80.0)));
    assert_eq!(json["stages"][1]["metrics"]["conversion"], Value::Null);
    let funnels = std::iter::once(&json["funnel"]).chain(json["persona_funnels"].as_array().unwrap());
    for funnel in funnels {
        let stages = funnel["stages"].as_array().unwrap();
        let steps: Vec<&Value> = stages.iter().map(|s| &s["step"]).collect();
        assert_eq!(steps, [&json!(50.0), &Value::Null, &Value::Null], "{}", funnel["name"]);
        for stage in stages {
            for share in ["reached", "continued"] {
                let percent = &stage[share]["percent"];
                assert!(
                    percent.as_f64().is_some_and(f64::is_finite),
                    "{}: {share} {percent}",
                    stage["stage"]
                );
            }
        }
    }
}

fn example(name: &str) -> Map {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("maps").join(name);
    crate::file::load(&path).unwrap()
}

#[test]
fn the_french_example_phone_call_is_offline_and_its_funnel_is_honest() {
    let map = example("ecommerce-fr.ron");
    let insights = Insights::of(&map);
    // Marc calls customer service (c-k8dp): a phone touchpoint, offline.
    let phone = insights.channels.by_channel.iter().find(|c| c.channel == Channel::Phone).unwrap();
    assert!(phone.count >= 1);
    let marc = insights.persona_channels.iter().find(|m| m.persona.as_str() == "p-marc").unwrap();
    assert!(marc.mix.offline >= 1);
    let offline_cards: Vec<&Card> = map
        .cards
        .iter()
        .filter(|c| c.kind == CardKind::Touchpoint && c.effective_presence() == Some(Presence::Offline))
        .collect();
    assert!(offline_cards.iter().any(|c| c.id.as_str() == "c-k8dp"));
    assert_eq!(insights.channels.offline, offline_cards.len());
    assert_eq!(
        insights.channels.online + insights.channels.offline + insights.channels.unknown,
        insights.channels.touchpoints
    );

    // The first stage gives no conversion: every later share is an upper bound.
    let f = &insights.funnel;
    assert_eq!(f.stages[0].source, StepSource::Unknown);
    assert!(f.stages[0].reached.exact && f.stages.iter().skip(1).all(|s| !s.reached.exact));
    // Recherche converts 38 %, Comparaison 21 %: Achat is reached by at most 7.98 %.
    assert!(close(f.stages[3].reached.percent, 38.0 * 21.0 / 100.0));
    assert_eq!(f.stages[2].step, Some(21.0), "conversion wins over the drop-off");

    // Lea's lowest moment is the delivery fee at checkout, and the shared pain point is hers too.
    let lea = &insights.moments[0];
    let lowest = lea.lowest.as_ref().unwrap();
    assert_eq!(lowest.score, -2);
    assert_eq!(lowest.label.as_deref(), Some("Frustré"));
    assert!(ids(&lowest.cards).contains(&"c-x4ja"));
    let lea_funnel = insights.persona_funnel(&Id::from("p-lea")).unwrap();
    let achat = &lea_funnel.stages[3];
    assert!(ids(&achat.pain_points).contains(&"c-9fbw"));
    assert_eq!(achat.low_emotions.first().map(|c| c.card.as_str()), Some("c-x4ja"));
    assert!(insights.stages[3].metrics.csat == Some(71.0) && insights.stages[3].metrics.nps == Some(-4.0));
}

#[test]
fn insights_are_deterministic_on_every_example_and_a_large_map() {
    for map in [
        example("ecommerce-fr.ron"),
        example("saas-onboarding-en.ron"),
        example("minimal.ron"),
        crate::model::generate::large_map(12, 8, 2000, 5),
    ] {
        let a = Insights::of(&map);
        assert_eq!(a, Insights::of(&map));
        assert_eq!(a.persona_funnels.len(), map.personas.len());
        let placed_touchpoints = map.cards.iter().filter(|c| c.kind == CardKind::Touchpoint).count();
        assert_eq!(a.channels.touchpoints, placed_touchpoints);
        let counted: usize =
            a.channels.by_channel.iter().map(|c| c.count).sum::<usize>() + a.channels.no_channel;
        assert_eq!(counted, a.channels.touchpoints);
        for pair in a.channels.by_channel.windows(2) {
            assert!(pair[0].count >= pair[1].count, "sorted by count");
        }
    }
}

#[test]
fn the_report_is_in_the_maps_language() {
    let fr = report(&Insights::of(&example("ecommerce-fr.ron")));
    for needle in
        ["Entonnoir de conversion", "Moments de vérité", "points de friction", "max.\u{a0}8\u{202f}%"]
    {
        assert!(fr.contains(needle), "{needle:?} missing in:\n{fr}");
    }
    assert!(fr.contains("Hors ligne") && fr.contains("Téléphone"));
    let en = report(&Insights::of(&example("saas-onboarding-en.ron")));
    for needle in ["Conversion funnel", "Moments of truth", "Online", "Lowest"] {
        assert!(en.contains(needle), "{needle:?} missing in:\n{en}");
    }
    let minimal = report(&Insights::of(&example("minimal.ron")));
    assert!(minimal.contains("Carte minimale"));
}

#[test]
fn most_voted_pain_points_and_opportunities_come_first_in_both_languages() {
    let mut map = crate::file::load(std::path::Path::new("maps/ecommerce-fr.ron")).unwrap();
    let pains: Vec<Id> = map
        .cards
        .iter()
        .filter(|c| matches!(c.kind, CardKind::PainPoint | CardKind::Opportunity))
        .map(|c| c.id.clone())
        .take(3)
        .collect();
    for (k, id) in pains.iter().enumerate() {
        let card = map.cards.iter_mut().find(|c| &c.id == id).unwrap();
        card.votes.insert(Id::from("u-1"), u32::try_from(k + 1).unwrap());
        card.votes.insert(Id::from("u-2"), 1);
    }
    let insights = Insights::of(&map);
    let counts: Vec<u32> = insights.most_voted.iter().map(|v| v.votes).collect();
    assert_eq!(counts, [4, 3, 2]);
    assert_eq!(insights.most_voted[0].card.card, pains[2]);
    let text = report(&insights);
    assert!(text.contains("Les plus votés"), "{text}");
    assert!(text.contains("4 votes · "), "{text}");
    map.language = "en".into();
    assert!(report(&Insights::of(&map)).contains("Most voted"));
    let json = serde_json::to_value(&insights).unwrap();
    assert_eq!(json["most_voted"][0]["votes"], 4);
    // Nothing voted: no section.
    let plain = crate::file::load(std::path::Path::new("maps/ecommerce-fr.ron")).unwrap();
    assert!(Insights::of(&plain).most_voted.is_empty());
    assert!(!report(&Insights::of(&plain)).contains("Les plus votés"));
}
