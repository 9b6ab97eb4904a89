//! The insights as readable text, for `parcours insights` (the CLI prints it; this builds it).

use super::terms::{Term, more, score, share};
use super::{CardRef, ChannelMix, Insights, Moment, StepSource};
use crate::lang::Lang;
use std::fmt::Write as _;

/// How many cards a list names before it says how many more there are.
const LIST_MAX: usize = 5;

/// The insights as plain text, in the map's language (French for `fr…`, English otherwise).
pub fn report(insights: &Insights) -> String {
    let lang = Lang::from_tag(&insights.language);
    let t = |term: Term| term.text(lang);
    let colon = if lang == Lang::Fr { "\u{a0}:" } else { ":" };
    let mut out = String::new();
    let title = if insights.title.is_empty() { "—" } else { insights.title.as_str() };
    writeln!(out, "{title}").ok();
    writeln!(out, "{}", "=".repeat(title.chars().count().max(1))).ok();

    // The funnel and the indicators, one row per stage.
    writeln!(out, "\n{}", t(Term::FunnelTitle)).ok();
    writeln!(out, "{}", t(Term::FunnelNote)).ok();
    let header = vec![
        t(Term::Stage).to_owned(),
        t(Term::Reached).to_owned(),
        t(Term::GoOn).to_owned(),
        t(Term::DropOff).to_owned(),
        "NPS".to_owned(),
        "CES".to_owned(),
        "CSAT".to_owned(),
    ];
    let mut rows = vec![header];
    for (stage, metrics) in insights.funnel.stages.iter().zip(&insights.stages) {
        let go_on = match (stage.step, stage.source) {
            (Some(step), StepSource::DropOff) => format!("{} ({})", lang.percent(step), t(Term::FromDropOff)),
            (Some(step), _) => lang.percent(step),
            (None, _) => t(Term::Unknown).to_owned(),
        };
        let or_dash = |v: Option<String>| v.unwrap_or_else(|| "—".to_owned());
        let m = &metrics.metrics;
        rows.push(vec![
            if stage.name.is_empty() { stage.stage.to_string() } else { stage.name.clone() },
            share(lang, stage.reached),
            go_on,
            or_dash(stage.drop_off.map(|d| lang.percent(d))),
            or_dash(m.nps.map(|v| score(lang, v))),
            or_dash(m.ces.map(|v| lang.number(v))),
            or_dash(m.csat.map(|v| lang.percent(v))),
        ]);
    }
    if insights.stages.is_empty() {
        writeln!(out, "  {}", t(Term::Nothing)).ok();
    } else {
        table(&mut out, &rows);
    }
    if !insights.funnel.is_exact() {
        writeln!(out, "{}", t(Term::UpperBoundNote)).ok();
    }

    // Stage by stage: pain points and opportunities, then each persona's emotion and low points.
    writeln!(out, "\n{}", t(Term::ByStage)).ok();
    for (i, stage) in insights.stages.iter().enumerate() {
        let name = if stage.name.is_empty() { stage.stage.as_str() } else { stage.name.as_str() };
        writeln!(out, "\n{}. {name}", i + 1).ok();
        for (term, cards) in
            [(Term::PainPoints, &stage.pain_points), (Term::Opportunities, &stage.opportunities)]
        {
            if cards.is_empty() {
                continue;
            }
            writeln!(out, "  {}{colon}", t(term)).ok();
            list(&mut out, lang, insights, cards.iter(), "    ", true);
        }
        for funnel in &insights.persona_funnels {
            let Some(at) = funnel.stages.get(i) else { continue };
            let mean = match at.mean_emotion {
                Some(mean) => format!("{} {}", t(Term::MeanEmotion), score(lang, mean)),
                None => t(Term::NoScore).to_owned(),
            };
            writeln!(out, "  {}{colon} {mean}", persona_name(&funnel.name, funnel.persona.as_ref())).ok();
            list(&mut out, lang, insights, at.low_emotions.iter(), "    ", false);
        }
        if stage.pain_points.is_empty()
            && stage.opportunities.is_empty()
            && insights.persona_funnels.iter().all(|f| f.stages.get(i).is_none_or(|s| s.emotion_count == 0))
        {
            writeln!(out, "  {}", t(Term::Nothing)).ok();
        }
    }

    // What the workshop voted for.
    if !insights.most_voted.is_empty() {
        writeln!(out, "\n{}", t(Term::MostVoted)).ok();
        for voted in &insights.most_voted {
            let stage =
                insights.stages.iter().find(|s| s.stage == voted.card.stage).map_or("", |s| s.name.as_str());
            writeln!(
                out,
                "  {} {} · {} ({stage})",
                voted.votes,
                t(Term::Votes),
                voted.card.title.lines().next().unwrap_or_default()
            )
            .ok();
        }
    }

    // Moments of truth.
    writeln!(out, "\n{}", t(Term::MomentsOfTruth)).ok();
    if insights.moments.is_empty() {
        writeln!(out, "  {}", t(Term::Nothing)).ok();
    }
    for moments in &insights.moments {
        writeln!(out, "  {}", persona_name(&moments.name, Some(&moments.persona))).ok();
        if moments.lowest.is_none() {
            writeln!(out, "    {}", t(Term::NoScore)).ok();
        }
        for (term, moment) in [(Term::Lowest, &moments.lowest), (Term::Highest, &moments.highest)] {
            let Some(moment) = moment else { continue };
            writeln!(out, "    {} ({}){colon}", t(term), level(lang, moment)).ok();
            list(&mut out, lang, insights, moment.cards.iter(), "      ", false);
        }
    }

    // Channels.
    writeln!(out, "\n{}", t(Term::ByChannel)).ok();
    channels(&mut out, lang, &insights.channels);
    writeln!(out, "\n{}", t(Term::OnlineOffline)).ok();
    presence(&mut out, lang, &insights.channels, "");
    for entry in &insights.persona_channels {
        presence(&mut out, lang, &entry.mix, &persona_name(&entry.name, Some(&entry.persona)));
    }
    out
}

fn persona_name(name: &str, id: Option<&crate::model::Id>) -> String {
    match (name.is_empty(), id) {
        (false, _) => name.to_owned(),
        (true, Some(id)) => id.to_string(),
        (true, None) => "—".to_owned(),
    }
}

/// `-2, Frustré`: a moment's score and its word.
fn level(lang: Lang, moment: &Moment) -> String {
    match &moment.label {
        Some(label) => format!("{}, {label}", score(lang, f64::from(moment.score))),
        None => score(lang, f64::from(moment.score)),
    }
}

/// One line per card, at most [`LIST_MAX`], then how many more.
fn list<'a>(
    out: &mut String,
    lang: Lang,
    insights: &Insights,
    cards: impl ExactSizeIterator<Item = &'a CardRef>,
    indent: &str,
    audience: bool,
) {
    let total = cards.len();
    for card in cards.take(LIST_MAX) {
        let mut line = format!("{indent}- ");
        if let Some(emotion) = card.emotion {
            write!(line, "[{}] ", score(lang, f64::from(emotion))).ok();
        }
        let title = if card.title.is_empty() { "…" } else { card.title.as_str() };
        write!(line, "{title}").ok();
        match &card.audience {
            _ if !audience => {}
            super::Audience::All => {
                write!(line, " ({})", Term::AllPersonas.text(lang)).ok();
            }
            super::Audience::Persona(id) => {
                let name = insights.moments.iter().find(|m| &m.persona == id).map(|m| m.name.as_str());
                write!(line, " ({})", name.filter(|n| !n.is_empty()).unwrap_or(id.as_str())).ok();
            }
        }
        writeln!(out, "{line} [{}]", card.card).ok();
    }
    if total > LIST_MAX {
        writeln!(out, "{indent}{}", more(lang, total - LIST_MAX)).ok();
    }
}

fn channels(out: &mut String, lang: Lang, mix: &ChannelMix) {
    let mut rows: Vec<Vec<String>> = mix
        .by_channel
        .iter()
        .map(|c| vec![lang.channel(c.channel).to_owned(), c.count.to_string()])
        .collect();
    if mix.no_channel > 0 {
        rows.push(vec![Term::NoChannel.text(lang).to_owned(), mix.no_channel.to_string()]);
    }
    if rows.is_empty() {
        writeln!(out, "  {}", Term::Nothing.text(lang)).ok();
        return;
    }
    table(out, &rows);
}

fn presence(out: &mut String, lang: Lang, mix: &ChannelMix, who: &str) {
    let (online, offline, unknown) = mix.percentages();
    let mut line = String::from("  ");
    if !who.is_empty() {
        let colon = if lang == Lang::Fr { "\u{a0}:" } else { ":" };
        write!(line, "{who}{colon} ").ok();
    }
    write!(
        line,
        "{} {} ({}) · {} {} ({})",
        Term::Online.text(lang),
        mix.online,
        lang.percent(online),
        Term::Offline.text(lang),
        mix.offline,
        lang.percent(offline)
    )
    .ok();
    if mix.unknown > 0 {
        write!(line, " · {} {} ({})", Term::NotGiven.text(lang), mix.unknown, lang.percent(unknown)).ok();
    }
    write!(line, " — {} {}", mix.touchpoints, Term::Touchpoints.text(lang)).ok();
    writeln!(out, "{line}").ok();
}

/// Rows as columns padded to their widest cell (in characters); the first column is left-aligned,
/// the others right-aligned.
fn table(out: &mut String, rows: &[Vec<String>]) {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|c| rows.iter().filter_map(|r| r.get(c)).map(|s| s.chars().count()).max().unwrap_or(0))
        .collect();
    for row in rows {
        let mut line = String::from("  ");
        for (c, cell) in row.iter().enumerate() {
            let pad = " ".repeat(widths[c].saturating_sub(cell.chars().count()));
            if c == 0 {
                write!(line, "{cell}{pad}").ok();
            } else {
                write!(line, "   {pad}{cell}").ok();
            }
        }
        writeln!(out, "{}", line.trim_end()).ok();
    }
}
