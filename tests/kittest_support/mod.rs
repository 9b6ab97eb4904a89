//! What the designer's kittest files share (`#[macro_use] mod kittest_support;`).

/// Runs a flow once in English and once in French: `both_languages!(name)` makes
/// `name::english` and `name::french` from `fn name(ui_lang: Lang)` (the file imports `Lang`).
macro_rules! both_languages {
    ($($flow:ident),* $(,)?) => {$(
        mod $flow {
            #[test]
            fn english() {
                super::$flow(super::Lang::En);
            }
            #[test]
            fn french() {
                super::$flow(super::Lang::Fr);
            }
        }
    )*};
}
