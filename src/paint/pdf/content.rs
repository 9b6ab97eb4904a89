//! A PDF content stream written as it is painted: operators straight into bytes.
//!
//! printpdf keeps a page as a list of operation values, and serialises it through a second list
//! of lopdf objects, one per glyph and per number: on a 10,000-card poster the two held about
//! 400 MB at once for a 30 MB stream. Writing the few operators the painter uses directly keeps
//! the page at the size of its bytes. printpdf still builds the document around it (fonts and
//! their subsets, graphics states, images, boxes); see `paint::pdf`.

/// How a closed path is painted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Paint {
    /// Filled (non-zero winding).
    Fill,
    /// Stroked.
    Stroke,
    /// Filled then stroked.
    FillStroke,
    /// Used as the clipping path, not painted.
    Clip,
}

/// A point of a path, in the current space (PDF y up); `control` marks a Bézier control point
/// (two in a row, then the end point, make a cubic segment).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct PathPoint {
    /// x in points.
    pub x: f32,
    /// y in points.
    pub y: f32,
    /// True for a Bézier control point.
    pub control: bool,
}

/// The bytes of one content stream.
#[derive(Default)]
pub(super) struct Content {
    bytes: Vec<u8>,
}

impl Content {
    /// An empty stream.
    pub fn new() -> Self {
        Self { bytes: Vec::with_capacity(64 * 1024) }
    }

    /// The stream's bytes.
    pub fn finish(self) -> Vec<u8> {
        self.bytes
    }

    /// Writes a number as PDF wants it (no exponent), to a millionth, then a space.
    pub fn number(&mut self, value: f32) {
        let value = if value.is_finite() { f64::from(value) } else { 0.0 };
        // Poster coordinates stay far below 2^53 millionths; clamp anyway so the cast is total.
        let millionths = (value * 1e6).round().clamp(-9.0e15, 9.0e15);
        if millionths < 0.0 {
            self.bytes.push(b'-');
        }
        #[expect(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "clamped, whole, ≥ 0")]
        let n = millionths.abs() as u64;
        self.integer(n / 1_000_000);
        let mut fraction = n % 1_000_000;
        if fraction != 0 {
            let mut digits = 6;
            while fraction.is_multiple_of(10) {
                fraction /= 10;
                digits -= 1;
            }
            self.bytes.push(b'.');
            let mut buffer = [b'0'; 6];
            let mut rest = fraction;
            for slot in buffer[..digits].iter_mut().rev() {
                // rest % 10 < 10: the digit fits a byte.
                let digit = (rest % 10) as u8;
                *slot = b'0' + digit;
                rest /= 10;
            }
            self.bytes.extend_from_slice(&buffer[..digits]);
        }
        self.bytes.push(b' ');
    }

    fn integer(&mut self, mut n: u64) {
        let mut buffer = [0_u8; 20];
        let mut at = buffer.len();
        loop {
            at -= 1;
            let digit = (n % 10) as u8;
            buffer[at] = b'0' + digit;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        self.bytes.extend_from_slice(&buffer[at..]);
    }

    /// Writes numbers then an operator and a line end.
    pub fn op(&mut self, numbers: &[f32], operator: &str) {
        for &n in numbers {
            self.number(n);
        }
        self.bytes.extend_from_slice(operator.as_bytes());
        self.bytes.push(b'\n');
    }

    /// `/Name` then a space.
    pub fn name(&mut self, name: &str) {
        self.bytes.push(b'/');
        self.bytes.extend_from_slice(name.as_bytes());
        self.bytes.push(b' ');
    }

    /// A string of big-endian 16-bit units in hexadecimal, `<0041…>`.
    fn hex_units(&mut self, units: impl IntoIterator<Item = u16>) {
        const HEX: &[u8; 16] = b"0123456789ABCDEF";
        self.bytes.push(b'<');
        for unit in units {
            for shift in [12, 8, 4, 0] {
                self.bytes.push(HEX[usize::from((unit >> shift) & 0xF)]);
            }
        }
        self.bytes.push(b'>');
    }

    /// `/gs gs`: sets a graphics state (alpha).
    pub fn graphics_state(&mut self, name: &str) {
        self.name(name);
        self.op(&[], "gs");
    }

    /// A path then how it is painted; closed paths are closed with `h` first.
    pub fn path(&mut self, points: &[PathPoint], closed: bool, paint: Paint) {
        let Some(first) = points.first() else { return };
        self.op(&[first.x, first.y], "m");
        let mut i = 1;
        while let Some(point) = points.get(i) {
            match (point.control, points.get(i + 1), points.get(i + 2)) {
                (true, Some(c2), Some(end)) if c2.control => {
                    self.op(&[point.x, point.y, c2.x, c2.y, end.x, end.y], "c");
                    i += 3;
                }
                _ => {
                    self.op(&[point.x, point.y], "l");
                    i += 1;
                }
            }
        }
        if closed {
            self.op(&[], "h");
        }
        match paint {
            Paint::Fill => self.op(&[], "f"),
            Paint::Stroke => self.op(&[], "S"),
            Paint::FillStroke => self.op(&[], "B"),
            Paint::Clip => self.op(&[], "W n"),
        }
    }

    /// `BDC` with `/ActualText`: what text extraction gives for the glyphs until `EMC`.
    pub fn begin_actual_text(&mut self, text: &str) {
        self.bytes.extend_from_slice(b"/Span <</ActualText ");
        self.hex_units(std::iter::once(0xFEFF).chain(text.encode_utf16()));
        self.bytes.extend_from_slice(b">> BDC\n");
    }

    /// Starts a `TJ` array.
    pub fn begin_glyphs(&mut self) {
        self.bytes.push(b'[');
    }

    /// One glyph code in a `TJ` array.
    pub fn glyph(&mut self, code: u16) {
        self.hex_units([code]);
    }

    /// A kern number in a `TJ` array (thousandths of an em, subtracted from the pen).
    pub fn kern(&mut self, amount: f32) {
        self.number(amount);
    }

    /// Ends a `TJ` array and shows it.
    pub fn end_glyphs(&mut self) {
        self.bytes.extend_from_slice(b"] TJ\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(content: Content) -> String {
        String::from_utf8(content.finish()).unwrap()
    }

    #[test]
    fn numbers_have_no_exponent_and_no_trailing_zeros() {
        let mut c = Content::new();
        for v in [0.0, 1.0, -2.5, 0.000_001, 1e-9, 12.34, 1e9, f32::NAN, -0.0] {
            c.number(v);
        }
        assert_eq!(text(c), "0 1 -2.5 0.000001 0 12.34 1000000000 0 0 ");
    }

    #[test]
    fn paths_use_curves_for_control_points_and_close_when_asked() {
        let p = |x: f32, y: f32, control: bool| PathPoint { x, y, control };
        let mut c = Content::new();
        c.path(
            &[p(0.0, 0.0, false), p(1.0, 1.0, true), p(2.0, 1.0, true), p(3.0, 0.0, false)],
            false,
            Paint::Stroke,
        );
        c.path(&[p(0.0, 0.0, false), p(1.0, 0.0, false), p(1.0, 1.0, false)], true, Paint::Clip);
        assert_eq!(text(c), "0 0 m\n1 1 2 1 3 0 c\nS\n0 0 m\n1 0 l\n1 1 l\nh\nW n\n");
    }

    #[test]
    fn actual_text_is_utf16_with_a_byte_order_mark() {
        let mut c = Content::new();
        c.begin_actual_text("é");
        c.begin_glyphs();
        c.glyph(0x12);
        c.kern(-20.5);
        c.glyph(0xABCD);
        c.end_glyphs();
        assert_eq!(text(c), "/Span <</ActualText <FEFF00E9>>> BDC\n[<0012>-20.5 <ABCD>] TJ\n");
    }
}
