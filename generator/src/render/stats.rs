//! The statistics page: counts per province and for the whole portal, with bar charts drawn as SVG
//! at build time so they show without JavaScript and print sharply.

use std::fmt::Write;

use serde::Serialize;

use crate::render::context::ProvinceView;
use crate::render::templates::escape_html as escape;

/// Row height, label column and bar area of a chart, in SVG user units (≈ CSS pixels).
const ROW: usize = 26;
/// The whole chart fits a 360 px phone screen without scrolling or shrinking its text.
const LABEL: usize = 125;
const BARS: usize = 170;
const VALUE: usize = 55;

/// One horizontal bar chart, as inline SVG markup.
#[derive(Debug, Clone, Serialize)]
pub struct Chart {
    /// The element id of the chart's title, for `aria-labelledby`.
    pub id: String,
    pub title: String,
    pub svg: String,
}

/// A bar per province: `value` against `max` (the largest value when `None`), labelled with
/// `shown` (the number or percentage to print beside the bar).
pub fn bar_chart(
    id: &str,
    title: &str,
    description: &str,
    rows: &[(String, f64, String)],
    max: Option<f64>,
) -> Chart {
    let max = max
        .unwrap_or_else(|| rows.iter().map(|r| r.1).fold(0.0, f64::max))
        .max(1.0);
    let width = LABEL + BARS + VALUE;
    let height = ROW * rows.len().max(1) + 4;
    let mut svg = String::new();
    let _ = write!(
        svg,
        "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" \
         width=\"{width}\" height=\"{height}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\">\
         <title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>",
        escape(title),
        escape(description)
    );
    for (i, (label, value, shown)) in rows.iter().enumerate() {
        let y = i * ROW + 2;
        let bar = ((value / max) * BARS as f64).round() as usize;
        let _ = write!(
            svg,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"14\" fill=\"#1b1f24\">{}</text>\
             <rect x=\"{LABEL}\" y=\"{}\" width=\"{bar}\" height=\"{}\" fill=\"#0b5cad\"/>\
             <text x=\"{}\" y=\"{}\" font-size=\"14\" fill=\"#1b1f24\">{}</text>",
            LABEL - 6,
            y + 18,
            escape(label),
            y + 4,
            ROW - 8,
            LABEL + bar + 6,
            y + 18,
            escape(shown),
        );
    }
    svg.push_str("</svg>");
    Chart {
        id: id.to_string(),
        title: title.to_string(),
        svg,
    }
}

/// The two charts of the statistics page: teams per province, and the share of communes that
/// have sent a team list.
pub fn charts(provinces: &[ProvinceView]) -> Vec<Chart> {
    let teams: Vec<_> = provinces
        .iter()
        .map(|p| {
            (
                p.short_name.clone(),
                p.team_count as f64,
                crate::text::group_thousands(p.team_count as u64),
            )
        })
        .collect();
    let coverage: Vec<_> = provinces
        .iter()
        .map(|p| {
            let share = percent(p.communes_with_data, p.commune_count);
            (p.short_name.clone(), share, percent_label(share))
        })
        .collect();
    vec![
        bar_chart(
            "bieu-do-to",
            "Số tổ công nghệ số theo tỉnh, thành phố",
            "Mỗi thanh là một tỉnh, thành phố; độ dài thanh là số tổ đã có trên cổng. Số liệu đầy đủ ở bảng bên dưới.",
            &teams,
            None,
        ),
        bar_chart(
            "bieu-do-xa",
            "Tỉ lệ xã, phường đã gửi danh sách tổ",
            "Mỗi thanh là một tỉnh, thành phố; độ dài thanh là phần trăm số xã, phường đã gửi danh sách, trên thang 100%. Số liệu đầy đủ ở bảng bên dưới.",
            &coverage,
            Some(100.0),
        ),
    ]
}

/// "0,3%": one decimal, with the Vietnamese decimal comma, so a small share does not read as 0.
pub fn percent_label(share: f64) -> String {
    format!("{share:.1}%").replace('.', ",")
}

/// `part` of `whole` in percent; 0 for an empty whole.
pub fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 * 100.0 / whole as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_scale_to_the_largest_value_and_carry_title_and_description() {
        let rows = vec![
            ("Hà Nội".to_string(), 10.0, "10".to_string()),
            ("Huế".to_string(), 5.0, "5".to_string()),
        ];
        let chart = bar_chart("c", "Tiêu đề", "Mô tả & chú thích", &rows, None);
        assert!(chart.svg.contains(&format!("width=\"{BARS}\"")));
        assert!(chart.svg.contains(&format!("width=\"{}\"", BARS / 2)));
        assert!(chart.svg.contains("<title id=\"c-title\">Tiêu đề</title>"));
        assert!(chart
            .svg
            .contains("<desc id=\"c-desc\">Mô tả &amp; chú thích</desc>"));
    }

    #[test]
    fn percentages_use_a_decimal_comma() {
        assert_eq!(percent_label(percent(9, 3321)), "0,3%");
        assert_eq!(percent_label(100.0), "100,0%");
    }

    #[test]
    fn percent_of_nothing_is_zero() {
        assert_eq!(percent(0, 0), 0.0);
        assert_eq!(percent(1, 4), 25.0);
    }
}
