//! Long lists in Vietnamese alphabetical order, grouped under their first letters, so that a
//! citizen without JavaScript reaches a name in two taps: its letter in the index, then the name.

use serde::Serialize;

use crate::collate;

/// The names under one letter of the index.
#[derive(Debug, Clone, Serialize)]
pub struct LetterGroup<T> {
    /// As the index shows it: "A", "Ă", "Đ", "0–9".
    pub letter: String,
    /// The group's anchor on the page: "chu-a", "chu-aw", "chu-dd", "chu-so".
    pub id: String,
    pub items: Vec<T>,
}

/// `items` sorted by the unit names `name` gives (unit words ignored), grouped by initial.
pub fn by_initial<T>(mut items: Vec<T>, name: impl Fn(&T) -> &str) -> Vec<LetterGroup<T>> {
    collate::sort_units(&mut items, &name);
    let mut groups: Vec<LetterGroup<T>> = Vec::new();
    for item in items {
        let letter = collate::initial(name(&item));
        match groups.last_mut() {
            Some(group) if group.letter == letter => group.items.push(item),
            _ => groups.push(LetterGroup {
                id: anchor(&letter),
                letter,
                items: vec![item],
            }),
        }
    }
    groups
}

/// An ASCII anchor for a letter that keeps Vietnamese letters apart (D and Đ, A, Ă and Â), in
/// the Telex spelling Vietnamese keyboards use: "chu-dd" for Đ, "chu-aw" for Ă.
pub fn anchor(letter: &str) -> String {
    let telex: String = letter
        .to_lowercase()
        .chars()
        .map(|c| match c {
            'ă' => "aw".to_string(),
            'â' => "aa".to_string(),
            'đ' => "dd".to_string(),
            'ê' => "ee".to_string(),
            'ô' => "oo".to_string(),
            'ơ' => "ow".to_string(),
            'ư' => "uw".to_string(),
            c if c.is_ascii_alphanumeric() => c.to_string(),
            _ => String::new(),
        })
        .collect();
    match telex.as_str() {
        "" | "09" => "chu-so".to_string(),
        _ => format!("chu-{telex}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_grouped_under_vietnamese_initials_in_order() {
        let names = vec![
            "Xã Đông Hòa",
            "Phường Ba Đình",
            "Xã Dương Minh Châu",
            "Xã Ân Thi",
            "Xã An Lão",
            "Xã Ẳng Cang",
            "Phường Bạch Mai",
        ];
        let groups = by_initial(names, |n| n);
        let letters: Vec<(&str, &str, usize)> = groups
            .iter()
            .map(|g| (g.letter.as_str(), g.id.as_str(), g.items.len()))
            .collect();
        assert_eq!(
            letters,
            [
                ("A", "chu-a", 1),
                ("Ă", "chu-aw", 1),
                ("Â", "chu-aa", 1),
                ("B", "chu-b", 2),
                ("D", "chu-d", 1),
                ("Đ", "chu-dd", 1)
            ]
        );
        assert_eq!(groups[3].items, ["Phường Ba Đình", "Phường Bạch Mai"]);
    }

    #[test]
    fn anchors_are_distinct_for_every_letter() {
        let letters = "A Ă Â B C D Đ E Ê G H I K L M N O Ô Ơ P Q R S T U Ư V X Y 0–9";
        let mut ids: Vec<String> = letters.split(' ').map(anchor).collect();
        assert!(ids.iter().all(|id| id.is_ascii() && id.starts_with("chu-")));
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), 30);
    }
}
