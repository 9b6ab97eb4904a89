//! The words of the funnel page and of `parcours insights`, in French or English.
//!
//! Map content is never translated; only these labels follow `map.language`, through
//! [`Lang`] (which also formats numbers: `2,4 %` in French, `2.4%` in English).

use crate::lang::Lang;

/// A word or phrase of the funnel page and the insights report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Term {
    /// The page's title.
    FunnelTitle,
    /// What the funnel shows, under the title.
    FunnelNote,
    /// What `max.` before a share means.
    UpperBoundNote,
    /// Row: share of all people reaching the stage.
    Reached,
    /// Row: share of those reaching the stage that go on.
    GoOn,
    /// Row and metric: drop-off.
    DropOff,
    /// A step computed as 100 − drop-off.
    FromDropOff,
    /// A step that no metric gives.
    Unknown,
    /// Heading of the indicators rows.
    Indicators,
    /// Heading of the friction section.
    Friction,
    /// Heading of the stage-by-stage part of the report.
    ByStage,
    /// What the friction section shows.
    FrictionNote,
    /// Row of the shared lanes.
    AllPersonas,
    /// Mean emotion of a persona at a stage.
    MeanEmotion,
    /// Pain points.
    PainPoints,
    /// Opportunities (and ideas).
    Opportunities,
    /// Heading of the insights section.
    KeyInsights,
    /// Moments of truth.
    MomentsOfTruth,
    /// Heading of the cards most voted on in the workshop room.
    MostVoted,
    /// Dot votes, after a number.
    Votes,
    /// The lowest moment.
    Lowest,
    /// The highest moment.
    Highest,
    /// Touchpoints by channel.
    ByChannel,
    /// Online / offline mix.
    OnlineOffline,
    /// Online.
    Online,
    /// Offline.
    Offline,
    /// Neither channel nor presence given.
    NotGiven,
    /// Touchpoints without a channel.
    NoChannel,
    /// Nothing noted.
    Nothing,
    /// No emotion score.
    NoScore,
    /// "touchpoints", after a number.
    Touchpoints,
    /// A stage.
    Stage,
    /// Conversion (full word).
    Conversion,
}

impl Term {
    /// The term in a language.
    #[expect(clippy::match_same_arms, reason = "one table per language reads better than merged arms")]
    pub fn text(self, lang: Lang) -> &'static str {
        match (lang, self) {
            (Lang::Fr, Term::FunnelTitle) => "Entonnoir de conversion",
            (Lang::Fr, Term::FunnelNote) => {
                "Part des personnes encore dans le parcours à chaque étape, d’après la conversion \
                 de chaque étape (ou 100 - l’abandon)."
            }
            (Lang::Fr, Term::UpperBoundNote) => {
                "max.\u{a0}: au plus, car une étape précédente ne donne ni conversion ni abandon."
            }
            (Lang::Fr, Term::Reached) => "Part atteinte",
            (Lang::Fr, Term::GoOn) => "Passent à l’étape suivante",
            (Lang::Fr, Term::DropOff) => "Abandon",
            (Lang::Fr, Term::FromDropOff) => "d’après l’abandon",
            (Lang::Fr, Term::Unknown) => "inconnu",
            (Lang::Fr, Term::Indicators) => "Indicateurs",
            (Lang::Fr, Term::Friction) => "Points de friction",
            (Lang::Fr, Term::ByStage) => "Étape par étape : points de friction et opportunités",
            (Lang::Fr, Term::FrictionNote) => {
                "Points de douleur et émotions au plus bas (neutre ou moins), émotion moyenne par étape."
            }
            (Lang::Fr, Term::AllPersonas) => "Tous les personas",
            (Lang::Fr, Term::MeanEmotion) => "moy.",
            (Lang::Fr, Term::PainPoints) => "Points de douleur",
            (Lang::Fr, Term::Opportunities) => "Opportunités",
            (Lang::Fr, Term::KeyInsights) => "Points clés",
            (Lang::Fr, Term::MomentsOfTruth) => "Moments de vérité",
            (Lang::Fr, Term::MostVoted) => "Les plus votés (points de douleur et opportunités)",
            (Lang::Fr, Term::Votes) => "votes",
            (Lang::Fr, Term::Lowest) => "Le plus bas",
            (Lang::Fr, Term::Highest) => "Le plus haut",
            (Lang::Fr, Term::ByChannel) => "Points de contact par canal",
            (Lang::Fr, Term::OnlineOffline) => "En ligne / hors ligne",
            (Lang::Fr, Term::Online) => "En ligne",
            (Lang::Fr, Term::Offline) => "Hors ligne",
            (Lang::Fr, Term::NotGiven) => "Non précisé",
            (Lang::Fr, Term::NoChannel) => "Sans canal",
            (Lang::Fr, Term::Nothing) => "Rien de noté",
            (Lang::Fr, Term::NoScore) => "aucune émotion notée",
            (Lang::Fr, Term::Touchpoints) => "points de contact",
            (Lang::Fr, Term::Stage) => "Étape",
            (Lang::Fr, Term::Conversion) => "Conversion",
            (Lang::En, Term::FunnelTitle) => "Conversion funnel",
            (Lang::En, Term::FunnelNote) => {
                "Share of people still in the journey at each stage, from each stage’s conversion \
                 (or 100 - its drop-off)."
            }
            (Lang::En, Term::UpperBoundNote) => {
                "max.: at most, as an earlier stage gives neither conversion nor drop-off."
            }
            (Lang::En, Term::Reached) => "Share reached",
            (Lang::En, Term::GoOn) => "Go on to the next stage",
            (Lang::En, Term::DropOff) => "Drop-off",
            (Lang::En, Term::FromDropOff) => "from the drop-off",
            (Lang::En, Term::Unknown) => "unknown",
            (Lang::En, Term::Indicators) => "Indicators",
            (Lang::En, Term::Friction) => "Friction points",
            (Lang::En, Term::ByStage) => "Stage by stage: friction points and opportunities",
            (Lang::En, Term::FrictionNote) => {
                "Pain points and the lowest emotions (neutral or below), mean emotion per stage."
            }
            (Lang::En, Term::AllPersonas) => "All personas",
            (Lang::En, Term::MeanEmotion) => "mean",
            (Lang::En, Term::PainPoints) => "Pain points",
            (Lang::En, Term::Opportunities) => "Opportunities",
            (Lang::En, Term::KeyInsights) => "Insights",
            (Lang::En, Term::MomentsOfTruth) => "Moments of truth",
            (Lang::En, Term::MostVoted) => "Most voted (pain points and opportunities)",
            (Lang::En, Term::Votes) => "votes",
            (Lang::En, Term::Lowest) => "Lowest",
            (Lang::En, Term::Highest) => "Highest",
            (Lang::En, Term::ByChannel) => "Touchpoints by channel",
            (Lang::En, Term::OnlineOffline) => "Online / offline",
            (Lang::En, Term::Online) => "Online",
            (Lang::En, Term::Offline) => "Offline",
            (Lang::En, Term::NotGiven) => "Not given",
            (Lang::En, Term::NoChannel) => "No channel",
            (Lang::En, Term::Nothing) => "Nothing noted",
            (Lang::En, Term::NoScore) => "no emotion scored",
            (Lang::En, Term::Touchpoints) => "touchpoints",
            (Lang::En, Term::Stage) => "Stage",
            (Lang::En, Term::Conversion) => "Conversion",
        }
    }
}

/// `+ 3 autres` / `+ 3 more`: what a capped list leaves out.
pub fn more(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Fr => lang.count(n, "+\u{a0}{n}\u{a0}autre", "+\u{a0}{n}\u{a0}autres"),
        Lang::En => lang.count(n, "+\u{a0}{n}\u{a0}more", "+\u{a0}{n}\u{a0}more"),
    }
}

/// A share in percent, `max. 38 %` when it is an upper bound (the bundled fonts have no `≤`).
pub fn share(lang: Lang, share: super::Share) -> String {
    let percent = lang.percent(share.percent);
    if share.exact {
        percent
    } else {
        match lang {
            Lang::Fr | Lang::En => format!("max.\u{a0}{percent}"),
        }
    }
}

/// A mean or a score on the emotion scale with its sign: `+0,5`, `-2`, `0`.
pub fn score(lang: Lang, value: f64) -> String {
    let text = lang.number(value);
    if text != "0" && value > 0.0 { format!("+{text}") } else { text }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insights::Share;
    use crate::text::{FontStyle, Fonts};

    #[test]
    fn shares_scores_and_counts_in_both_languages() {
        assert_eq!(share(Lang::Fr, Share { percent: 7.98, exact: false }), "max.\u{a0}8\u{202f}%");
        assert_eq!(share(Lang::En, Share { percent: 38.0, exact: true }), "38%");
        assert_eq!(score(Lang::Fr, 0.5), "+0,5");
        assert_eq!(score(Lang::En, -1.25), "-1.3");
        assert_eq!(score(Lang::En, 0.01), "0");
        assert_eq!(more(Lang::Fr, 1), "+\u{a0}1\u{a0}autre");
        assert_eq!(more(Lang::Fr, 4), "+\u{a0}4\u{a0}autres");
    }

    #[test]
    fn every_term_is_drawable_with_the_bundled_fonts() {
        let fonts = Fonts::get();
        let terms = [
            Term::FunnelTitle,
            Term::FunnelNote,
            Term::UpperBoundNote,
            Term::Reached,
            Term::GoOn,
            Term::FromDropOff,
            Term::Friction,
            Term::FrictionNote,
            Term::MomentsOfTruth,
            Term::OnlineOffline,
            Term::NotGiven,
        ];
        for lang in [Lang::Fr, Lang::En] {
            for term in terms {
                for c in term.text(lang).chars() {
                    for style in [FontStyle::Regular, FontStyle::Bold] {
                        assert!(fonts.covers(style, c), "{c:?} of {term:?}");
                    }
                }
            }
        }
    }
}
