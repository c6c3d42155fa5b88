//! The five basic digital skills of the national programme ("5 nội dung kỹ năng số cơ bản").

use serde::Serialize;

/// One of the five skills every guide teaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Skill {
    #[serde(rename = "dich-vu-cong")]
    PublicServices,
    #[serde(rename = "mua-sam")]
    Shopping,
    #[serde(rename = "thanh-toan")]
    Payment,
    #[serde(rename = "an-toan")]
    Safety,
    #[serde(rename = "nen-tang-khac")]
    OtherPlatforms,
}

impl Skill {
    pub const ALL: [Skill; 5] = [
        Skill::PublicServices,
        Skill::Shopping,
        Skill::Payment,
        Skill::Safety,
        Skill::OtherPlatforms,
    ];

    /// The key used in front matter and URLs.
    pub fn key(self) -> &'static str {
        match self {
            Skill::PublicServices => "dich-vu-cong",
            Skill::Shopping => "mua-sam",
            Skill::Payment => "thanh-toan",
            Skill::Safety => "an-toan",
            Skill::OtherPlatforms => "nen-tang-khac",
        }
    }

    /// The programme's Vietnamese name for the skill.
    pub fn title(self) -> &'static str {
        match self {
            Skill::PublicServices => "Sử dụng dịch vụ công trực tuyến",
            Skill::Shopping => "Mua sắm trực tuyến",
            Skill::Payment => "Thanh toán trực tuyến",
            Skill::Safety => "Tự bảo vệ mình trên không gian mạng",
            Skill::OtherPlatforms => {
                "Sử dụng các nền tảng số khác (VNeID, Sổ sức khỏe điện tử, học trực tuyến...)"
            }
        }
    }

    /// A short label for buttons and headings on small screens.
    pub fn short_title(self) -> &'static str {
        match self {
            Skill::PublicServices => "Dịch vụ công trực tuyến",
            Skill::Shopping => "Mua sắm trực tuyến",
            Skill::Payment => "Thanh toán trực tuyến",
            Skill::Safety => "An toàn trên mạng",
            Skill::OtherPlatforms => "Nền tảng số khác",
        }
    }

    pub fn from_key(key: &str) -> Option<Skill> {
        Skill::ALL.into_iter().find(|s| s.key() == key)
    }

    pub fn keys() -> Vec<&'static str> {
        Skill::ALL.iter().map(|s| s.key()).collect()
    }
}
