//! Figures, the targets they are held to, and the table that says which were met.

/// How a figure is printed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Unit {
    Seconds,
    Millis,
    KiB,
    MiB,
    Count,
    Ratio,
    PerSecond,
    /// A share between 0 and 1 (Success@3, MRR).
    Share,
}

impl Unit {
    pub fn format(self, value: f64) -> String {
        match self {
            Unit::Seconds => format!("{value:.2} s"),
            Unit::Millis if value < 10.0 => format!("{value:.2} ms"),
            Unit::Millis => format!("{value:.0} ms"),
            Unit::KiB => format!("{value:.0} KB"),
            Unit::MiB => format!("{value:.0} MB"),
            Unit::Count => format!("{value:.0}"),
            Unit::Ratio => format!("{value:.2}x"),
            Unit::PerSecond => format!("{value:.0}/s"),
            Unit::Share => format!("{value:.3}"),
        }
    }
}

/// A bound (an upper one, or a lower one for figures where more is better, such as a share of
/// queries answered), with an optional stricter one worth reaching.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Target {
    pub bound: f64,
    pub stretch: Option<f64>,
    /// The figure must reach the bound rather than stay under it.
    pub at_least: bool,
}

impl Target {
    pub const fn at_most(limit: f64) -> Target {
        Target {
            bound: limit,
            stretch: None,
            at_least: false,
        }
    }

    pub const fn at_least(limit: f64) -> Target {
        Target {
            bound: limit,
            stretch: None,
            at_least: true,
        }
    }

    pub const fn with_stretch(limit: f64, stretch: f64) -> Target {
        Target {
            bound: limit,
            stretch: Some(stretch),
            at_least: false,
        }
    }

    /// Whether `value` is on the right side of `limit`.
    fn within(&self, value: f64, limit: f64) -> bool {
        if self.at_least {
            value >= limit
        } else {
            value <= limit
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Within the stretch bound (or within the bound when there is no stretch).
    Stretch,
    Ok,
    Missed,
    /// The figure has a target but could not be measured.
    NotMeasured,
    /// No target.
    None,
}

impl Verdict {
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Stretch => "ok (stretch)",
            Verdict::Ok => "ok",
            Verdict::Missed => "MISSED",
            Verdict::NotMeasured => "not measured",
            Verdict::None => "",
        }
    }
}

pub fn judge(value: Option<f64>, target: Option<Target>) -> Verdict {
    let Some(target) = target else {
        return Verdict::None;
    };
    let Some(value) = value else {
        return Verdict::NotMeasured;
    };
    if !value.is_finite() || !target.within(value, target.bound) {
        return Verdict::Missed;
    }
    match target.stretch {
        Some(stretch) if target.within(value, stretch) => Verdict::Stretch,
        Some(_) => Verdict::Ok,
        None => Verdict::Ok,
    }
}

/// One row of the result table; `value` is `None` when the measurement failed or was skipped,
/// and `note` then says why.
#[derive(Debug, Clone)]
pub struct Figure {
    pub name: String,
    pub value: Option<f64>,
    pub unit: Unit,
    pub target: Option<Target>,
    pub note: String,
}

impl Figure {
    pub fn new(name: impl Into<String>, value: f64, unit: Unit) -> Figure {
        Figure {
            name: name.into(),
            value: Some(value),
            unit,
            target: None,
            note: String::new(),
        }
    }

    /// A figure that could not be measured; `why` is kept to its first lines, on one line.
    pub fn missing(name: impl Into<String>, unit: Unit, why: &str) -> Figure {
        let why: Vec<&str> = why
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .take(4)
            .collect();
        Figure {
            name: name.into(),
            value: None,
            unit,
            target: None,
            note: why.join(" ").replace('|', "/"),
        }
    }

    pub fn target(mut self, target: Target) -> Figure {
        self.target = Some(target);
        self
    }

    pub fn note(mut self, note: impl Into<String>) -> Figure {
        self.note = note.into();
        self
    }

    pub fn verdict(&self) -> Verdict {
        judge(self.value, self.target)
    }

    fn value_text(&self) -> String {
        self.value
            .map_or_else(|| "—".to_string(), |v| self.unit.format(v))
    }

    fn target_text(&self) -> String {
        match self.target {
            None => String::new(),
            Some(t) => {
                let sign = if t.at_least { "≥" } else { "≤" };
                let mut text = format!("{sign} {}", self.unit.format(t.bound));
                if let Some(s) = t.stretch {
                    text.push_str(&format!(" (stretch {})", self.unit.format(s)));
                }
                text
            }
        }
    }
}

/// The figures as a Markdown table (it also reads well in a terminal).
pub fn table(figures: &[Figure]) -> String {
    let rows: Vec<[String; 5]> = figures
        .iter()
        .map(|f| {
            [
                f.name.clone(),
                f.value_text(),
                f.target_text(),
                f.verdict().label().to_string(),
                f.note.clone(),
            ]
        })
        .collect();
    let header = ["figure", "value", "target", "result", "note"].map(String::from);
    let widths: Vec<usize> = (0..5)
        .map(|i| {
            std::iter::once(&header)
                .chain(&rows)
                .map(|r| r[i].chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |cells: &[String; 5]| {
        let padded: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c}{}", " ".repeat(w - c.chars().count())))
            .collect();
        format!("| {} |\n", padded.join(" | "))
    };
    let mut out = line(&header);
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    out.push_str(&format!("|-{}-|\n", rule.join("-|-")));
    for row in &rows {
        out.push_str(&line(row));
    }
    out
}
