//! Percentiles over measured durations.

use std::time::Duration;

/// The `p`-th quantile (0.0..=1.0) of `samples` by nearest rank, in milliseconds; `None` when
/// there is nothing to rank.
pub fn percentile_ms(samples: &[Duration], p: f64) -> Option<f64> {
    if samples.is_empty() {
        return None;
    }
    let mut sorted = samples.to_vec();
    sorted.sort();
    let rank = ((sorted.len() as f64) * p.clamp(0.0, 1.0)).ceil() as usize;
    let index = rank.saturating_sub(1).min(sorted.len() - 1);
    Some(sorted[index].as_secs_f64() * 1000.0)
}

/// The middle value (the lower one of the two middles for an even count).
pub fn median<T: Copy + PartialOrd>(values: &[T]) -> Option<T> {
    let mut sorted = values.to_vec();
    sorted.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
    sorted.get(sorted.len().saturating_sub(1) / 2).copied()
}
