//! The PDF painter's memory stays proportional to the poster's bytes, not to one object per
//! glyph: measured with a counting allocator (deterministic, unlike the process's resident size).

#![expect(unsafe_code, reason = "a counting global allocator is the only way to see the heap's peak")]

use parcours::layout::{LayoutOptions, poster};
use parcours::model::generate::large_map;
use parcours::paint::pdf::{PdfOptions, render_pdf};
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Counts the bytes allocated now and their peak.
struct Counting;

static NOW: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is passed to the system allocator unchanged; only counters are added.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's contract for `alloc` is passed on as it is.
        let pointer = unsafe { System.alloc(layout) };
        if !pointer.is_null() {
            let now = NOW.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        pointer
    }

    unsafe fn dealloc(&self, pointer: *mut u8, layout: Layout) {
        // SAFETY: the caller's contract for `dealloc` is passed on as it is.
        unsafe { System.dealloc(pointer, layout) };
        NOW.fetch_sub(layout.size(), Ordering::Relaxed);
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

#[test]
fn pdf_export_peak_heap_is_a_small_multiple_of_its_output() {
    let map = large_map(12, 8, 2_000, 1);
    let list = poster(&map, &LayoutOptions::default());
    let glyphs: usize = list.text_lines().map(|l| l.glyphs.len()).sum();
    let before = NOW.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let pdf = render_pdf(&list, &PdfOptions::default()).unwrap();
    let peak = PEAK.load(Ordering::Relaxed) - before;
    eprintln!("{glyphs} glyphs: peak {peak} bytes above the display list, {} bytes of PDF", pdf.len());
    // printpdf's operation list and its one-lopdf-object-per-glyph serialisation peaked at about
    // 850 bytes a glyph (144 MB here); the content stream written directly, about 110 (18 MB,
    // fonts and the compressed copy included).
    assert!(peak < glyphs * 300, "{peak} bytes at the peak for {glyphs} glyphs");
}
