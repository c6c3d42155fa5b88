//! The benchmark command's parts: each measures one thing and returns plain figures, so the
//! binary only orders the runs and `targets` alone decides what counts as met.

pub mod browser;
pub mod build_run;
pub mod guide_images;
pub mod latency;
pub mod machine;
pub mod payload;
pub mod peers;
pub mod reload;
pub mod report;
pub mod serve;
pub mod sizes;
pub mod stats;
pub mod targets;
