//! The screen painter: draws a [`DisplayList`] with egui, scaled and translated onto the canvas.
//!
//! The canvas paints the same display list as the posters, so what is on screen is what prints.
//! Text lines are already broken by the layout: each is drawn as its own no-wrap galley with the
//! bundled fonts (registered here), its baseline on the line's origin. Items outside the
//! viewport are culled with bounds computed once per display list, so idle frames stay cheap.

use crate::display::{Colour, Cubic, DisplayList, Image, ImageClip, Item, Point, Rect, Stroke};
use crate::text::{Face, FontStyle};
use egui::epaint::{CubicBezierShape, Mesh, PathShape, PathStroke, RectShape, Vertex, WHITE_UV};
use egui::{Color32, FontData, FontDefinitions, FontFamily, FontId, Pos2, Shape, StrokeKind, TextureHandle};
use std::collections::HashMap;
use std::sync::Arc;

/// The egui font family of a style: the style's face, then the fallbacks, as the layout uses them.
pub fn family(style: FontStyle) -> FontFamily {
    FontFamily::Name(
        match style {
            FontStyle::Regular => "parcours-regular",
            FontStyle::Bold => "parcours-bold",
            FontStyle::Italic => "parcours-italic",
        }
        .into(),
    )
}

/// egui font definitions holding only the bundled faces: one family per [`FontStyle`], and the
/// UI's proportional and monospace families on the regular chain (no system fonts).
pub fn font_definitions() -> FontDefinitions {
    let mut fonts = FontDefinitions::empty();
    for face in Face::ALL {
        fonts.font_data.insert(face.key().to_owned(), Arc::new(FontData::from_static(face.bytes())));
    }
    for style in [FontStyle::Regular, FontStyle::Bold, FontStyle::Italic] {
        let chain: Vec<String> = style.chain().iter().map(|face| face.key().to_owned()).collect();
        fonts.families.insert(family(style), chain);
    }
    let regular: Vec<String> = FontStyle::Regular.chain().iter().map(|face| face.key().to_owned()).collect();
    fonts.families.insert(FontFamily::Proportional, regular.clone());
    fonts.families.insert(FontFamily::Monospace, regular);
    fonts
}

/// Installs the bundled fonts in an egui context (call once at start-up).
pub fn install_fonts(ctx: &egui::Context) {
    ctx.set_fonts(font_definitions());
}

/// Where map space lands on the screen: `screen = origin + map × zoom`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MapToScreen {
    /// The screen position of the map's (0, 0).
    pub origin: Pos2,
    /// Screen points per map point.
    pub zoom: f32,
}

impl MapToScreen {
    /// The screen position of a map point.
    pub fn pos(&self, p: Point) -> Pos2 {
        Pos2::new(self.origin.x + p.x * self.zoom, self.origin.y + p.y * self.zoom)
    }

    /// The screen rectangle of a map rectangle.
    pub fn rect(&self, r: Rect) -> egui::Rect {
        egui::Rect::from_min_size(self.pos(Point::new(r.x, r.y)), egui::vec2(r.width, r.height) * self.zoom)
    }

    /// The map point under a screen position.
    pub fn map_point(&self, pos: Pos2) -> Point {
        Point::new((pos.x - self.origin.x) / self.zoom, (pos.y - self.origin.y) / self.zoom)
    }

    /// The map rectangle covered by a screen rectangle.
    pub fn map_rect(&self, rect: egui::Rect) -> Rect {
        let min = self.map_point(rect.min);
        Rect::new(min.x, min.y, rect.width() / self.zoom, rect.height() / self.zoom)
    }
}

/// The egui colour of a display-list colour (straight alpha in, premultiplied out).
pub fn colour(c: Colour) -> Color32 {
    Color32::from_rgba_unmultiplied(c.r, c.g, c.b, c.a)
}

fn stroke(s: &Stroke, zoom: f32) -> egui::Stroke {
    egui::Stroke::new((s.width * zoom).max(0.5), colour(s.colour))
}

/// How far past an item's [bounds](Item::bounds) egui may paint, in screen points: strokes are
/// at least 0.5 wide on screen (see `stroke`), and feathering (egui's anti-aliasing) adds
/// about one more; the view is grown by this before culling.
const DEVICE_SPREAD_PX: f32 = 2.0;

/// Text smaller than this on screen, in points, is drawn as a faint bar instead of glyphs
/// ("greeked", as page-layout programs do below 7 pt): at 3.5 px a lowercase letter is under two
/// pixels high and no word can be read, while laying out and tessellating those glyphs took
/// 40 % of an idle frame on a 2,000-card map seen whole (6.2 ms at 2.5 px, see
/// docs/benchmarks.md).
const MIN_GLYPH_PX: f32 = 3.5;

/// Draws display lists; keeps the textures of images and the bounds of items between frames.
#[derive(Default)]
pub struct ScreenPainter {
    textures: HashMap<String, TextureHandle>,
    bounds: Vec<Rect>,
    stamp: Option<u64>,
    /// Items drawn by the latest [`ScreenPainter::paint`] (after culling), for tests and benches.
    pub last_drawn: usize,
}

impl ScreenPainter {
    /// A painter with no textures yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Paints `list` through `to_screen`. `stamp` identifies the list's contents (e.g. the layout
    /// generation): item bounds are recomputed only when it changes.
    pub fn paint(&mut self, list: &DisplayList, stamp: u64, to_screen: MapToScreen, painter: &egui::Painter) {
        if self.stamp != Some(stamp) || self.bounds.len() != list.items.len() {
            self.bounds = list.items.iter().map(Item::bounds).collect();
            self.stamp = Some(stamp);
        }
        let zoom = to_screen.zoom;
        let view = to_screen.map_rect(painter.clip_rect()).inflate(DEVICE_SPREAD_PX / zoom);
        painter.rect_filled(
            to_screen.rect(Rect::new(0.0, 0.0, list.width, list.height)),
            0.0,
            colour(list.background),
        );
        let mut drawn = 0;
        let bounds = std::mem::take(&mut self.bounds);
        for (item, bounds) in list.items.iter().zip(&bounds) {
            if !bounds.overlaps(&view) {
                continue;
            }
            drawn += 1;
            match item {
                Item::Rect { rect, radius, fill, stroke: outline } => {
                    let radius = (radius * zoom).clamp(0.0, 255.0);
                    painter.add(RectShape::new(
                        to_screen.rect(*rect),
                        radius,
                        fill.map_or(Color32::TRANSPARENT, colour),
                        outline.as_ref().map_or(egui::Stroke::NONE, |s| stroke(s, zoom)),
                        StrokeKind::Middle,
                    ));
                }
                Item::Line { points, stroke: s } => {
                    let points: Vec<Pos2> = points.iter().map(|p| to_screen.pos(*p)).collect();
                    line(painter, points, s, zoom);
                }
                Item::Curve { from, segments, stroke: s } => {
                    let points = flatten(*from, segments, to_screen);
                    line(painter, points, s, zoom);
                }
                Item::Area { from, segments, fill } => {
                    area(painter, &flatten(*from, segments, to_screen), colour(*fill));
                }
                Item::Circle { center, radius, fill, stroke: outline } => {
                    painter.circle(
                        to_screen.pos(*center),
                        radius * zoom,
                        fill.map_or(Color32::TRANSPARENT, colour),
                        outline.as_ref().map_or(egui::Stroke::NONE, |s| stroke(s, zoom)),
                    );
                }
                Item::Image { rect, image, clip } => {
                    let texture = Self::texture(&mut self.textures, painter.ctx(), image);
                    image_mesh(painter, texture, to_screen.rect(*rect), image.cover_crop(*rect), *clip);
                }
                Item::Text(line) => {
                    let px = line.size * zoom;
                    if px < MIN_GLYPH_PX {
                        let r = to_screen.rect(Rect::new(
                            line.origin.x,
                            line.origin.y - line.size * 0.45,
                            line.width,
                            line.size * 0.4,
                        ));
                        painter.rect_filled(r, 0.0, colour(line.colour).gamma_multiply(0.35));
                        continue;
                    }
                    // Quantised to a quarter point, so that zooming does not fill the font atlas
                    // with a size per frame.
                    let size = (px * 4.0).round() / 4.0;
                    let galley = painter.layout_no_wrap(
                        line.text.clone(),
                        FontId::new(size, family(line.style)),
                        colour(line.colour),
                    );
                    let baseline = galley
                        .rows
                        .first()
                        .and_then(|row| row.row.glyphs.first().map(|g| row.pos.y + g.pos.y))
                        .unwrap_or(size * 0.8);
                    let at = to_screen.pos(line.origin) - egui::vec2(0.0, baseline);
                    painter.galley(at, galley, colour(line.colour));
                }
            }
        }
        self.bounds = bounds;
        self.last_drawn = drawn;
    }

    fn texture(
        textures: &mut HashMap<String, TextureHandle>,
        ctx: &egui::Context,
        image: &Image,
    ) -> egui::TextureId {
        if let Some(handle) = textures.get(&image.key) {
            return handle.id();
        }
        let size = [image.width as usize, image.height as usize];
        let pixels = if image.rgba.len() == size[0] * size[1] * 4 {
            egui::ColorImage::from_rgba_unmultiplied(size, &image.rgba)
        } else {
            egui::ColorImage::filled([1, 1], Color32::GRAY)
        };
        let handle =
            ctx.load_texture(format!("parcours-image-{}", image.key), pixels, egui::TextureOptions::LINEAR);
        let id = handle.id();
        textures.insert(image.key.clone(), handle);
        id
    }
}

fn line(painter: &egui::Painter, points: Vec<Pos2>, s: &Stroke, zoom: f32) {
    let egui_stroke = stroke(s, zoom);
    match s.dash {
        Some((dash, gap)) => {
            painter.extend(Shape::dashed_line(&points, egui_stroke, dash * zoom, gap * zoom));
        }
        None => {
            painter.add(PathShape::line(points, PathStroke::from(egui_stroke)));
        }
    }
}

/// The points of a chain of cubic segments, on screen.
fn flatten(from: Point, segments: &[Cubic], to_screen: MapToScreen) -> Vec<Pos2> {
    let mut points = vec![to_screen.pos(from)];
    let mut start = from;
    for segment in segments {
        if segment.c1 == start && segment.c2 == segment.to {
            points.push(to_screen.pos(segment.to));
        } else {
            let bezier = CubicBezierShape::from_points_stroke(
                [start, segment.c1, segment.c2, segment.to].map(|p| to_screen.pos(p)),
                false,
                Color32::TRANSPARENT,
                egui::Stroke::NONE,
            );
            points.extend(bezier.flatten(Some(0.25)).into_iter().skip(1));
        }
        start = segment.to;
    }
    points
}

/// Fills an area whose outline is an x-monotone curve closed by straight edges along one
/// horizontal line (the emotion band's neutral line): a triangle strip from each outline point
/// down (or up) to that line. The outline's points on the closing line are the start, the
/// down-edge and the end, so each strip quad spans the curve between neighbouring points.
fn area(painter: &egui::Painter, outline: &[Pos2], fill: Color32) {
    let Some(&start) = outline.first() else { return };
    let base_y = start.y;
    // Outline: start (on the line), the curve's points, the down-edge, back to the start.
    let xs: Vec<Pos2> = outline.iter().copied().skip(1).take(outline.len().saturating_sub(3)).collect();
    let monotone = xs.windows(2).all(|w| w[1].x >= w[0].x - 1e-3);
    if xs.len() < 2 || !monotone {
        painter.add(PathShape::convex_polygon(outline.to_vec(), fill, egui::Stroke::NONE));
        return;
    }
    let mut mesh = Mesh::default();
    mesh.reserve_vertices(xs.len() * 2);
    mesh.reserve_triangles((xs.len() - 1) * 2);
    for p in &xs {
        mesh.vertices.push(Vertex { pos: *p, uv: WHITE_UV, color: fill });
        mesh.vertices.push(Vertex { pos: Pos2::new(p.x, base_y), uv: WHITE_UV, color: fill });
    }
    for i in 0..(xs.len() - 1) {
        // Vertex count is bounded by the curve's flattened points: far below u32::MAX.
        #[expect(clippy::cast_possible_truncation, reason = "a few hundred vertices")]
        let k = (i * 2) as u32;
        mesh.add_triangle(k, k + 1, k + 2);
        mesh.add_triangle(k + 1, k + 3, k + 2);
    }
    painter.add(Shape::mesh(mesh));
}

/// Paints the part `crop` of a texture (in texture coordinates: the image covering its box, from
/// [`Image::cover_crop`]) into `rect`, cut to the box or its ellipse.
fn image_mesh(
    painter: &egui::Painter,
    texture: egui::TextureId,
    rect: egui::Rect,
    crop: Rect,
    clip: ImageClip,
) {
    painter.add(Shape::mesh(image_shape(texture, rect, crop, clip)));
}

/// The mesh of [`image_mesh`]: a textured quad, or a fan of 48 triangles for the ellipse.
fn image_shape(texture: egui::TextureId, rect: egui::Rect, crop: Rect, clip: ImageClip) -> Mesh {
    let uv = egui::Rect::from_min_size(Pos2::new(crop.x, crop.y), egui::vec2(crop.width, crop.height));
    let mut mesh = Mesh::with_texture(texture);
    match clip {
        ImageClip::Rect => mesh.add_rect_with_uv(rect, uv, Color32::WHITE),
        ImageClip::Ellipse => {
            let center = rect.center();
            mesh.vertices.push(Vertex { pos: center, uv: uv.center(), color: Color32::WHITE });
            let n = 48_u32;
            for i in 0..n {
                let angle = i as f32 / n as f32 * std::f32::consts::TAU;
                let (sin, cos) = angle.sin_cos();
                mesh.vertices.push(Vertex {
                    pos: Pos2::new(center.x + cos * rect.width() / 2.0, center.y + sin * rect.height() / 2.0),
                    uv: Pos2::new(
                        uv.center().x + cos * uv.width() / 2.0,
                        uv.center().y + sin * uv.height() / 2.0,
                    ),
                    color: Color32::WHITE,
                });
                mesh.add_triangle(0, 1 + i, 1 + (i + 1) % n);
            }
        }
    }
    mesh
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 3:4 photo in a round badge samples only the middle of its height: the face is cropped,
    /// not squashed.
    #[test]
    fn a_photo_in_a_badge_samples_the_covered_part_of_its_texture() {
        let photo = Image { key: String::new(), width: 300, height: 400, rgba: Vec::new() };
        let badge = Rect::new(0.0, 0.0, 30.0, 30.0);
        let screen = egui::Rect::from_min_size(Pos2::ZERO, egui::vec2(60.0, 60.0));
        for clip in [ImageClip::Ellipse, ImageClip::Rect] {
            let mesh = image_shape(egui::TextureId::Managed(1), screen, photo.cover_crop(badge), clip);
            let (min_v, max_v) = mesh
                .vertices
                .iter()
                .fold((f32::MAX, f32::MIN), |(lo, hi), v| (lo.min(v.uv.y), hi.max(v.uv.y)));
            let (min_u, max_u) = mesh
                .vertices
                .iter()
                .fold((f32::MAX, f32::MIN), |(lo, hi), v| (lo.min(v.uv.x), hi.max(v.uv.x)));
            assert!(
                (min_v - 0.125).abs() < 1e-4 && (max_v - 0.875).abs() < 1e-4,
                "{clip:?}: v from {min_v} to {max_v}"
            );
            assert!(min_u.abs() < 1e-4 && (max_u - 1.0).abs() < 1e-4, "{clip:?}: u from {min_u} to {max_u}");
        }
    }
}
