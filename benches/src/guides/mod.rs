//! Guides for the five basic skills: unique titles and slugs, front matter in the documented
//! order, and a Markdown body long enough (300–900 words) to load the search index realistically.

mod body;
pub mod screenshots;
mod skills_a;
mod skills_b;

use std::collections::HashSet;
use std::fmt::Write;

use crate::rng::Rng;
use crate::yaml::quoted;
use ngo::text::slugify;

/// The text one skill's guides are assembled from.
pub struct SkillText {
    pub key: &'static str,
    /// `(topic, tags)`: the thing the guide teaches, as a verb phrase in lower case.
    pub topics: &'static [(&'static str, &'static [&'static str])],
    pub platforms: &'static [&'static str],
    pub prepare: &'static [&'static str],
    /// In the order they are done; a guide keeps the order and skips some.
    pub steps: &'static [&'static str],
    pub tips: &'static [&'static str],
    pub faq: &'static [(&'static str, &'static str)],
    /// `(problem, fix)` rows for the occasional troubleshooting table.
    pub troubles: &'static [(&'static str, &'static str)],
}

/// The five skills, in the order the national programme lists them.
pub const SKILLS: [&SkillText; 5] = [
    &skills_a::DICH_VU_CONG,
    &skills_a::MUA_SAM,
    &skills_a::THANH_TOAN,
    &skills_b::AN_TOAN,
    &skills_b::NEN_TANG_KHAC,
];

const TITLE_PATTERNS: [&str; 9] = [
    "Hướng dẫn {topic}",
    "{Topic} trên điện thoại",
    "{Topic}: từng bước cho người mới",
    "Những lỗi thường gặp khi {topic}",
    "Hỏi đáp về {topic}",
    "{Topic} cho người cao tuổi",
    "Cách {topic} nhanh và an toàn",
    "{Topic}: những điều cần biết",
    "Tổ công nghệ số hướng dẫn {topic}",
];

const SUMMARY_PATTERNS: [&str; 4] = [
    "Từng bước {topic}, kèm những lưu ý để không mất công đi lại.",
    "Các bước {topic} ngay trên điện thoại, ai cũng làm được.",
    "Giải đáp những thắc mắc thường gặp khi {topic}.",
    "Hướng dẫn ngắn gọn của tổ công nghệ số về việc {topic}.",
];

/// One guide file: `guides/<slug>.md` and its text.
#[derive(Debug, Clone)]
pub struct GuideFile {
    pub slug: String,
    pub text: String,
    pub words: usize,
}

/// `count` guides spread evenly over the five skills.
pub fn generate(count: usize, seed: u64) -> Vec<GuideFile> {
    let combos: Vec<Vec<(usize, usize)>> = (0..SKILLS.len())
        .map(|s| shuffled_combos(s, seed))
        .collect();
    let mut slugs = HashSet::new();
    (0..count)
        .map(|i| {
            let (skill, k) = (i % SKILLS.len(), i / SKILLS.len());
            let mut rng = Rng::stream(seed, "guide", i as u64);
            let guide = guide(
                SKILLS[skill],
                combos[skill][k % combos[skill].len()],
                k,
                &mut rng,
            );
            let slug = unique_slug(&mut slugs, &guide.0);
            GuideFile {
                slug,
                text: guide.1,
                words: guide.2,
            }
        })
        .collect()
}

/// Every (topic, title pattern) pair of one skill, in a seeded order.
fn shuffled_combos(skill: usize, seed: u64) -> Vec<(usize, usize)> {
    let mut combos: Vec<(usize, usize)> = (0..SKILLS[skill].topics.len())
        .flat_map(|t| (0..TITLE_PATTERNS.len()).map(move |p| (t, p)))
        .collect();
    let mut rng = Rng::stream(seed, "guide-titles", skill as u64);
    for i in (1..combos.len()).rev() {
        combos.swap(i, rng.below(i + 1));
    }
    combos
}

/// `(title, file text, body words)` of the `k`-th guide of a skill.
fn guide(
    skill: &SkillText,
    (topic, pattern): (usize, usize),
    k: usize,
    rng: &mut Rng,
) -> (String, String, usize) {
    let (topic, topic_tags) = skill.topics[topic];
    let part = k / (skill.topics.len() * TITLE_PATTERNS.len());
    let mut title = fill(TITLE_PATTERNS[pattern], topic, "");
    if part > 0 {
        let _ = write!(title, " (phần {})", part + 1);
    }
    let platform = rng.pick(skill.platforms);
    let summary = fill(rng.pick(&SUMMARY_PATTERNS), topic, platform);
    let mut tags: Vec<&str> = topic_tags.to_vec();
    if rng.chance(0.5) && !tags.contains(&platform) {
        tags.push(platform);
    }
    let updated = format!("2026-{:02}-{:02}", rng.range(1, 12), rng.range(1, 28));
    let (body, words) = body::body(skill, topic, platform, rng);
    let mut text = String::with_capacity(body.len() + 400);
    text.push_str("---\n");
    let _ = writeln!(text, "title: {}", quoted(&title));
    let _ = writeln!(text, "summary: {}", quoted(&summary));
    let _ = writeln!(text, "skill: {}", skill.key);
    let tags: Vec<String> = tags.iter().map(|t| quoted(t)).collect();
    let _ = writeln!(text, "tags: [{}]", tags.join(", "));
    let _ = writeln!(text, "updated: {updated}");
    let _ = writeln!(text, "order: {}", (k + 1) * 10);
    text.push_str("---\n");
    text.push_str(&body);
    (title, text, words)
}

/// Screenshots of a guide written as steps: the count the budget is set for.
pub const SCREENSHOTS_PER_GUIDE: usize = 6;

/// File name of screenshot `n` (from 1) of a guide bundle.
pub fn screenshot_name(n: usize) -> String {
    format!("buoc-{n}.png")
}

/// The steps a guide with screenshots ends with: each step its text and its picture, as the
/// teams write them (docs/content-format.md, "Steps").
pub fn steps_section(guide_title: &str) -> String {
    let mut out = String::from("\n## Làm theo từng bước\n\n");
    for n in 1..=SCREENSHOTS_PER_GUIDE {
        let _ = write!(
            out,
            "{n}. Bấm vào chỗ có viền vàng trên màn hình rồi chờ màn hình tiếp theo hiện ra.\n\n   \
             ![Màn hình bước {n} của hướng dẫn \"{guide_title}\"]({})\n\n",
            screenshot_name(n)
        );
    }
    out
}

/// Fills `{topic}`, `{Topic}` (capitalised) and `{platform}`.
pub(crate) fn fill(template: &str, topic: &str, platform: &str) -> String {
    template
        .replace("{Topic}", &capitalise(topic))
        .replace("{topic}", topic)
        .replace("{platform}", platform)
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

fn unique_slug(taken: &mut HashSet<String>, title: &str) -> String {
    let base = slugify(title);
    let mut slug = base.clone();
    let mut n = 2;
    while !taken.insert(slug.clone()) {
        slug = format!("{base}-{n}");
        n += 1;
    }
    slug
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_and_slugs_are_unique_and_skills_balanced() {
        let guides = generate(700, 3);
        let mut titles = HashSet::new();
        for g in &guides {
            let title = g.text.lines().nth(1).unwrap();
            assert!(titles.insert(title.to_string()), "{title}");
            assert!(
                (300..=900).contains(&g.words),
                "{} has {} words",
                g.slug,
                g.words
            );
        }
        let slugs: HashSet<&str> = guides.iter().map(|g| g.slug.as_str()).collect();
        assert_eq!(slugs.len(), 700);
        let dvc = guides
            .iter()
            .filter(|g| g.text.contains("\nskill: dich-vu-cong\n"))
            .count();
        assert_eq!(dvc, 140);
    }

    #[test]
    fn capitalises_vietnamese() {
        assert_eq!(capitalise("đăng ký"), "Đăng ký");
        assert_eq!(
            fill("{Topic} và {topic} trên {platform}", "ấp", "Zalo"),
            "Ấp và ấp trên Zalo"
        );
    }
}
