//! Built-in templates for new maps: ordinary map files from `assets/templates`, compiled in.

use crate::model::Map;
use std::path::Path;

/// A template: a name for the command line and the map file's text.
#[derive(Clone, Copy, Debug)]
pub struct Template {
    /// Name used by `parcours new --template NAME`.
    pub name: &'static str,
    /// One line saying what it is.
    pub summary: &'static str,
    /// The map file's text.
    pub text: &'static str,
}

/// Every built-in template, the default first.
pub const ALL: &[Template] = &[
    Template {
        name: "blank",
        summary: "an empty map with the default emotion scale",
        text: include_str!("../assets/templates/blank.ron"),
    },
    Template {
        name: "ecommerce-fr",
        summary: "e-commerce, in French: 7 stages from need awareness to loyalty, 3 personas",
        text: include_str!("../assets/templates/ecommerce-fr.ron"),
    },
    Template {
        name: "ecommerce-en",
        summary: "e-commerce, in English: 7 stages from need awareness to loyalty, 3 personas",
        text: include_str!("../assets/templates/ecommerce-en.ron"),
    },
    Template {
        name: "b2b-purchase-en",
        summary: "a B2B purchase, in English",
        text: include_str!("../assets/templates/b2b-purchase-en.ron"),
    },
    Template {
        name: "saas-onboarding-en",
        summary: "SaaS onboarding, in English: discover, trial, activation, adoption, renewal",
        text: include_str!("../assets/templates/saas-onboarding-en.ron"),
    },
    Template {
        name: "after-sales-fr",
        summary: "service après-vente, in French",
        text: include_str!("../assets/templates/after-sales-fr.ron"),
    },
];

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
}
