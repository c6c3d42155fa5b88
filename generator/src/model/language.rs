//! The languages a guide may be written in: Vietnamese and the languages of the communes'
//! peoples, by their ISO 639 codes. The portal's own words stay Vietnamese; a guide in another
//! language carries its `lang` (and `dir`) so phones pick the right font and screen readers the
//! right voice.

use crate::diagnostics::did_you_mean;
use crate::text;

/// One language of the table.
#[derive(Debug, PartialEq, Eq)]
pub struct Language {
    /// ISO 639 code, as written in `lang:`.
    pub code: &'static str,
    /// Its name in Vietnamese, as the portal says it ("tiếng Khmer").
    pub name: &'static str,
    /// Its name in itself, as its readers look for it.
    pub autonym: &'static str,
    /// The script it is usually written in (ISO 15924).
    pub script: &'static str,
    /// Characters per syllable where words are not separated by spaces (Khmer, Lao, Chinese),
    /// for reading time; 0 where spaces separate words.
    pub chars_per_syllable: usize,
}

/// Vietnamese, the languages of Vietnam's peoples that have guides written in them, the
/// languages of the border communes, and English.
pub const LANGUAGES: &[Language] = &[
    lang("vi", "tiếng Việt", "Tiếng Việt", "Latn", 0),
    lang("km", "tiếng Khmer", "ភាសាខ្មែរ", "Khmr", 3),
    lang("hmn", "tiếng H'Mông", "Lus Hmoob", "Latn", 0),
    lang("blt", "tiếng Thái (Thái Đen)", "Tai Dam", "Tavt", 0),
    lang("twh", "tiếng Thái (Thái Trắng)", "Tai Dón", "Tavt", 0),
    lang("tyz", "tiếng Tày", "Tày", "Latn", 0),
    lang("nut", "tiếng Nùng", "Nùng", "Latn", 0),
    lang("mtq", "tiếng Mường", "Mường", "Latn", 0),
    lang("ium", "tiếng Dao", "Iu Mien", "Latn", 0),
    lang("rad", "tiếng Ê Đê", "Klei Êđê", "Latn", 0),
    lang("jra", "tiếng Gia Rai", "Jarai", "Latn", 0),
    lang("bdq", "tiếng Ba Na", "Bahnar", "Latn", 0),
    lang("sed", "tiếng Xơ Đăng", "Xơ Đăng", "Latn", 0),
    lang("kpm", "tiếng Cơ Ho", "Kơho", "Latn", 0),
    lang("cmo", "tiếng M'Nông", "M'Nông", "Latn", 0),
    lang("cjm", "tiếng Chăm", "Cham", "Latn", 0),
    lang("cja", "tiếng Chăm (Chăm Tây)", "Cham", "Latn", 0),
    lang("zh", "tiếng Hoa", "中文", "Hans", 1),
    lang("lo", "tiếng Lào", "ພາສາລາວ", "Laoo", 3),
    lang("en", "tiếng Anh", "English", "Latn", 0),
];

const fn lang(
    code: &'static str,
    name: &'static str,
    autonym: &'static str,
    script: &'static str,
    chars_per_syllable: usize,
) -> Language {
    Language {
        code,
        name,
        autonym,
        script,
        chars_per_syllable,
    }
}

/// Scripts a `lang` may name after the language (`zh-Hant`, `cja-Arab`), and whether each is
/// written right to left.
const SCRIPTS: &[(&str, bool)] = &[
    ("Latn", false),
    ("Khmr", false),
    ("Tavt", false),
    ("Cham", false),
    ("Hans", false),
    ("Hant", false),
    ("Laoo", false),
    ("Thai", false),
    ("Arab", true),
];

/// A checked `lang` value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lang {
    /// As HTML's `lang` wants it: `km`, `zh-Hant`.
    pub tag: String,
    pub language: &'static Language,
    /// `ltr` or `rtl`.
    pub dir: &'static str,
}

/// Why a `lang` value was refused: the message and a hint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LangError {
    pub message: String,
    pub hint: String,
}

impl Lang {
    /// Reads `km`, `zh-Hant`, `cja-Arab`, `en-US`: a language of the table, then optionally a
    /// script and a region.
    pub fn parse(value: &str) -> Result<Lang, LangError> {
        let mut parts = value.trim().split(['-', '_']);
        let primary = parts.next().unwrap_or("").to_ascii_lowercase();
        let language = find(&primary).ok_or_else(|| unknown(value))?;
        let mut tag = language.code.to_string();
        let mut script = language.script;
        for part in parts {
            if let Some(&(known, _)) = SCRIPTS.iter().find(|(s, _)| s.eq_ignore_ascii_case(part)) {
                script = known;
                tag = format!("{tag}-{known}");
            } else if is_region(part) {
                tag = format!("{tag}-{}", part.to_ascii_uppercase());
            } else {
                return Err(LangError {
                    message: format!("phần `{part}` của mã ngôn ngữ \"{value}\" không rõ"),
                    hint: format!(
                        "sau mã ngôn ngữ chỉ ghi chữ viết ({}) hoặc mã nước, ví dụ `zh-Hant`",
                        SCRIPTS
                            .iter()
                            .map(|(s, _)| *s)
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                });
            }
        }
        let rtl = SCRIPTS.iter().any(|&(s, rtl)| s == script && rtl);
        Ok(Lang {
            tag,
            language,
            dir: if rtl { "rtl" } else { "ltr" },
        })
    }

    /// Whether this is the portal's own language.
    pub fn is_vietnamese(&self) -> bool {
        self.language.code == "vi"
    }
}

/// The language of a code, without script or region.
pub fn find(code: &str) -> Option<&'static Language> {
    let primary = code.split(['-', '_']).next().unwrap_or("");
    LANGUAGES
        .iter()
        .find(|l| l.code.eq_ignore_ascii_case(primary))
}

fn is_region(part: &str) -> bool {
    (part.len() == 2 && part.chars().all(|c| c.is_ascii_alphabetic()))
        || (part.len() == 3 && part.chars().all(|c| c.is_ascii_digit()))
}

/// The error for a code not in the table, suggesting the code meant: by a near spelling of the
/// code (`kh` → `km`) or by the language's name (`khmer`, `tiếng Hoa`).
fn unknown(value: &str) -> LangError {
    let folded = text::fold(value);
    let by_name = LANGUAGES.iter().find(|l| {
        let name = text::fold(l.name);
        folded.len() > 2 && (name == folded || name.trim_start_matches("tieng ") == folded)
            || text::fold(l.autonym) == folded
    });
    let codes: Vec<&str> = LANGUAGES.iter().map(|l| l.code).collect();
    let close = by_name.or_else(|| did_you_mean(&folded, &codes).and_then(find));
    let hint = match close {
        Some(l) => format!("có phải ý bạn là `{}` ({})?", l.code, l.name),
        None => format!(
            "dùng một trong các mã: {}",
            LANGUAGES
                .iter()
                .map(|l| format!("{} ({})", l.code, l.name))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    LangError {
        message: format!("mã ngôn ngữ không rõ: \"{value}\""),
        hint,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_scripts_and_regions_are_read_and_written_as_html_wants() {
        let km = Lang::parse("km").unwrap();
        assert_eq!(
            (km.tag.as_str(), km.dir, km.language.name),
            ("km", "ltr", "tiếng Khmer")
        );
        assert_eq!(Lang::parse("ZH_hant").unwrap().tag, "zh-Hant");
        assert_eq!(Lang::parse("en-us").unwrap().tag, "en-US");
        let arabic_cham = Lang::parse("cja-Arab").unwrap();
        assert_eq!(
            (arabic_cham.tag.as_str(), arabic_cham.dir),
            ("cja-Arab", "rtl")
        );
        assert!(Lang::parse("vi").unwrap().is_vietnamese());
    }

    #[test]
    fn unknown_codes_suggest_the_one_meant() {
        let err = Lang::parse("kh").unwrap_err();
        assert_eq!(err.message, "mã ngôn ngữ không rõ: \"kh\"");
        assert_eq!(err.hint, "có phải ý bạn là `km` (tiếng Khmer)?");
        assert_eq!(
            Lang::parse("Khmer").unwrap_err().hint,
            "có phải ý bạn là `km` (tiếng Khmer)?"
        );
        assert_eq!(
            Lang::parse("tiếng Hoa").unwrap_err().hint,
            "có phải ý bạn là `zh` (tiếng Hoa)?"
        );
        assert!(Lang::parse("xx-Zzzz").is_err());
        assert!(Lang::parse("klingon")
            .unwrap_err()
            .hint
            .starts_with("dùng một trong các mã: vi (tiếng Việt), km (tiếng Khmer)"));
    }
}
