//! Element ids: short, readable in a diff, stable forever.

use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::fmt;

/// The id of a stage, persona, lane or card, e.g. `c-7kq2`. Ids are never changed by load or save.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Id(String);

impl Id {
    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// True when the id is usable: not empty, at most 64 characters, no whitespace or quotes.
    pub fn is_well_formed(&self) -> bool {
        !self.0.is_empty()
            && self.0.chars().count() <= 64
            && !self.0.chars().any(|c| c.is_whitespace() || c.is_control() || c == '"')
    }
}

impl From<&str> for Id {
    fn from(text: &str) -> Self {
        Self(text.to_owned())
    }
}

impl From<String> for Id {
    fn from(text: String) -> Self {
        Self(text)
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Which kind of element an id is for; it gives the id its prefix.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdKind {
    /// `s-…`
    Stage,
    /// `p-…`
    Persona,
    /// `l-…`
    Lane,
    /// `c-…`
    Card,
}

impl IdKind {
    /// The prefix of ids of this kind.
    pub fn prefix(self) -> &'static str {
        match self {
            Self::Stage => "s",
            Self::Persona => "p",
            Self::Lane => "l",
            Self::Card => "c",
        }
    }
}

/// Letters used in generated ids: lower-case, no look-alikes (no `i`, `l`, `o`, `u`).
const ALPHABET: &[u8; 32] = b"0123456789abcdefghjkmnpqrstvwxyz";

/// Makes fresh ids that are unique in a map and never reissued by this generator.
///
/// Ids are random rather than counted, so that two people adding cards on two branches do not both
/// make `c-12`. Four letters give 32⁴ ≈ 1 million ids per kind; the generator remembers every id it
/// has seen or issued (including those of deleted elements) and never hands one out again. When a
/// kind grows crowded it draws longer ids, so collisions stay rare between branches too.
#[derive(Clone, Debug)]
pub struct IdGen {
    state: u64,
    seen: BTreeSet<Id>,
}

impl IdGen {
    /// A generator with a fixed seed (for tests and reproducible tools).
    pub fn with_seed(seed: u64) -> Self {
        Self { state: seed ^ 0x9e37_79b9_7f4a_7c15, seen: BTreeSet::new() }
    }

    /// Marks ids as taken, e.g. every id of a map just loaded.
    pub fn observe<'a>(&mut self, ids: impl IntoIterator<Item = &'a Id>) {
        self.seen.extend(ids.into_iter().cloned());
    }

    /// A fresh id of this kind, never returned before and not among the observed ids.
    pub fn fresh(&mut self, kind: IdKind) -> Id {
        let crowded = self.seen.len() > 20_000;
        let letters = if crowded { 6 } else { 4 };
        loop {
            let mut text = String::with_capacity(2 + letters);
            text.push_str(kind.prefix());
            text.push('-');
            let mut bits = self.next_u64();
            for _ in 0..letters {
                text.push(char::from(ALPHABET[(bits & 31) as usize]));
                bits >>= 5;
            }
            let id = Id(text);
            if self.seen.insert(id.clone()) {
                return id;
            }
        }
    }

    /// splitmix64: small, fast, good enough for spreading ids.
    fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fresh_ids_are_short_prefixed_and_unique() {
        let mut ids = IdGen::with_seed(7);
        ids.observe(&[Id::from("c-0000")]);
        let made: BTreeSet<Id> = (0..5000).map(|_| ids.fresh(IdKind::Card)).collect();
        assert_eq!(made.len(), 5000);
        assert!(!made.contains(&Id::from("c-0000")));
        for id in &made {
            assert!(id.as_str().starts_with("c-") && id.as_str().len() == 6, "{id}");
            assert!(id.is_well_formed());
        }
    }

    #[test]
    fn same_seed_same_ids() {
        let a: Vec<Id> = {
            let mut g = IdGen::with_seed(1);
            (0..3).map(|_| g.fresh(IdKind::Stage)).collect()
        };
        let mut g = IdGen::with_seed(1);
        let b: Vec<Id> = (0..3).map(|_| g.fresh(IdKind::Stage)).collect();
        assert_eq!(a, b);
    }

    #[test]
    fn malformed_ids() {
        for bad in ["", "a b", "x\"y", "tab\t"] {
            assert!(!Id::from(bad).is_well_formed(), "{bad:?}");
        }
        assert!(Id::from("s-achat").is_well_formed());
    }
}
