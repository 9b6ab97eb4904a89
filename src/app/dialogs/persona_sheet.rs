//! The persona sheet on screen: the page `parcours export --sheet personas` prints for one
//! persona (`layout::personas` → display list → the screen painter), scaled into the inspector
//! as a preview, or larger in a window of its own.
//!
//! The layout is kept between frames in the context's memory, laid out again only when the map,
//! the persona or the theme changes; the painter keeps the photo's texture.

use super::super::i18n::{Lang, T};
use super::Closed;
use crate::display::DisplayList;
use crate::layout::{LayoutOptions, Layouter};
use crate::model::{Id, Map};
use crate::paint::screen::{MapToScreen, ScreenPainter};
use std::sync::{Arc, Mutex};

/// What the sheet was laid out for: the persona, the map's revision and the options.
type SheetKey = (Id, u64, crate::layout::ThemeName, usize);

/// A persona's sheet laid out once, with the painter that draws it.
#[derive(Default)]
struct Cached {
    key: Option<SheetKey>,
    list: Arc<DisplayList>,
    painter: ScreenPainter,
    stamp: u64,
}

/// The cache of one place that shows a sheet (the inspector's preview, the window).
type Shared = Arc<Mutex<Cached>>;

fn cache_id(place: &str) -> egui::Id {
    egui::Id::unique(("persona-sheet", place))
}

/// The sheet last shown in `place` (`"preview"`, `"window"`), for tests.
pub fn shown(ctx: &egui::Context, place: &str) -> Option<Arc<DisplayList>> {
    let shared = ctx.data(|d| d.get_temp::<Shared>(cache_id(place)))?;
    let cached = shared.lock().ok()?;
    cached.key.is_some().then(|| Arc::clone(&cached.list))
}

/// Draws the sheet of `persona` in `width` points (its height follows the page); `place` keeps
/// the preview's and the window's caches apart. The response carries the sheet's name for
/// screen readers and tests.
pub fn sheet_ui(
    ui: &mut egui::Ui,
    place: &str,
    (map, revision): (&Map, u64),
    persona: &Id,
    options: &LayoutOptions,
    width: f32,
) -> Option<egui::Response> {
    let person = map.persona(persona)?;
    let shared: Shared = ui.data_mut(|d| d.get_temp_mut_or_default::<Shared>(cache_id(place)).clone());
    let Ok(mut cached) = shared.lock() else { return None };
    let key = (persona.clone(), revision, options.theme, options.images.len());
    if cached.key.as_ref() != Some(&key) {
        let insights = crate::insights::Insights::of(map);
        cached.list = Arc::new(Layouter::new().persona_page(map, &insights, person, options));
        cached.key = Some(key);
        cached.stamp += 1;
    }
    let list = Arc::clone(&cached.list);
    if list.width <= 0.0 || list.height <= 0.0 {
        return None;
    }
    let zoom = width / list.width;
    let (rect, response) =
        ui.allocate_exact_size(egui::vec2(width, list.height * zoom), egui::Sense::click());
    let to_screen = MapToScreen { origin: rect.min, zoom };
    let stamp = cached.stamp;
    cached.painter.paint(&list, stamp, to_screen, &ui.painter_at(rect));
    ui.painter().rect_stroke(
        rect,
        0.0,
        ui.visuals().widgets.noninteractive.bg_stroke,
        egui::StrokeKind::Outside,
    );
    let name = person.name.clone();
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, &name));
    Some(response)
}

/// The persona's sheet, larger, in a window over the designer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PersonaSheetView {
    /// The persona shown.
    pub persona: Id,
}

impl PersonaSheetView {
    /// The sheet as large as the window allows, and a Close button.
    pub fn ui(
        &self,
        ui: &mut egui::Ui,
        lang: Lang,
        map: (&Map, u64),
        options: &LayoutOptions,
    ) -> Option<Closed> {
        ui.heading(T::PersonaSheetTitle.tr(lang));
        // An A4 page in portrait: as tall as the screen leaves room for.
        let height = (ui.ctx().content_rect().height() - 160.0).max(240.0);
        let width = (height / std::f32::consts::SQRT_2).min(ui.available_width().max(200.0));
        if sheet_ui(ui, "window", map, &self.persona, options, width).is_none() {
            ui.label(T::PersonaGone.tr(lang));
        }
        ui.button(T::Close.tr(lang)).clicked().then_some(Closed)
    }
}
