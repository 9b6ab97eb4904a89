//! New map from a template: a gallery of the built-in templates, each shown as a small picture of
//! its own poster (drawn from its display list by the canvas painter), with its name, what it is
//! for and what it holds.

use super::super::i18n::{Lang, N, T, fill};
use crate::display::DisplayList;
use crate::layout::{LayoutOptions, ThemeName};
use crate::model::Map;
use crate::paint::screen::{MapToScreen, ScreenPainter};
use crate::templates::Template;

/// One template, laid out once for its preview.
pub struct Entry {
    /// The built-in template.
    pub template: &'static Template,
    /// Its map, or why it could not be read (a bug in a built-in template, shown, never a panic).
    pub map: Result<Map, String>,
    list: DisplayList,
    painter: ScreenPainter,
}

/// The template gallery: its entries, laid out when it is first shown.
#[derive(Default)]
pub struct Gallery {
    entries: Vec<Entry>,
    theme: Option<ThemeName>,
    lang: Option<Lang>,
}

/// The name and the one-line description of a template's family, in the interface's language.
pub fn template_texts(template: &Template) -> (T, T) {
    match template.family {
        "ecommerce" => (T::TplEcommerce, T::TplEcommerceText),
        "b2b-purchase" => (T::TplB2b, T::TplB2bText),
        "saas-onboarding" => (T::TplSaas, T::TplSaasText),
        "after-sales" => (T::TplAfterSales, T::TplAfterSalesText),
        // "blank", and any template added without words of its own yet.
        _ => (T::TplBlank, T::TplBlankText),
    }
}

/// A template's name as the gallery shows it: the family's name, and the content's language when
/// it is not the interface's (« E-commerce (anglais) »).
pub fn template_name(template: &Template, lang: Lang) -> String {
    let name = template_texts(template).0.tr(lang);
    if template.language == lang.tag() {
        return name.to_owned();
    }
    let language = match (lang, template.language) {
        (Lang::Fr, "fr") => "français",
        (Lang::Fr, "en") => "anglais",
        (Lang::En, "fr") => "French",
        (Lang::En, "en") => "English",
        (_, other) => other,
    };
    format!("{name} ({language})")
}

const CARD_WIDTH: f32 = 270.0;
const PREVIEW_HEIGHT: f32 = 120.0;

impl Gallery {
    fn ensure(&mut self, theme: ThemeName, lang: Lang) {
        if self.theme == Some(theme) && self.lang == Some(lang) && !self.entries.is_empty() {
            return;
        }
        let options = LayoutOptions { theme, ..LayoutOptions::default() };
        // The interface language's version of each family first, then the other languages'.
        let first = crate::templates::in_language(lang.tag());
        let rest = crate::templates::ALL.iter().filter(|t| !first.iter().any(|f| f.name == t.name));
        self.entries = first
            .iter()
            .copied()
            .chain(rest)
            .map(|template| {
                let map = template.map().map_err(|e| e.to_string());
                let list = map.as_ref().map(|m| crate::layout::poster(m, &options)).unwrap_or_default();
                Entry { template, map, list, painter: ScreenPainter::new() }
            })
            .collect();
        self.theme = Some(theme);
        self.lang = Some(lang);
    }
}

/// The answer to the gallery.
#[must_use]
#[derive(Clone, Debug, PartialEq)]
pub enum GalleryIntent {
    /// Start a new map from this template.
    Use(Box<Map>),
    /// A built-in template could not be read: say why.
    Broken(String),
    /// No new map after all.
    Cancel,
}

impl Gallery {
    /// The template gallery in the theme of the window; the answer once a template is chosen.
    pub fn ui(&mut self, ui: &mut egui::Ui, lang: Lang, theme: ThemeName) -> Option<GalleryIntent> {
        self.ensure(theme, lang);
        ui.heading(T::TemplatesTitle.tr(lang));
        ui.label(T::TemplatesHint.tr(lang));
        ui.add_space(6.0);
        let mut chosen = None;
        let columns = 3;
        egui::Grid::new("template-gallery").num_columns(columns).spacing([12.0, 12.0]).show(ui, |ui| {
            for (index, entry) in self.entries.iter_mut().enumerate() {
                // Ids from the template's name, not from the position.
                let picked = ui.push_id(entry.template.name, |ui| template_card(ui, entry, lang)).inner;
                if let Some(map) = picked {
                    chosen = Some(map);
                }
                if index % columns == columns - 1 {
                    ui.end_row();
                }
            }
        });
        let mut answer = chosen.map(|result| match result {
            Ok(map) => GalleryIntent::Use(Box::new(map)),
            Err(message) => GalleryIntent::Broken(message),
        });
        if ui.button(T::Cancel.tr(lang)).clicked() {
            answer = Some(GalleryIntent::Cancel);
        }
        answer
    }
}

impl std::fmt::Debug for Gallery {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let names: Vec<&str> = self.entries.iter().map(|e| e.template.name).collect();
        f.debug_struct("Gallery")
            .field("entries", &names)
            .field("theme", &self.theme)
            .field("lang", &self.lang)
            .finish()
    }
}

/// One template's card: its preview, name, description, facts and a button; returns the map
/// when the button (or the preview) was clicked.
fn template_card(ui: &mut egui::Ui, entry: &mut Entry, lang: Lang) -> Option<Result<Map, String>> {
    let text = template_texts(entry.template).1;
    let name = template_name(entry.template, lang);
    let mut chosen = false;
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(CARD_WIDTH);
        ui.vertical(|ui| {
            let (rect, preview) =
                ui.allocate_exact_size(egui::vec2(CARD_WIDTH, PREVIEW_HEIGHT), egui::Sense::click());
            let painter = ui.painter_at(rect);
            painter.rect_filled(rect, 4.0, ui.visuals().extreme_bg_color);
            let (width, height) = (entry.list.width, entry.list.height);
            if width > 0.0 && height > 0.0 {
                let zoom = ((rect.width() - 8.0) / width).min((rect.height() - 8.0) / height);
                let drawn = egui::vec2(width, height) * zoom;
                let origin = rect.center() - drawn / 2.0;
                entry.painter.paint(&entry.list, 0, MapToScreen { origin, zoom }, &painter);
            }
            ui.label(egui::RichText::new(&name).strong());
            ui.label(egui::RichText::new(text.tr(lang)).small());
            if let Ok(map) = &entry.map {
                let facts = fill(
                    T::TemplateFacts.tr(lang),
                    &[
                        ("stages", &N::Stages.n(lang, map.stages.len())),
                        ("lanes", &N::Lanes.n(lang, map.lanes.len())),
                        ("personas", &N::Personas.n(lang, map.personas.len())),
                    ],
                );
                ui.label(egui::RichText::new(facts).small().weak());
            }
            let button = ui.button(T::UseTemplate.tr(lang));
            // Each button is named after its template, so a screen reader (and kittest) can tell
            // the six apart.
            let label = format!("{} — {name}", T::UseTemplate.tr(lang));
            button.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, label.clone()));
            chosen = button.clicked() || preview.double_clicked();
        });
    });
    chosen.then(|| entry.map.clone())
}
