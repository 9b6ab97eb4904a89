//! The inspector: every field of the selected card, stage or persona, or the map's settings.
//! Typing in one field is one undo step (`apply_typing`, ended when the field loses focus).

use super::super::dialogs::FilePurpose;
use super::super::i18n::T;
use super::PanelContext;
use crate::display::Target;
use crate::edit::{CardField, Command, MapField, PersonaField, StageField};
use crate::model::{CardKind, Channel, CustomMetric, EmotionScale, Id, Presence, Rgb};

impl PanelContext<'_> {
    /// The fields of the first selected element, or the map's.
    pub fn inspector_ui(&mut self, ui: &mut egui::Ui) {
        egui::ScrollArea::vertical().show(ui, |ui| {
            let first = self.selection.first().cloned();
            match first {
                Some(Target::Card(id)) => self.card_inspector(ui, &id),
                Some(Target::Stage(id)) => self.stage_inspector(ui, &id),
                Some(Target::Lane(id)) => {
                    let persona = self.editor.map().lane(&id).and_then(|l| l.kind.persona().cloned());
                    match persona {
                        Some(persona) => self.persona_inspector(ui, &persona),
                        None => self.lane_inspector(ui, &id),
                    }
                }
                Some(Target::Cell { lane, stage } | Target::EmotionPoint { lane, stage }) => {
                    ui.heading(self.t(T::Cell));
                    let map = self.editor.map();
                    // A persona's lane is named by its persona (« Léa × Achat »).
                    let lane_name = super::lane_name(map, &lane, self.lang);
                    let stage_name = map.stage(&stage).map(|s| s.name.clone()).unwrap_or_default();
                    ui.label(format!("{lane_name} × {stage_name}"));
                    ui.label(self.t(T::CellHint));
                    self.map_inspector(ui);
                }
                Some(Target::Title) | None => self.map_inspector(ui),
            }
        });
    }

    /// A text field whose edits are one undo step per field; `make` builds the command.
    fn text_field(
        &mut self,
        ui: &mut egui::Ui,
        label: &str,
        value: &str,
        multiline: bool,
        make: impl Fn(String) -> Command,
    ) {
        let id = ui.make_persistent_id(("inspector-field", label));
        // While the field has the keyboard, show what was typed (a trailing comma or dot would
        // otherwise vanish when the value is read back from the map).
        let focused = ui.memory(|m| m.has_focus(id));
        let mut text = if focused {
            ui.data(|d| d.get_temp::<String>(id)).unwrap_or_else(|| value.to_owned())
        } else {
            value.to_owned()
        };
        let label = ui.label(label);
        let edit = if multiline {
            egui::TextEdit::multiline(&mut text).desired_rows(3).desired_width(f32::INFINITY).id(id)
        } else {
            egui::TextEdit::singleline(&mut text).desired_width(f32::INFINITY).id(id)
        };
        let response = ui.add(edit).labelled_by(label.id);
        if response.has_focus() {
            ui.data_mut(|d| d.insert_temp(id, text.clone()));
        }
        if response.changed() {
            let result = self.editor.apply_typing(make(text));
            self.report(result);
        }
        if response.lost_focus() {
            self.editor.end_typing();
            ui.data_mut(|d| d.remove::<String>(id));
        }
    }

    fn apply_now(&mut self, command: Command) {
        let result = self.editor.apply(command);
        self.report(result);
    }

    fn colour_field(
        &mut self,
        ui: &mut egui::Ui,
        label: &str,
        value: Option<Rgb>,
        make: impl Fn(Option<Rgb>) -> Command,
    ) {
        ui.horizontal(|ui| {
            ui.label(label);
            let mut on = value.is_some();
            if ui.checkbox(&mut on, self.t(T::Custom)).changed() {
                self.apply_now(make(on.then_some(Rgb::new(0x2f, 0x6f, 0xb0))));
            }
            if let Some(Rgb(rgb)) = value {
                let mut c = rgb;
                let response = ui.color_edit_button_srgb(&mut c);
                if response.changed() {
                    let result = self.editor.apply_typing(make(Some(Rgb(c))));
                    self.report(result);
                }
                if response.drag_stopped() || response.lost_focus() {
                    self.editor.end_typing();
                }
            }
        });
    }

    fn card_inspector(&mut self, ui: &mut egui::Ui, id: &Id) {
        let Some(card) = self.editor.map().card(id).cloned() else { return };
        ui.heading(self.t(T::Card));
        let lang = self.lang;
        // Where the card sits: its lane (persona) × its stage, and two lists that move it.
        let map = self.editor.map();
        let stage_name = map.stage(&card.stage).map(|s| s.name.clone()).unwrap_or_default();
        ui.label(format!("{} × {stage_name}", super::lane_name(map, &card.lane, lang)));
        self.card_place_ui(ui, &card);
        let cid = id.clone();
        self.text_field(ui, self.t(T::Title), &card.title, false, |v| Command::SetCard {
            id: cid.clone(),
            field: CardField::Title(v),
        });
        self.text_field(ui, self.t(T::Details), &card.details, true, |v| Command::SetCard {
            id: cid.clone(),
            field: CardField::Details(v),
        });
        ui.horizontal(|ui| {
            ui.label(T::Kind.tr(lang));
            let mut kind = card.kind;
            egui::ComboBox::from_id_salt("card-kind").selected_text(lang.kind(kind)).show_ui(ui, |ui| {
                for k in CardKind::ALL {
                    ui.selectable_value(&mut kind, k, lang.kind(k));
                }
            });
            if kind != card.kind {
                self.apply_now(Command::SetCard { id: cid.clone(), field: CardField::Kind(kind) });
            }
        });
        ui.horizontal(|ui| {
            ui.label(T::Channel.tr(lang));
            let mut channel = card.channel;
            egui::ComboBox::from_id_salt("card-channel")
                .selected_text(channel.map_or(T::None.tr(lang), |c| lang.channel(c)))
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut channel, None, T::None.tr(lang));
                    for c in Channel::ALL {
                        ui.selectable_value(&mut channel, Some(c), lang.channel(c));
                    }
                });
            if channel != card.channel {
                self.apply_now(Command::SetCard { id: cid.clone(), field: CardField::Channel(channel) });
            }
        });
        ui.horizontal(|ui| {
            ui.label(T::Presence.tr(lang));
            let mut presence = card.presence;
            let name = |p: Option<Presence>| match p {
                None => T::FromChannel.tr(lang),
                Some(Presence::Online) => T::Online.tr(lang),
                Some(Presence::Offline) => T::Offline.tr(lang),
            };
            egui::ComboBox::from_id_salt("card-presence").selected_text(name(presence)).show_ui(ui, |ui| {
                for p in [None, Some(Presence::Online), Some(Presence::Offline)] {
                    ui.selectable_value(&mut presence, p, name(p));
                }
            });
            if presence != card.presence {
                self.apply_now(Command::SetCard { id: cid.clone(), field: CardField::Presence(presence) });
            }
        });
        let scale = self.editor.map().emotion_scale.clone();
        ui.horizontal(|ui| {
            ui.label(T::Emotion.tr(lang));
            let mut emotion = card.emotion;
            let text = |e: Option<i32>| match e {
                None => T::None.tr(lang).to_owned(),
                Some(level) => {
                    scale.label(level).map_or_else(|| format!("{level:+}"), |l| format!("{level:+} {l}"))
                }
            };
            egui::ComboBox::from_id_salt("card-emotion").selected_text(text(emotion)).show_ui(ui, |ui| {
                ui.selectable_value(&mut emotion, None, T::None.tr(lang));
                for level in scale.min..=scale.max {
                    ui.selectable_value(&mut emotion, Some(level), text(Some(level)));
                }
            });
            if emotion != card.emotion {
                self.apply_now(Command::SetCard { id: cid.clone(), field: CardField::Emotion(emotion) });
            }
        });
        self.text_field(ui, self.t(T::Tags), &card.tags.join(", "), false, |v| Command::SetCard {
            id: cid.clone(),
            field: CardField::Tags(split_list(&v, ',')),
        });
        self.text_field(ui, self.t(T::Link), card.link.as_deref().unwrap_or(""), false, |v| {
            Command::SetCard { id: cid.clone(), field: CardField::Link((!v.trim().is_empty()).then_some(v)) }
        });
        self.colour_field(ui, self.t(T::Colour), card.colour, |c| Command::SetCard {
            id: cid.clone(),
            field: CardField::Colour(c),
        });
    }

    /// The card's lane and stage as two lists; choosing another moves the card to the end of
    /// that cell (one `MoveCards`, one undo step).
    fn card_place_ui(&mut self, ui: &mut egui::Ui, card: &crate::model::Card) {
        let lang = self.lang;
        let map = self.editor.map();
        let lanes: Vec<(Id, String)> =
            map.lanes.iter().map(|l| (l.id.clone(), super::lane_name(map, &l.id, lang))).collect();
        let stages: Vec<(Id, String)> = map.stages.iter().map(|s| (s.id.clone(), s.name.clone())).collect();
        let (mut to_lane, mut to_stage) = (card.lane.clone(), card.stage.clone());
        let name_of = |list: &[(Id, String)], id: &Id| {
            list.iter().find(|(i, _)| i == id).map(|(_, n)| n.clone()).unwrap_or_default()
        };
        egui::Grid::new("card-place").num_columns(2).show(ui, |ui| {
            for (label, list, chosen, salt) in [
                (T::Lane, &lanes, &mut to_lane, "card-lane"),
                (T::Stage, &stages, &mut to_stage, "card-stage"),
            ] {
                let label = ui.label(self.t(label));
                egui::ComboBox::from_id_salt(salt)
                    .selected_text(name_of(list, chosen))
                    .show_ui(ui, |ui| {
                        for (id, name) in list {
                            ui.selectable_value(chosen, id.clone(), name);
                        }
                    })
                    .response
                    .labelled_by(label.id);
                ui.end_row();
            }
        });
        if to_lane != card.lane || to_stage != card.stage {
            let index = self.editor.map().cell_cards(&to_lane, &to_stage).len();
            let ids = vec![card.id.clone()];
            self.apply_now(Command::MoveCards { ids, lane: to_lane, stage: to_stage, index });
        }
    }

    fn stage_inspector(&mut self, ui: &mut egui::Ui, id: &Id) {
        let Some(stage) = self.editor.map().stage(id).cloned() else { return };
        ui.heading(self.t(T::Stage));
        let sid = id.clone();
        self.text_field(ui, self.t(T::Name), &stage.name, false, |v| Command::SetStage {
            id: sid.clone(),
            field: StageField::Name(v),
        });
        self.text_field(ui, self.t(T::Description), &stage.description, true, |v| Command::SetStage {
            id: sid.clone(),
            field: StageField::Description(v),
        });
        self.colour_field(ui, self.t(T::Colour), stage.colour, |c| Command::SetStage {
            id: sid.clone(),
            field: StageField::Colour(c),
        });
        ui.separator();
        ui.label(egui::RichText::new(self.t(T::Metrics)).strong());
        let m = &stage.metrics;
        // The ranges `parcours check` holds them to: a value typed past one is brought back to it,
        // so the map never holds what the checker calls an error.
        let fields: [MetricRow; 5] = [
            (T::Nps, m.nps, StageField::Nps, (-100.0, 100.0)),
            (T::Ces, m.ces, StageField::Ces, (1.0, 7.0)),
            (T::Csat, m.csat, StageField::Csat, (0.0, 100.0)),
            (T::Conversion, m.conversion, StageField::Conversion, (0.0, 100.0)),
            (T::DropOff, m.drop_off, StageField::DropOff, (0.0, 100.0)),
        ];
        for (label, value, make, (low, high)) in fields {
            let text = value.map(|v| v.to_string()).unwrap_or_default();
            let sid = sid.clone();
            self.text_field(ui, self.t(label), &text, false, move |v| {
                let parsed = v.trim().replace(',', ".").parse::<f64>().ok().filter(|x| x.is_finite());
                Command::SetStage { id: sid.clone(), field: make(parsed.map(|x| x.clamp(low, high))) }
            });
        }
        let custom_text = m
            .custom
            .iter()
            .map(|c| {
                let target = c.target.map(|t| format!(" / {t}")).unwrap_or_default();
                format!("{} = {} {}{}", c.name, c.value, c.unit, target)
            })
            .collect::<Vec<_>>()
            .join("\n");
        self.text_field(ui, self.t(T::CustomMetrics), custom_text.trim_end(), true, |v| Command::SetStage {
            id: sid.clone(),
            field: StageField::Custom(parse_custom(&v)),
        });
        if ui.button(self.t(T::DeleteStage)).clicked() {
            let result = self.editor.delete(std::slice::from_ref(id));
            if self.report(result).is_some() {
                self.selection.clear();
            }
        }
    }

    fn lane_inspector(&mut self, ui: &mut egui::Ui, id: &Id) {
        let Some(lane) = self.editor.map().lane(id).cloned() else { return };
        ui.heading(self.t(T::Lane));
        let kind = self.t(super::lanes::lane_kind_text(&lane.kind));
        ui.label(self.tf(T::LaneKindIs, &[("kind", kind)]));
        let lid = id.clone();
        self.text_field(ui, self.t(T::Title), &lane.title, false, |v| Command::SetLane {
            id: lid.clone(),
            field: crate::edit::LaneField::Title(v),
        });
        let mut hidden = lane.hidden;
        if ui.checkbox(&mut hidden, self.t(T::Hidden)).changed() {
            let result = self.editor.set_lane_hidden(id, hidden);
            self.report(result);
        }
    }

    fn persona_inspector(&mut self, ui: &mut egui::Ui, id: &Id) {
        let Some(p) = self.editor.map().persona(id).cloned() else { return };
        ui.heading(self.t(T::Persona));
        // The avatar: the photo when it decoded (cropped to fill, centred), else a placeholder
        // with initials.
        let photo = p.photo.as_ref().and_then(|key| self.images.get(key)).cloned();
        let photo_ok = photo.is_some();
        ui.horizontal(|ui| {
            let (rect, response) = ui.allocate_exact_size(egui::vec2(56.0, 56.0), egui::Sense::hover());
            if let Some(image) = &photo {
                let texture = photo_texture(ui.ctx(), image);
                egui::Image::new(&texture)
                    .uv(cover_uv(image.width, image.height))
                    .corner_radius(28.0)
                    .paint_at(ui, rect);
                let alt = self.tf(T::PhotoOf, &[("name", &p.name)]);
                response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, &alt));
            } else {
                ui.painter().circle_filled(rect.center(), 28.0, ui.visuals().widgets.inactive.bg_fill);
                let initials: String =
                    p.name.split_whitespace().filter_map(|w| w.chars().next()).take(2).collect();
                ui.painter().text(
                    rect.center(),
                    egui::Align2::CENTER_CENTER,
                    initials,
                    egui::FontId::proportional(18.0),
                    ui.visuals().text_color(),
                );
            }
            ui.vertical(|ui| {
                if let Some(photo) = &p.photo {
                    // A long path is cut, not a reason for the panel to widen.
                    ui.add(egui::Label::new(egui::RichText::new(photo).small()).truncate());
                    if !photo_ok {
                        ui.label(
                            egui::RichText::new(self.t(T::PhotoMissing)).color(ui.visuals().warn_fg_color),
                        );
                    }
                }
                // The buttons wrap under each other in a narrow panel rather than widen it.
                ui.horizontal_wrapped(|ui| {
                    if ui.button(self.t(T::ChoosePhoto)).clicked() {
                        self.pick_file(FilePurpose::Photo(id.clone()));
                    }
                    if p.photo.is_some() && ui.button(self.t(T::RemovePhoto)).clicked() {
                        self.apply_now(Command::SetPersona {
                            id: id.clone(),
                            field: PersonaField::Photo(None),
                        });
                        self.load_images();
                    }
                });
            });
        });
        self.persona_preview_ui(ui, id);
        let pid = id.clone();
        let set = move |field: PersonaField| Command::SetPersona { id: pid.clone(), field };
        let s = set.clone();
        self.text_field(ui, self.t(T::Name), &p.name, false, move |v| s(PersonaField::Name(v)));
        let s = set.clone();
        self.text_field(
            ui,
            self.t(T::Age),
            &p.age.map(|a| a.to_string()).unwrap_or_default(),
            false,
            move |v| s(PersonaField::Age(v.trim().parse().ok())),
        );
        let s = set.clone();
        self.text_field(ui, self.t(T::Gender), &p.gender, false, move |v| s(PersonaField::Gender(v)));
        let s = set.clone();
        self.text_field(ui, self.t(T::Family), &p.family, false, move |v| s(PersonaField::Family(v)));
        let s = set.clone();
        self.text_field(ui, self.t(T::Occupation), &p.occupation, false, move |v| {
            s(PersonaField::Occupation(v))
        });
        let s = set.clone();
        self.text_field(ui, self.t(T::Segment), &p.segment, false, move |v| s(PersonaField::Segment(v)));
        let s = set.clone();
        self.text_field(ui, self.t(T::Quote), &p.quote, true, move |v| s(PersonaField::Quote(v)));
        let lists: [ListRow<'_>; 4] = [
            (T::Hobbies, &p.hobbies, PersonaField::Hobbies),
            (T::BuyingHabits, &p.buying_habits, PersonaField::BuyingHabits),
            (T::Goals, &p.goals, PersonaField::Goals),
            (T::Frustrations, &p.frustrations, PersonaField::Frustrations),
        ];
        for (label, values, make) in lists {
            let s = set.clone();
            self.text_field(ui, self.t(label), &values.join("\n"), true, move |v| {
                s(make(split_list(&v, '\n')))
            });
        }
        let s = set.clone();
        self.colour_field(ui, self.t(T::Colour), p.colour, move |c| s(PersonaField::Colour(c)));
        let lanes: Vec<Id> = self
            .editor
            .map()
            .lanes
            .iter()
            .filter(|l| l.kind.persona() == Some(id))
            .map(|l| l.id.clone())
            .collect();
        if ui.button(self.t(T::AnotherLane)).clicked() {
            self.add_lane_for_persona(id);
        }
        if ui.button(self.t(T::DeletePersona)).clicked() {
            let mut ids = lanes;
            ids.push(id.clone());
            let result = self.editor.delete(&ids);
            if self.report(result).is_some() {
                self.selection.clear();
            }
        }
    }

    /// The persona's sheet as it prints, scaled to the panel's width, and a button that opens
    /// it larger.
    fn persona_preview_ui(&mut self, ui: &mut egui::Ui, id: &Id) {
        ui.add_space(4.0);
        ui.label(egui::RichText::new(self.t(T::PersonaSheetTitle)).strong());
        let options = crate::layout::LayoutOptions {
            theme: self.theme,
            images: self.images.clone(),
            ..crate::layout::LayoutOptions::default()
        };
        let width = ui.available_width().clamp(80.0, 240.0);
        let map = (self.editor.map(), self.editor.revision());
        let shown = super::super::dialogs::persona_sheet::sheet_ui(ui, "preview", map, id, &options, width);
        let larger = ui.button(self.t(T::PersonaSheetLarger)).clicked();
        if larger || shown.is_some_and(|r| r.clicked()) {
            let view = super::super::dialogs::PersonaSheetView { persona: id.clone() };
            self.intents
                .push(super::super::intents::Intent::Show(super::super::dialogs::Dialog::PersonaSheet(view)));
        }
        ui.separator();
    }

    fn map_inspector(&mut self, ui: &mut egui::Ui) {
        let map = self.editor.map().clone();
        ui.heading(self.t(T::Map));
        self.text_field(ui, self.t(T::Title), &map.title, false, |v| Command::SetMap {
            field: MapField::Title(v),
        });
        self.text_field(ui, self.t(T::Description), &map.description, true, |v| Command::SetMap {
            field: MapField::Description(v),
        });
        self.text_field(ui, self.t(T::Language), &map.language, false, |v| Command::SetMap {
            field: MapField::Language(v),
        });
        self.text_field(ui, self.t(T::Author), &map.author, false, |v| Command::SetMap {
            field: MapField::Author(v),
        });
        self.text_field(ui, self.t(T::Revision), &map.revision, false, |v| Command::SetMap {
            field: MapField::Revision(v),
        });
        ui.separator();
        ui.label(egui::RichText::new(self.t(T::EmotionScale)).strong());
        let scale = map.emotion_scale.clone();
        let (mut min, mut max) = (scale.min, scale.max);
        ui.horizontal(|ui| {
            let l = ui.label(self.t(T::From));
            ui.add(egui::DragValue::new(&mut min).range(-10..=10)).labelled_by(l.id);
            let l = ui.label(self.t(T::To));
            ui.add(egui::DragValue::new(&mut max).range(-10..=10)).labelled_by(l.id);
        });
        if (min, max) != (scale.min, scale.max) && min < max {
            let labels = scale
                .labels
                .iter()
                .filter(|(k, _)| (min..=max).contains(*k))
                .map(|(k, v)| (*k, v.clone()))
                .collect();
            let result = self.editor.set_emotion_scale(EmotionScale { min, max, labels }, true);
            self.report(result);
        }
        for level in scale.min..=scale.max {
            let current = scale.label(level).unwrap_or("").to_owned();
            let base = scale.clone();
            let label = self.tf(T::LabelFor, &[("level", &format!("{level:+}"))]);
            self.text_field(ui, &label, &current, false, move |v| {
                let mut new = base.clone();
                if v.trim().is_empty() {
                    new.labels.remove(&level);
                } else {
                    new.labels.insert(level, v);
                }
                Command::SetMap { field: MapField::EmotionScale(new) }
            });
        }
    }
}

/// A stage metric in the inspector: its label, its value, the field that sets it, and its range.
type MetricRow = (T, Option<f64>, fn(Option<f64>) -> StageField, (f64, f64));
/// A persona list in the inspector (one item per line): its label, its items, and its field.
type ListRow<'a> = (T, &'a Vec<String>, fn(Vec<String>) -> PersonaField);

/// The texture of a persona's photo, uploaded once per decoded image (kept in the context's
/// memory under the image's address, so a photo decoded again is uploaded again).
fn photo_texture(ctx: &egui::Context, image: &std::sync::Arc<crate::display::Image>) -> egui::TextureHandle {
    let id = egui::Id::unique(("persona-photo", std::sync::Arc::as_ptr(image) as usize));
    if let Some(texture) = ctx.data(|d| d.get_temp::<egui::TextureHandle>(id)) {
        return texture;
    }
    let size = [image.width as usize, image.height as usize];
    let pixels = egui::ColorImage::from_rgba_unmultiplied(size, &image.rgba);
    let texture =
        ctx.load_texture(format!("persona-photo:{}", image.key), pixels, egui::TextureOptions::LINEAR);
    ctx.data_mut(|d| d.insert_temp(id, texture.clone()));
    texture
}

/// The part of a `width` × `height` image that fills a square, centred (a 3:4 portrait shows
/// its middle, not a squashed face), in texture coordinates.
fn cover_uv(width: u32, height: u32) -> egui::Rect {
    let (w, h) = (width.max(1) as f32, height.max(1) as f32);
    if w > h {
        let margin = (1.0 - h / w) / 2.0;
        egui::Rect::from_min_max(egui::pos2(margin, 0.0), egui::pos2(1.0 - margin, 1.0))
    } else {
        let margin = (1.0 - w / h) / 2.0;
        egui::Rect::from_min_max(egui::pos2(0.0, margin), egui::pos2(1.0, 1.0 - margin))
    }
}

fn split_list(text: &str, separator: char) -> Vec<String> {
    text.split(separator).map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect()
}

/// Reads `name = value unit / target` lines.
fn parse_custom(text: &str) -> Vec<CustomMetric> {
    text.lines()
        .filter_map(|line| {
            let (name, rest) = line.split_once('=')?;
            // `inf`, `NaN` and 400 digits all parse as f64: only finite numbers are kept.
            let finite =
                |text: &str| text.trim().replace(',', ".").parse::<f64>().ok().filter(|x| x.is_finite());
            let (main, target) = match rest.split_once('/') {
                Some((main, target)) => (main, finite(target)),
                None => (rest, None),
            };
            let main = main.trim();
            let number_end = main
                .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-' || c == ','))
                .unwrap_or(main.len());
            let value = finite(&main[..number_end])?;
            Some(CustomMetric {
                name: name.trim().to_owned(),
                value,
                unit: main[number_end..].trim().to_owned(),
                target,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_portrait_photo_shows_its_middle_square() {
        let uv = cover_uv(300, 400);
        assert!((uv.min.y - 0.125).abs() < 1e-6 && (uv.max.y - 0.875).abs() < 1e-6, "{uv:?}");
        assert_eq!((uv.min.x, uv.max.x), (0.0, 1.0));
        let uv = cover_uv(400, 200);
        assert!((uv.min.x - 0.25).abs() < 1e-6 && (uv.max.x - 0.75).abs() < 1e-6, "{uv:?}");
    }

    #[test]
    fn custom_metrics_keep_only_finite_numbers() {
        let metrics =
            parse_custom("Panier = 42,5 € / inf\nAttente = NaN min\nÉnorme = 1".to_owned().as_str());
        assert_eq!(metrics.len(), 2, "{metrics:?}");
        assert_eq!((metrics[0].value, metrics[0].unit.as_str(), metrics[0].target), (42.5, "€", None));
        let huge = format!("Trop = {}", "9".repeat(400));
        assert!(parse_custom(&huge).is_empty(), "a number too large for f64 is not a value");
    }
}
