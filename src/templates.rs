//! Built-in templates for new maps: ordinary map files from `assets/templates`, compiled in.

use crate::model::Map;
use std::path::Path;

/// A template: a name for the command line and the map file's text.
#[derive(Clone, Copy, Debug)]
pub struct Template {
    /// Name used by `parcours new --template NAME`.
    pub name: &'static str,
    /// What the template is, the same for each of its languages (`ecommerce`, `blank`…).
    pub family: &'static str,
    /// The language of its content (`fr`, `en`), as in the map's `language` field.
    pub language: &'static str,
    /// One line saying what it is.
    pub summary: &'static str,
    /// The map file's text.
    pub text: &'static str,
}

macro_rules! template {
    ($name:literal, $family:literal, $language:literal, $summary:literal) => {
        Template {
            name: $name,
            family: $family,
            language: $language,
            summary: $summary,
            text: include_str!(concat!("../assets/templates/", $name, ".ron")),
        }
    };
}

/// Every built-in template, the default first. Each family exists in French and in English with the
/// same structure (stages, personas, lanes and their kinds); a test holds them to it.
pub const ALL: &[Template] = &[
    template!("blank", "blank", "en", "an empty map with the default emotion scale"),
    template!("blank-fr", "blank", "fr", "an empty map, in French: « Étape 1 », « Persona 1 »"),
    template!(
        "ecommerce-fr",
        "ecommerce",
        "fr",
        "e-commerce, in French: 7 stages from need awareness to loyalty, 3 personas"
    ),
    template!(
        "ecommerce-en",
        "ecommerce",
        "en",
        "e-commerce, in English: 7 stages from need awareness to loyalty, 3 personas"
    ),
    template!(
        "b2b-purchase-fr",
        "b2b-purchase",
        "fr",
        "a B2B purchase, in French: 7 stages, 3 personas for the buying group"
    ),
    template!(
        "b2b-purchase-en",
        "b2b-purchase",
        "en",
        "a B2B purchase, in English: 7 stages, 3 personas for the buying group"
    ),
    template!(
        "saas-onboarding-fr",
        "saas-onboarding",
        "fr",
        "SaaS onboarding, in French: découverte, essai, activation, adoption, renouvellement"
    ),
    template!(
        "saas-onboarding-en",
        "saas-onboarding",
        "en",
        "SaaS onboarding, in English: discover, trial, activation, adoption, renewal"
    ),
    template!(
        "after-sales-fr",
        "after-sales",
        "fr",
        "after-sales service, in French: 6 stages from the incident to loyalty"
    ),
    template!(
        "after-sales-en",
        "after-sales",
        "en",
        "after-sales service, in English: 6 stages from the incident to loyalty"
    ),
];

/// One template per family, in the order of [`ALL`]: the one in `language` where it exists, else the
/// English one. What a gallery offers first in an interface in that language.
pub fn in_language(language: &str) -> Vec<&'static Template> {
    let mut families: Vec<&str> = Vec::new();
    for template in ALL {
        if !families.contains(&template.family) {
            families.push(template.family);
        }
    }
    let of = |family: &str, language: &str| ALL.iter().find(|t| t.family == family && t.language == language);
    families.into_iter().filter_map(|family| of(family, language).or_else(|| of(family, "en"))).collect()
}

/// The blank template in `language` (English when there is none in it).
pub fn blank(language: &str) -> &'static Template {
    in_language(language).into_iter().find(|t| t.family == "blank").unwrap_or(&ALL[0])
}

/// The template with this name.
pub fn find(name: &str) -> Option<&'static Template> {
    ALL.iter().find(|t| t.name == name)
}

impl Template {
    /// The template as a map.
    pub fn map(&self) -> Result<Map, crate::file::FileError> {
        crate::file::from_str(self.text, Path::new(self.name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_template_loads_checks_and_is_canonical() {
        for template in ALL {
            let map = template.map().unwrap_or_else(|e| panic!("{e}"));
            let found = crate::check::check(&map, None);
            assert!(!crate::check::has_errors(&found), "{}: {found:?}", template.name);
            assert!(map.cards.is_empty(), "{} has cards", template.name);
            assert_eq!(crate::file::to_string(&map), template.text, "{} is not canonical", template.name);
        }
        assert!(find("ecommerce-fr").is_some() && find("nope").is_none());
    }

    /// The shape of a map: stage, persona and lane counts, each lane's kind (a persona lane by the
    /// persona's position) and the emotion scale.
    fn structure(map: &Map) -> (usize, usize, Vec<String>, String) {
        let lanes = map
            .lanes
            .iter()
            .map(|lane| match &lane.kind {
                crate::model::LaneKind::Persona(id) => {
                    format!("persona {:?}", map.personas.iter().position(|p| &p.id == id))
                }
                other => format!("{other:?}"),
            })
            .collect();
        (map.stages.len(), map.personas.len(), lanes, format!("{:?}", map.emotion_scale))
    }

    #[test]
    fn every_family_exists_in_french_and_english_with_the_same_structure() {
        let mut families: Vec<&str> = ALL.iter().map(|t| t.family).collect();
        families.dedup();
        for family in families {
            let of = |language: &str| {
                let found: Vec<_> =
                    ALL.iter().filter(|t| t.family == family && t.language == language).collect();
                assert_eq!(found.len(), 1, "{family} has {} templates in {language}", found.len());
                found[0].map().unwrap()
            };
            let (fr, en) = (of("fr"), of("en"));
            assert_eq!(fr.language, "fr", "{family}-fr says it is in {:?}", fr.language);
            assert_eq!(en.language, "en", "{family}-en says it is in {:?}", en.language);
            assert_eq!(structure(&fr), structure(&en), "{family}: French and English differ in structure");
            assert_ne!(fr.title, en.title, "{family}: the French title is the English one");
            for (a, b) in fr.stages.iter().zip(&en.stages).filter(|(a, b)| a.name == b.name) {
                // Words that are the same in both languages (Activation, Adoption, Incident) are fine;
                // a whole template left untranslated is not.
                assert!(
                    ["Activation", "Adoption", "Incident"].contains(&a.name.as_str()),
                    "{family}: stage {} = {}",
                    a.name,
                    b.name
                );
            }
        }
    }

    #[test]
    fn a_gallery_in_french_offers_french_templates_and_a_french_blank() {
        let french = in_language("fr");
        assert!(
            french.iter().all(|t| t.language == "fr"),
            "{:?}",
            french.iter().map(|t| t.name).collect::<Vec<_>>()
        );
        assert_eq!(french.len(), 5);
        assert!(in_language("en").iter().all(|t| t.language == "en"));
        // A language with no template gets the English ones.
        assert!(in_language("de").iter().all(|t| t.language == "en"));
        let blank = blank("fr").map().unwrap();
        assert_eq!(blank.title, "Carte sans titre");
        assert_eq!(blank.stages[0].name, "Étape 1");
        assert_eq!(self::blank("en").map().unwrap().title, "Untitled map");
    }
}
