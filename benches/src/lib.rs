//! National-scale dataset generation and benchmarks.
//!
//! The portal has to stay fast and correct at the size of the real programme: about 93,500
//! hamlet teams and 458,000 members in 3,321 communes. Real directories cannot be used for
//! that (members' phones are personal data), so this crate generates a synthetic country in
//! the content format, from the official list of administrative units, with the shapes real
//! data has: Vietnamese names with their true frequencies, hamlet kinds by region, phones
//! in every common spelling, and about four in ten members consenting to publication.
//!
//! Output is deterministic: the same options always give the same bytes, so benchmark runs
//! compare like with like and a failing privacy check can be reproduced exactly.

pub mod allocation;
pub mod eval;
pub mod guides;
mod hamlet_names;
pub mod hamlets;
pub mod measure;
pub mod names;
pub mod national;
pub mod phone;
pub mod rng;
pub mod site;
pub mod teams;
pub mod units;
pub mod yaml;
