//! A guide's Markdown body, assembled from a skill's pools: an introduction, what to prepare,
//! numbered steps, tips, sometimes a troubleshooting table, questions and answers, and short
//! stories from hamlets until the guide reaches its drawn length.

use std::fmt::Write;

use super::{fill, SkillText};
use crate::rng::Rng;

const INTRO: [&str; 6] = [
    "Bài hướng dẫn này dành cho bà con muốn {topic} mà chưa quen dùng điện thoại thông minh.",
    "Chỉ cần làm theo từng bước dưới đây, bạn có thể tự {topic} ngay tại nhà.",
    "Nhiều người trong thôn đã hỏi tổ công nghệ số cách {topic}, nên chúng tôi viết lại thành các bước ngắn gọn.",
    "Mỗi bước đều làm được trên điện thoại; nếu vướng ở đâu, hãy gọi tổ công nghệ số ở thôn của bạn.",
    "Các bước dưới đây làm trên {platform}; giao diện có thể khác đôi chút tùy phiên bản.",
    "Biết cách {topic} giúp bà con tiết kiệm thời gian đi lại và chủ động hơn trong cuộc sống hằng ngày.",
];

const CLOSING: [&str; 3] = [
    "Nếu còn vướng mắc, hãy liên hệ tổ công nghệ số cộng đồng ở thôn, tổ dân phố nơi bạn sống. Danh sách các tổ và số điện thoại đã đồng ý công khai có trong mục **Tổ công nghệ số** của trang này.",
    "Tổ công nghệ số cộng đồng sinh hoạt định kỳ tại nhà văn hóa thôn. Bà con cứ mang điện thoại đến, các thành viên sẽ cầm tay chỉ việc, hoàn toàn miễn phí.",
    "Bạn có thể tìm tổ gần nhà bằng ô tìm kiếm ở đầu trang: gõ tên thôn hoặc tên xã, có dấu hay không dấu đều được.",
];

const STORY_WHO: [&str; 10] = [
    "Bà Lan",
    "Ông Tư",
    "Chị Hoa",
    "Anh Minh",
    "Bác Sáu",
    "Cô Hằng",
    "Chú Ba",
    "Ông Giàng A Páo",
    "Chị H'Yơn Niê",
    "Anh Thạch Sô Phanh",
];
const STORY_PLACES: [&str; 12] = [
    "thôn Đông",
    "bản Nà Lừa",
    "ấp Tân Phú",
    "tổ dân phố số 5",
    "buôn Ko Tam",
    "xóm Mới",
    "làng Plei Ring",
    "khóm 3",
    "sóc Tà Ốt",
    "thôn Phú Lộc",
    "bản Sín Chải",
    "khu phố 2",
];
const STORY_CONTEXT: [&str; 5] = [
    "năm nay đã ngoài bảy mươi tuổi",
    "vốn chỉ quen dùng điện thoại bấm phím",
    "làm nông quanh năm",
    "mở một quầy tạp hóa nhỏ đầu ngõ",
    "có con cháu đi làm ăn xa",
];
const STORY_ACTION: [&str; 4] = [
    "lần đầu tự {topic} sau một buổi tối học cùng tổ công nghệ số",
    "đã {topic} chỉ trong mười lăm phút",
    "từng lúng túng khi {topic}, nhưng nay đã hướng dẫn lại được cho hàng xóm",
    "được cháu nội chỉ cách {topic} qua cuộc gọi video",
];
const STORY_RESULT: [&str; 4] = [
    "Mọi việc hóa ra đơn giản hơn nhiều so với tưởng tượng.",
    "Nhờ vậy, cả nhà không còn phải mất cả buổi sáng đi lại như trước.",
    "Câu chuyện ấy được kể lại trong buổi sinh hoạt của thôn và nhiều người đã làm theo.",
    "Từ đó, mỗi lần có việc cần làm trên mạng, cả nhà đều tự tin hơn.",
];
const STORY_ADVICE: [&str; 3] = [
    "Tổ công nghệ số khuyên bà con cứ mạnh dạn thử, sai thì làm lại.",
    "Điều quan trọng là không vội và luôn kiểm tra kỹ trước khi bấm xác nhận.",
    "Ai chưa quen có thể hẹn tổ đến tận nhà vào buổi tối.",
];

/// The body and its word count (whitespace-separated tokens with a letter or digit).
pub fn body(skill: &SkillText, topic: &str, platform: &str, rng: &mut Rng) -> (String, usize) {
    let target = rng.range(300, 800) as usize;
    let closing = format!("\n## Cần hỗ trợ?\n\n{}\n", rng.pick(&CLOSING));
    let mut out = String::with_capacity(6 * target + 200);
    let f = |t: &str| fill(t, topic, platform);
    let intro: Vec<String> = distinct(rng, INTRO.len(), 3)
        .into_iter()
        .map(|i| f(INTRO[i]))
        .collect();
    let _ = writeln!(out, "{}\n", intro.join(" "));
    out.push_str("## Chuẩn bị\n\n");
    let prepare_count = 3 + rng.below(3);
    for i in distinct(rng, skill.prepare.len(), prepare_count) {
        let _ = writeln!(out, "- {}", f(skill.prepare[i]));
    }
    out.push_str("\n## Các bước thực hiện\n\n");
    let step_count = 5 + rng.below(skill.steps.len() - 4);
    let mut steps = distinct(rng, skill.steps.len(), step_count);
    steps.sort_unstable();
    for (n, i) in steps.into_iter().enumerate() {
        let _ = writeln!(out, "{}. {}", n + 1, f(skill.steps[i]));
    }
    let tips: Vec<&str> = distinct(rng, skill.tips.len(), 2)
        .into_iter()
        .map(|i| skill.tips[i])
        .collect();
    let _ = writeln!(out, "\n### Lưu ý\n\n{}", tips.join(" "));
    if rng.chance(0.25) {
        troubleshooting_table(&mut out, skill, rng);
    }
    extend_to(
        &mut out,
        target.saturating_sub(words(&closing)),
        skill,
        topic,
        rng,
    );
    out.push_str(&closing);
    let count = words(&out);
    (out, count)
}

fn troubleshooting_table(out: &mut String, skill: &SkillText, rng: &mut Rng) {
    out.push_str("\n## Xử lý sự cố thường gặp\n\n| Tình huống | Cách xử lý |\n|---|---|\n");
    let rows = 3 + rng.below(2);
    for i in distinct(rng, skill.troubles.len(), rows) {
        let (problem, fix) = skill.troubles[i];
        let _ = writeln!(out, "| {problem} | {fix} |");
    }
}

/// Questions first, then stories, until the body has `target` words.
fn extend_to(out: &mut String, target: usize, skill: &SkillText, topic: &str, rng: &mut Rng) {
    let mut count = words(out);
    let questions = distinct(rng, skill.faq.len(), skill.faq.len());
    let places = distinct(rng, STORY_PLACES.len(), STORY_PLACES.len());
    let mut blocks = 0;
    while count < target {
        let block = match (
            questions.get(blocks),
            places.get(blocks.saturating_sub(questions.len())),
        ) {
            (Some(&q), _) => {
                let (question, answer) = skill.faq[q];
                let heading = if blocks == 0 {
                    "\n## Câu hỏi thường gặp\n"
                } else {
                    ""
                };
                format!("{heading}\n### {question}\n\n{answer}\n")
            }
            (None, Some(&p)) => format!(
                "\n### Chuyện ở {}\n\n{}\n",
                STORY_PLACES[p],
                story(STORY_PLACES[p], topic, rng)
            ),
            (None, None) => format!("\n{}\n", story(rng.pick(&STORY_PLACES), topic, rng)),
        };
        count += words(&block);
        out.push_str(&block);
        blocks += 1;
    }
}

fn story(place: &str, topic: &str, rng: &mut Rng) -> String {
    format!(
        "{} ở {place} {}, {}. {} {}",
        rng.pick(&STORY_WHO),
        rng.pick(&STORY_CONTEXT),
        fill(rng.pick(&STORY_ACTION), topic, ""),
        rng.pick(&STORY_RESULT),
        rng.pick(&STORY_ADVICE)
    )
}

/// `k` distinct indices below `n`, in random order.
fn distinct(rng: &mut Rng, n: usize, k: usize) -> Vec<usize> {
    let mut all: Vec<usize> = (0..n).collect();
    for i in 0..k.min(n) {
        let j = i + rng.below(n - i);
        all.swap(i, j);
    }
    all.truncate(k.min(n));
    all
}

/// Words as a reader counts them: Markdown markers and table rules are not words.
pub fn words(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}
