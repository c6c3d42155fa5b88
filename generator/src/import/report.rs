//! What an import changed, told to the editor in Vietnamese. Phone numbers never appear here:
//! the report names people and the fields that changed, not the values.

use std::fmt;

/// A team and how many members it has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamSummary {
    pub hamlet: String,
    pub members: usize,
}

/// A member added to, removed from or changed in a team the file already had.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MemberChange {
    Added {
        team: String,
        name: String,
    },
    Removed {
        team: String,
        name: String,
    },
    Changed {
        team: String,
        name: String,
        fields: Vec<String>,
    },
}

impl MemberChange {
    fn team(&self) -> &str {
        match self {
            MemberChange::Added { team, .. }
            | MemberChange::Removed { team, .. }
            | MemberChange::Changed { team, .. } => team,
        }
    }
}

/// Every change of one import.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    pub teams_added: Vec<TeamSummary>,
    pub teams_removed: Vec<TeamSummary>,
    /// (old name, new name)
    pub teams_renamed: Vec<(String, String)>,
    /// (hamlet, new kind)
    pub kinds_changed: Vec<(String, String)>,
    pub members: Vec<MemberChange>,
    /// Nothing above changed but the order of teams or members did.
    pub reordered: bool,
}

impl Report {
    pub fn is_empty(&self) -> bool {
        self.teams_added.is_empty()
            && self.teams_removed.is_empty()
            && self.teams_renamed.is_empty()
            && self.kinds_changed.is_empty()
            && self.members.is_empty()
            && !self.reordered
    }

    fn count(&self, which: fn(&MemberChange) -> bool) -> usize {
        self.members.iter().filter(|c| which(c)).count()
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for t in &self.teams_added {
            writeln!(f, "  + thêm tổ {} ({} thành viên)", t.hamlet, t.members)?;
        }
        for t in &self.teams_removed {
            writeln!(f, "  - bỏ tổ {} ({} thành viên)", t.hamlet, t.members)?;
        }
        for (old, new) in &self.teams_renamed {
            writeln!(f, "  ~ đổi tên tổ {old} thành {new}")?;
        }
        for (hamlet, kind) in &self.kinds_changed {
            writeln!(f, "  ~ {hamlet}: loại thành \"{kind}\"")?;
        }
        let mut teams: Vec<&str> = Vec::new();
        for change in &self.members {
            if !teams.contains(&change.team()) {
                teams.push(change.team());
            }
        }
        for team in teams {
            writeln!(f, "  {team}:")?;
            for change in self.members.iter().filter(|c| c.team() == team) {
                match change {
                    MemberChange::Added { name, .. } => writeln!(f, "    + thêm {name}")?,
                    MemberChange::Removed { name, .. } => writeln!(f, "    - bỏ {name}")?,
                    MemberChange::Changed { name, fields, .. } => {
                        writeln!(f, "    ~ sửa {name}: {}", fields.join(", "))?
                    }
                }
            }
        }
        if self.reordered {
            writeln!(f, "  ~ sắp xếp lại thứ tự theo bảng tính")?;
        }
        write!(
            f,
            "Tóm tắt: thêm {} tổ, bỏ {} tổ; thêm {} thành viên, bỏ {}, sửa {}.",
            self.teams_added.len(),
            self.teams_removed.len(),
            self.count(|c| matches!(c, MemberChange::Added { .. })),
            self.count(|c| matches!(c, MemberChange::Removed { .. })),
            self.count(|c| matches!(c, MemberChange::Changed { .. })),
        )
    }
}
