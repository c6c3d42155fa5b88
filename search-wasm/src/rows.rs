//! What a result row shows, kept beside the index instead of in tantivy's document store.
//!
//! A shard's documents are found through the inverted index alone; what a hit then shows
//! (title, address, context line, notes) is read from this table by document id. Strings are
//! stored once and referred to by number, so the commune name under three thousand hamlets, or
//! the same "trước đây: …" note on every team of a commune, costs a few bytes a row; columns are
//! written one after the other, which compresses far better than tantivy's per-document store,
//! and the reader needs none of the store's code.
//!
//! Layout (unsigned LEB128 numbers, UTF-8 strings):
//!
//! ```text
//! string count, then each string: byte length, bytes
//! row count
//! kinds         one byte per row (Kind::code)
//! titles        string number per row        } each as the difference from the row before,
//! url heads     string number per row        } zigzag-coded: rows come in order, so these
//! url tails     string number per row        } are small and repetitive
//! subtitles     string number per row        }
//! provinces     per row: 0 for none, else the code          } also as differences
//! communes      per row: 0 for none, else the code + 1      }
//! notes         per row: 0 when the same list as the row before, else how many + 1, then
//!               their string numbers
//! aliases       the same
//! context       the same
//! around        the same
//! teams         per row: 0 for none, else the number of teams + 1
//! ```
//!
//! url = head + tail, split before the last segment.
//!
//! Aliases, context and around are not shown; their whole names give a document its whole-name bonus
//! (see [`crate::names`]).

use crate::document::{Document, Kind};
use crate::error::SearchError;

/// Name of the row table inside the shard container.
pub(crate) const ROWS_FILE: &str = "ngo.rows";

/// One document's row, with strings by number.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Row {
    pub kind: Kind,
    pub title: u32,
    pub url_head: u32,
    pub url_tail: u32,
    pub subtitle: u32,
    pub province: Option<u32>,
    pub commune: Option<u32>,
    pub notes: Vec<u32>,
    pub aliases: Vec<u32>,
    pub context: Vec<u32>,
    pub around: Vec<u32>,
    /// For a commune, how many teams it has.
    pub teams: Option<u32>,
}

/// Every row of a shard and the strings they use.
#[derive(Debug, Default)]
pub(crate) struct Rows {
    strings: Vec<String>,
    rows: Vec<Row>,
}

impl Rows {
    pub(crate) fn len(&self) -> usize {
        self.rows.len()
    }

    pub(crate) fn get(&self, doc: u32) -> Option<&Row> {
        self.rows.get(doc as usize)
    }

    pub(crate) fn text(&self, string: u32) -> &str {
        self.strings.get(string as usize).map_or("", String::as_str)
    }

    /// The row's address: head and tail joined.
    pub(crate) fn url(&self, row: &Row) -> String {
        let mut url = self.text(row.url_head).to_string();
        url.push_str(self.text(row.url_tail));
        url
    }

    /// Reads a table written by [`encode`].
    pub(crate) fn decode(bytes: &[u8]) -> Result<Rows, SearchError> {
        let mut r = Reader { bytes };
        let count = r.count()?;
        let mut strings = Vec::with_capacity(count);
        for _ in 0..count {
            let len = r.count()?;
            let text = std::str::from_utf8(r.take(len)?).map_err(|_| {
                SearchError::Damaged("một chuỗi trong bảng kết quả không phải UTF-8")
            })?;
            strings.push(text.to_string());
        }
        let rows = r.count()?;
        let kinds: Vec<Kind> = r
            .take(rows)?
            .iter()
            .map(|&b| Kind::from_code(u64::from(b)))
            .collect::<Option<_>>()
            .ok_or(SearchError::Damaged("một dòng kết quả có loại không rõ"))?;
        let mut column = || -> Result<Vec<u32>, SearchError> {
            let mut last = 0i64;
            (0..rows)
                .map(|_| {
                    last += unzigzag(r.wide()?);
                    u32::try_from(last)
                        .map_err(|_| SearchError::Damaged("một số trong bảng kết quả quá lớn"))
                })
                .collect()
        };
        let (titles, heads, tails, subtitles) = (column()?, column()?, column()?, column()?);
        let (provinces, communes) = (column()?, column()?);
        let mut lists = || -> Result<Vec<Vec<u32>>, SearchError> {
            let mut out: Vec<Vec<u32>> = Vec::with_capacity(rows);
            for _ in 0..rows {
                let list = match r.count()? {
                    0 => out.last().cloned().unwrap_or_default(),
                    n => (1..n).map(|_| r.number()).collect::<Result<_, _>>()?,
                };
                out.push(list);
            }
            Ok(out)
        };
        let (notes, aliases) = (lists()?, lists()?);
        let (context, around) = (lists()?, lists()?);
        let teams = (0..rows)
            .map(|_| r.number())
            .collect::<Result<Vec<_>, _>>()?;
        let mut table = Vec::with_capacity(rows);
        let parts = notes
            .into_iter()
            .zip(aliases)
            .zip(context.into_iter().zip(around))
            .zip(teams);
        for (i, (((notes, aliases), (context, around)), teams)) in parts.enumerate() {
            table.push(Row {
                kind: kinds[i],
                title: titles[i],
                url_head: heads[i],
                url_tail: tails[i],
                subtitle: subtitles[i],
                province: (provinces[i] > 0).then_some(provinces[i]),
                commune: communes[i].checked_sub(1),
                notes,
                aliases,
                context,
                around,
                teams: teams.checked_sub(1),
            });
        }
        if !r.bytes.is_empty() {
            return Err(SearchError::Damaged("còn dữ liệu sau dòng cuối"));
        }
        let strings_ok = table.iter().all(|row| {
            [row.title, row.url_head, row.url_tail, row.subtitle]
                .iter()
                .chain(&row.notes)
                .chain(&row.aliases)
                .chain(&row.context)
                .chain(&row.around)
                .all(|&s| (s as usize) < strings.len())
        });
        if !strings_ok {
            return Err(SearchError::Damaged(
                "một dòng kết quả trỏ tới chuỗi không có",
            ));
        }
        Ok(Rows {
            strings,
            rows: table,
        })
    }
}

/// Writes the rows of `docs`, in order, with every distinct string stored once.
#[cfg_attr(target_arch = "wasm32", allow(dead_code))] // writing shards is native-only
pub(crate) fn encode(docs: &[Document]) -> Vec<u8> {
    let mut strings = Interner::default();
    strings.add(""); // number 0: the empty string, for absent parts
    let rows: Vec<Row> = docs.iter().map(|d| row(d, &mut strings)).collect();
    let mut out = Vec::new();
    put(&mut out, strings.list.len() as u64);
    for s in &strings.list {
        put(&mut out, s.len() as u64);
        out.extend_from_slice(s.as_bytes());
    }
    put(&mut out, rows.len() as u64);
    out.extend(rows.iter().map(|r| r.kind.code() as u8));
    let columns: [fn(&Row) -> u64; 6] = [
        |r| r.title.into(),
        |r| r.url_head.into(),
        |r| r.url_tail.into(),
        |r| r.subtitle.into(),
        |r| r.province.map_or(0, u64::from),
        |r| r.commune.map_or(0, |c| u64::from(c) + 1),
    ];
    for column in columns {
        let mut last = 0i64;
        for row in &rows {
            let value = column(row) as i64;
            put(&mut out, zigzag(value - last));
            last = value;
        }
    }
    let lists: [fn(&Row) -> &Vec<u32>; 4] =
        [|r| &r.notes, |r| &r.aliases, |r| &r.context, |r| &r.around];
    for list in lists {
        let mut last: Option<&Vec<u32>> = None;
        for row in &rows {
            let this = list(row);
            if last == Some(this) {
                put(&mut out, 0);
            } else {
                put(&mut out, this.len() as u64 + 1);
                for &string in this {
                    put(&mut out, string.into());
                }
            }
            last = Some(this);
        }
    }
    for row in &rows {
        put(&mut out, row.teams.map_or(0, |t| u64::from(t) + 1));
    }
    out
}

fn row(doc: &Document, strings: &mut Interner) -> Row {
    let (head, tail) = split_url(&doc.url);
    Row {
        kind: doc.kind,
        title: strings.add(&doc.title),
        url_head: strings.add(head),
        url_tail: strings.add(tail),
        subtitle: strings.add(&doc.subtitle),
        province: doc.province,
        commune: doc.commune,
        notes: doc.notes.iter().map(|n| strings.add(n)).collect(),
        aliases: doc.aliases.iter().map(|a| strings.add(a)).collect(),
        context: doc.context.iter().map(|c| strings.add(c)).collect(),
        around: doc.around.iter().map(|c| strings.add(c)).collect(),
        teams: doc.teams,
    }
}

/// "quang-ninh/xa-quang-la/khe-cat/" → ("quang-ninh/xa-quang-la/", "khe-cat/"): the head is
/// shared by every team of a commune.
fn split_url(url: &str) -> (&str, &str) {
    let body = url.strip_suffix('/').unwrap_or(url);
    match body.rfind('/') {
        Some(i) => url.split_at(i + 1),
        None => ("", url),
    }
}

#[derive(Default)]
struct Interner {
    list: Vec<String>,
    numbers: std::collections::HashMap<String, u32>,
}

impl Interner {
    fn add(&mut self, text: &str) -> u32 {
        if let Some(&n) = self.numbers.get(text) {
            return n;
        }
        let n = self.list.len() as u32;
        self.list.push(text.to_string());
        self.numbers.insert(text.to_string(), n);
        n
    }
}

fn zigzag(value: i64) -> u64 {
    ((value << 1) ^ (value >> 63)) as u64
}

fn unzigzag(value: u64) -> i64 {
    (value >> 1) as i64 ^ -((value & 1) as i64)
}

fn put(out: &mut Vec<u8>, mut value: u64) {
    loop {
        let byte = (value & 0x7f) as u8;
        value >>= 7;
        if value == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
}

impl<'a> Reader<'a> {
    fn take(&mut self, len: usize) -> Result<&'a [u8], SearchError> {
        if self.bytes.len() < len {
            return Err(SearchError::Damaged("bảng kết quả bị cắt cụt"));
        }
        let (head, rest) = self.bytes.split_at(len);
        self.bytes = rest;
        Ok(head)
    }

    fn wide(&mut self) -> Result<u64, SearchError> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = self.take(1)?[0];
            value |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err(SearchError::Damaged("một số trong bảng kết quả quá dài"))
    }

    fn number(&mut self) -> Result<u32, SearchError> {
        u32::try_from(self.wide()?)
            .map_err(|_| SearchError::Damaged("một số trong bảng kết quả quá lớn"))
    }

    /// A count, which can never exceed the bytes left (each item takes at least one).
    fn count(&mut self) -> Result<usize, SearchError> {
        let n = self.wide()?;
        if n > self.bytes.len() as u64 {
            return Err(SearchError::Damaged(
                "một số đếm trong bảng kết quả quá lớn",
            ));
        }
        Ok(n as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn team(title: &str, url: &str, note: &str) -> Document {
        let mut doc = Document::new(Kind::Team, title, url);
        doc.subtitle = "Xã Quảng La, Tỉnh Quảng Ninh".into();
        doc.context = vec!["Xã Quảng La".into(), "Tỉnh Quảng Ninh".into()];
        doc.province = Some(22);
        doc.commune = Some(7054);
        doc.notes = vec![note.into()];
        doc
    }

    #[test]
    fn rows_round_trip_with_shared_strings() {
        let docs = [
            team(
                "Thôn Khe Cát",
                "quang-ninh/xa-quang-la/khe-cat/",
                "trước đây: xã Dân Chủ",
            ),
            team(
                "Thôn Đồng Đình",
                "quang-ninh/xa-quang-la/dong-dinh/",
                "trước đây: xã Dân Chủ",
            ),
            Document::new(Kind::Guide, "Kích hoạt VNeID", "huong-dan/vneid/"),
        ];
        let bytes = encode(&docs);
        let rows = Rows::decode(&bytes).unwrap();
        assert_eq!(rows.len(), 3);
        let first = rows.get(0).unwrap();
        assert_eq!(rows.text(first.title), "Thôn Khe Cát");
        assert_eq!(rows.url(first), "quang-ninh/xa-quang-la/khe-cat/");
        assert_eq!(first.province, Some(22));
        assert_eq!(first.commune, Some(7054));
        let second = rows.get(1).unwrap();
        assert_eq!(first.subtitle, second.subtitle);
        assert_eq!(first.notes, second.notes);
        assert_eq!(first.context, second.context);
        assert_eq!(rows.text(first.context[0]), "Xã Quảng La");
        assert_eq!(first.url_head, second.url_head);
        let guide = rows.get(2).unwrap();
        assert_eq!((guide.province, guide.commune), (None, None));
        assert_eq!(rows.url(guide), "huong-dan/vneid/");
        assert_eq!(rows.text(guide.subtitle), "");
    }

    #[test]
    fn damaged_tables_are_refused() {
        let bytes = encode(&[team("Thôn 1", "a/b/thon-1/", "x")]);
        assert!(Rows::decode(&bytes[..bytes.len() - 1]).is_err());
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(Rows::decode(&longer).is_err());
        assert!(Rows::decode(&[0xff; 12]).is_err());
    }

    #[test]
    fn urls_split_before_their_last_segment() {
        assert_eq!(split_url("a/b/c/"), ("a/b/", "c/"));
        assert_eq!(split_url("a/"), ("", "a/"));
        assert_eq!(split_url(""), ("", ""));
    }
}
