//! Vietnamese text to URL slugs (`Thôn Đông Hà` → `thon-dong-ha`).
//!
//! Team ids default to the slug of the hamlet's name, so the generator checks uniqueness on
//! slugs, not on names: two names that differ only in their diacritics would clash.

use unicode_normalization::UnicodeNormalization;

/// Lowercase ASCII letters and digits joined by single hyphens.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    for c in text.nfd() {
        let c = match c {
            'đ' | 'Đ' => 'd',
            c if c.is_ascii_alphanumeric() => c.to_ascii_lowercase(),
            c if unicode_normalization::char::is_combining_mark(c) => continue,
            _ => '-',
        };
        if c != '-' || !slug.is_empty() && !slug.ends_with('-') {
            slug.push(c);
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    slug
}

#[cfg(test)]
mod tests {
    use super::slugify;

    #[test]
    fn folds_vietnamese() {
        assert_eq!(slugify("Thôn Đông Hà"), "thon-dong-ha");
        assert_eq!(slugify("Tổ dân phố số 5"), "to-dan-pho-so-5");
        assert_eq!(slugify("Buôn Ko Siêr"), "buon-ko-sier");
        assert_eq!(slugify(" Ấp  Tân—Phú! "), "ap-tan-phu");
        assert_eq!(slugify("Làng Plei H'Lơng"), "lang-plei-h-long");
    }
}
