//! The participant page: HTML, CSS and JavaScript compiled into the binary (nothing is read from
//! disk, nothing is fetched from elsewhere), with its words in the map's language.

/// The page's script.
pub(super) const JS: &str = include_str!("page/app.js");
/// The page's style sheet.
pub(super) const CSS: &str = include_str!("page/app.css");
/// The page, with `{{…}}` slots filled by [`html`].
const HTML: &str = include_str!("page/index.html");

/// The page's words, French or English.
struct Words {
    lang: &'static str,
    entries: &'static [(&'static str, &'static str)],
}

const FRENCH: Words = Words {
    lang: "fr",
    entries: &[
        ("title", "Atelier parcours"),
        ("heading", "Écrire sur la carte"),
        ("text_label", "Votre note"),
        ("text_hint", "Une idée, un irritant, une question…"),
        ("send", "Envoyer"),
        ("more", "Précisions (facultatif)"),
        ("stage", "Étape"),
        ("any_stage", "Toutes les étapes"),
        ("kind", "Type"),
        ("kind_Note", "Remarque"),
        ("kind_Touchpoint", "Point de contact"),
        ("kind_PainPoint", "Point de douleur"),
        ("kind_Opportunity", "Opportunité"),
        ("kind_Idea", "Idée"),
        ("kind_Question", "Question"),
        ("emotion", "Ressenti"),
        ("emotion_none", "Sans avis"),
        ("emotion_-2", "Très négatif"),
        ("emotion_-1", "Négatif"),
        ("emotion_0", "Neutre"),
        ("emotion_1", "Positif"),
        ("emotion_2", "Très positif"),
        ("name", "Votre prénom (facultatif, anonyme sinon)"),
        ("map", "La carte"),
        ("follow", "Suivre l’animateur"),
        ("vote", "Vote"),
        ("votes_left", "Points restants\u{a0}: {n}"),
        ("vote_clear", "Retirer un point"),
        ("in_all", "{n} au total"),
        ("time_left", "Temps restant\u{a0}: {t}"),
        ("vote_closed", "Le vote est terminé."),
        ("online", "Connecté"),
        ("offline", "Hors ligne — vos notes partiront au retour du réseau"),
        ("connecting", "Connexion…"),
        ("closed", "La salle est fermée ou son lien a changé."),
        ("removed", "L’animateur vous a retiré de la salle."),
        ("pending", "En attente d’envoi\u{a0}: {n}"),
        ("sent", "Note reçue\u{a0}!"),
        ("too_long", "Note trop longue ({n} caractères au plus)."),
        ("rate", "Trop de notes d’un coup\u{a0}: elle partira dans un instant."),
        ("refused", "Note refusée."),
        ("full", "La salle est pleine."),
        ("chars_left", "{n} caractères restants"),
    ],
};

const ENGLISH: Words = Words {
    lang: "en",
    entries: &[
        ("title", "Journey workshop"),
        ("heading", "Write on the map"),
        ("text_label", "Your note"),
        ("text_hint", "An idea, a pain point, a question…"),
        ("send", "Send"),
        ("more", "Details (optional)"),
        ("stage", "Stage"),
        ("any_stage", "All stages"),
        ("kind", "Kind"),
        ("kind_Note", "Remark"),
        ("kind_Touchpoint", "Touchpoint"),
        ("kind_PainPoint", "Pain point"),
        ("kind_Opportunity", "Opportunity"),
        ("kind_Idea", "Idea"),
        ("kind_Question", "Question"),
        ("emotion", "Feeling"),
        ("emotion_none", "No opinion"),
        ("emotion_-2", "Very negative"),
        ("emotion_-1", "Negative"),
        ("emotion_0", "Neutral"),
        ("emotion_1", "Positive"),
        ("emotion_2", "Very positive"),
        ("name", "Your first name (optional; anonymous otherwise)"),
        ("map", "The map"),
        ("follow", "Follow the facilitator"),
        ("vote", "Vote"),
        ("votes_left", "Dots left: {n}"),
        ("vote_clear", "Remove a dot"),
        ("in_all", "{n} in all"),
        ("time_left", "Time left: {t}"),
        ("vote_closed", "The vote is over."),
        ("online", "Connected"),
        ("offline", "Offline — your notes will be sent when the network is back"),
        ("connecting", "Connecting…"),
        ("closed", "The room is closed or its link changed."),
        ("removed", "The facilitator removed you from the room."),
        ("pending", "Waiting to send: {n}"),
        ("sent", "Note received!"),
        ("too_long", "Note too long ({n} characters at most)."),
        ("rate", "Too many notes at once: it will go in a moment."),
        ("refused", "Note refused."),
        ("full", "The room is full."),
        ("chars_left", "{n} characters left"),
    ],
};

impl Words {
    fn for_language(language: &str) -> &'static Words {
        let primary = language.split(['-', '_']).next().unwrap_or_default();
        if primary.eq_ignore_ascii_case("fr") { &FRENCH } else { &ENGLISH }
    }
}

/// Escapes text for HTML content and attribute values.
pub(super) fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The page for a room: its words in the map's language, its files under `/r/TOKEN/`.
pub(super) fn html(language: &str, token: &str, max_note_chars: usize) -> String {
    let words = Words::for_language(language);
    // The words for the script, as JSON in a data block (never run; `<` escaped so that no
    // word can close the element).
    let table: serde_json::Map<String, serde_json::Value> =
        words.entries.iter().map(|(k, v)| ((*k).to_owned(), serde_json::Value::from(*v))).collect();
    let json = serde_json::Value::Object(table).to_string().replace('<', "\\u003c");
    let mut page = HTML.replace("{{lang}}", words.lang);
    page = page.replace("{{base}}", &format!("/r/{}/", escape_html(token)));
    page = page.replace("{{max}}", &max_note_chars.to_string());
    page = page.replace("{{words}}", &json);
    for (key, value) in words.entries {
        page = page.replace(&format!("{{{{{key}}}}}"), &escape_html(value));
    }
    page
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_slot_is_filled_in_both_languages() {
        for language in ["fr", "en", "fr-CA", ""] {
            let page = html(language, "tok", 500);
            assert!(!page.contains("{{"), "{language}: {}", &page[page.find("{{").unwrap()..][..40]);
        }
        assert!(html("fr", "t", 500).contains("lang=\"fr\""));
        assert!(html("en-GB", "t", 500).contains("Write on the map"));
    }

    #[test]
    fn both_languages_have_the_same_words() {
        let keys = |w: &Words| w.entries.iter().map(|(k, _)| *k).collect::<Vec<_>>();
        assert_eq!(keys(&FRENCH), keys(&ENGLISH));
        assert!(FRENCH.entries.iter().all(|(_, v)| !v.is_empty()));
    }

    #[test]
    fn the_page_has_the_form_the_issue_asks_for() {
        let page = html("fr", "t", 500);
        assert!(page.contains("<form"));
        assert!(page.contains("<textarea") && page.contains("name=\"text\""));
        assert!(page.contains("type=\"submit\""));
        assert!(!page.contains("http://") && !page.contains("https://"), "nothing from elsewhere");
        assert!(!JS.contains("innerHTML"), "participant text is never markup");
    }

    #[test]
    fn escaping() {
        assert_eq!(escape_html("<b a=\"x\">&'"), "&lt;b a=&quot;x&quot;&gt;&amp;&#39;");
    }
}
