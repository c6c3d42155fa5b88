//! Answering the evaluation natively, as the browser would, and scoring it.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::Result;
use ngo::search::cli::Portal;
use ngo_search::SearchOptions;

use super::{Case, Category};

/// Hits a result page shows at first.
const SHOWN: usize = 10;

/// How one kind of query fared.
#[derive(Debug, Clone, Default)]
pub struct Score {
    pub cases: usize,
    pub at_1: usize,
    pub at_3: usize,
    /// Sum of 1/rank over the cases whose team was among the hits shown.
    pub reciprocal: f64,
    /// Queries whose team was not in the first three: query, expected page, what was shown.
    pub misses: Vec<(String, String, Vec<String>)>,
}

impl Score {
    pub fn success_at_1(&self) -> f64 {
        self.at_1 as f64 / self.cases.max(1) as f64
    }

    pub fn success_at_3(&self) -> f64 {
        self.at_3 as f64 / self.cases.max(1) as f64
    }

    pub fn mrr(&self) -> f64 {
        self.reciprocal / self.cases.max(1) as f64
    }

    fn add(&mut self, case: &Case, shown: &[(String, String)]) {
        self.cases += 1;
        let rank = shown.iter().position(|(url, _)| *url == case.expected);
        if let Some(r) = rank {
            self.at_1 += usize::from(r == 0);
            self.at_3 += usize::from(r < 3);
            self.reciprocal += 1.0 / (r + 1) as f64;
        }
        if rank.is_none_or(|r| r >= 3) {
            let titles = shown.iter().take(3).map(|(_, t)| t.clone()).collect();
            self.misses
                .push((case.query.clone(), case.expected.clone(), titles));
        }
    }
}

/// What the evaluation found.
pub struct Evaluation {
    /// Scores per kind, and `None` for all of them together.
    pub scores: BTreeMap<Option<Category>, Score>,
    /// The first three pages shown for each case, in order.
    pub shown: Vec<Vec<String>>,
}

/// Answers every case on the portal built in `site` and scores them.
pub fn evaluate(site: &Path, cases: &[Case]) -> Result<Evaluation> {
    let mut portal = Portal::open(site)?;
    let mut scores: BTreeMap<Option<Category>, Score> = BTreeMap::new();
    let mut first_three = Vec::with_capacity(cases.len());
    for case in cases {
        let options = SearchOptions {
            limit: SHOWN,
            kind: None,
            province: case.province,
        };
        let answer = portal.answer(&case.query, &options)?;
        let shown: Vec<(String, String)> = answer
            .hits
            .iter()
            .map(|h| (h.url.clone(), format!("{} — {}", h.title, h.subtitle)))
            .collect();
        scores
            .entry(Some(case.category))
            .or_default()
            .add(case, &shown);
        scores.entry(None).or_default().add(case, &shown);
        first_three.push(shown.iter().take(3).map(|(url, _)| url.clone()).collect());
    }
    Ok(Evaluation {
        scores,
        shown: first_three,
    })
}
