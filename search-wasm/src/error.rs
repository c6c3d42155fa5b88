//! The one error type of the search layer; the generator and the WebAssembly boundary turn it into
//! their own diagnostics.

/// Why a shard could not be built or opened.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("không phải phân đoạn tìm kiếm: tệp không mở đầu bằng dấu hiệu của phân đoạn")]
    NotAShard,
    #[error("phân đoạn tìm kiếm theo định dạng {found}, bản này chỉ đọc định dạng {supported}: hãy dựng lại trang")]
    UnsupportedVersion { found: u32, supported: u32 },
    #[error("phân đoạn tìm kiếm bị hỏng: {0}")]
    Damaged(&'static str),
    #[error("phân đoạn tìm kiếm quá lớn cho một khối ({docs} mục): cần chia nhỏ")]
    TooLarge { docs: usize },
    #[error("lỗi chỉ mục tìm kiếm: {0}")]
    Index(#[from] tantivy::TantivyError),
    #[error("thông tin của phân đoạn tìm kiếm không hợp lệ: {0}")]
    Metadata(#[from] serde_json::Error),
}
