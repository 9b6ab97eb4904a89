//! Emotion curves: a monotone cubic through the points, as Bézier segments.
//!
//! Fritsch–Butland tangents keep each segment monotone between its two points, so the curve
//! never overshoots a score: it cannot rise above the scale's top or dip below its bottom.

use crate::display::{Cubic, Point};

/// Bézier segments of a monotone cubic through `points` (x strictly increasing); `None` for
/// fewer than two points.
#[expect(clippy::many_single_char_names, reason = "the algorithm's textbook names: h, d, m")]
pub fn monotone(points: &[Point]) -> Option<Vec<Cubic>> {
    if points.len() < 2 {
        return None;
    }
    let n = points.len();
    let h: Vec<f32> = points.windows(2).map(|w| (w[1].x - w[0].x).max(f32::EPSILON)).collect();
    let d: Vec<f32> = points.windows(2).zip(&h).map(|(w, h)| (w[1].y - w[0].y) / h).collect();
    let mut m = vec![0.0_f32; n];
    m[0] = d[0];
    m[n - 1] = d[n - 2];
    for i in 1..n - 1 {
        let (d0, d1) = (d[i - 1], d[i]);
        m[i] = if d0 * d1 <= 0.0 {
            0.0
        } else {
            let (h0, h1) = (h[i - 1], h[i]);
            3.0 * (h0 + h1) / ((2.0 * h1 + h0) / d0 + (h1 + 2.0 * h0) / d1)
        };
    }
    Some(
        (0..n - 1)
            .map(|i| {
                let (p, q, third) = (points[i], points[i + 1], h[i] / 3.0);
                Cubic {
                    c1: Point::new(p.x + third, p.y + m[i] * third),
                    c2: Point::new(q.x - third, q.y - m[i + 1] * third),
                    to: q,
                }
            })
            .collect(),
    )
}

/// A point of a cubic segment at `t` in 0..=1.
#[cfg(test)]
#[expect(clippy::many_single_char_names, reason = "Bernstein weights")]
pub fn at(from: Point, c: &Cubic, t: f32) -> Point {
    let u = 1.0 - t;
    let (a, b, cc, d) = (u * u * u, 3.0 * u * u * t, 3.0 * u * t * t, t * t * t);
    Point::new(
        a * from.x + b * c.c1.x + cc * c.c2.x + d * c.to.x,
        a * from.y + b * c.c1.y + cc * c.c2.y + d * c.to.y,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_overshoots_its_points() {
        let ys = [80.0, 0.0, 0.0, 80.0, 40.0, 80.0, 0.0];
        let points: Vec<Point> =
            ys.iter().enumerate().map(|(i, &y)| Point::new(i as f32 * 200.0, y)).collect();
        let segments = monotone(&points).unwrap();
        assert_eq!(segments.len(), points.len() - 1);
        let mut from = points[0];
        for (i, segment) in segments.iter().enumerate() {
            let (lo, hi) = (ys[i].min(ys[i + 1]), ys[i].max(ys[i + 1]));
            for step in 0..=50 {
                let p = at(from, segment, step as f32 / 50.0);
                assert!(p.y >= lo - 1e-3 && p.y <= hi + 1e-3, "segment {i} at {step}: {}", p.y);
            }
            from = segment.to;
        }
    }

    #[test]
    fn passes_through_every_point_and_needs_two() {
        assert!(monotone(&[Point::new(0.0, 0.0)]).is_none());
        let points = [Point::new(0.0, 10.0), Point::new(100.0, 50.0), Point::new(200.0, 20.0)];
        let segments = monotone(&points).unwrap();
        assert_eq!(segments[0].to, points[1]);
        assert_eq!(segments[1].to, points[2]);
    }
}
