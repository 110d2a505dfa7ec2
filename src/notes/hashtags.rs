//! Hashtags: from the hashtag field (space or comma separated, `#` optional) and from `#tags`
//! written in a note's text. Tags are lowercase; letters of any script, digits, `_` and `-`.

use crate::web::AppError;

pub const MAX_TAGS: usize = 20;
const MAX_TAG_CHARS: usize = 40;

fn is_tag_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '-'
}

/// A tag in its stored form, or None when nothing usable is left.
pub fn normalize(raw: &str) -> Option<String> {
    let tag: String = raw.trim().trim_start_matches(['#', '＃']).to_lowercase();
    let tag = tag.trim_matches('-').to_string();
    (!tag.is_empty() && tag.chars().count() <= MAX_TAG_CHARS && tag.chars().all(is_tag_char)).then_some(tag)
}

/// The tags typed into the hashtag field.
pub fn parse_field(raw: &str) -> Result<Vec<String>, AppError> {
    let mut tags = Vec::new();
    for word in raw.split(|c: char| c.is_whitespace() || matches!(c, ',' | '，' | '、' | ';')) {
        if word.trim_start_matches(['#', '＃']).is_empty() {
            continue;
        }
        match normalize(word) {
            Some(tag) => tags.push(tag),
            None => {
                return Err(AppError::validation(
                    "hashtags",
                    msg!("hashtag-invalid", tag = word, max = MAX_TAG_CHARS),
                ))
            }
        }
    }
    Ok(tags)
}

/// A piece of note text: plain text, a `#tag` or an `@username` to link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    Text(String),
    Tag { text: String, tag: String },
    Mention { text: String, username: String },
}

fn is_username_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// The usernames `@mentioned` in a text, lowercase, without repeats.
pub fn mentions(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for segment in segments(text) {
        if let Segment::Mention { username, .. } = segment {
            if !out.contains(&username) {
                out.push(username);
            }
        }
    }
    out
}

/// Splits text into plain runs and `#tags`. A `#` starts a tag only at the start of the text or
/// after a non-tag character, so "C#" or "issue#3" stay text.
pub fn segments(text: &str) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut plain = String::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '@' && (i == 0 || !is_tag_char(chars[i - 1])) {
            let mut j = i + 1;
            while j < chars.len() && is_username_char(chars[j]) {
                j += 1;
            }
            if (3..=30).contains(&(j - i - 1)) {
                if !plain.is_empty() {
                    out.push(Segment::Text(std::mem::take(&mut plain)));
                }
                let text: String = chars[i..j].iter().collect();
                out.push(Segment::Mention { username: text[1..].to_lowercase(), text });
                i = j;
                continue;
            }
        }
        let starts_tag = (c == '#' || c == '＃') && (i == 0 || !is_tag_char(chars[i - 1]));
        if starts_tag {
            let mut j = i + 1;
            while j < chars.len() && is_tag_char(chars[j]) {
                j += 1;
            }
            let raw: String = chars[i..j].iter().collect();
            if let Some(tag) = normalize(&raw) {
                if !plain.is_empty() {
                    out.push(Segment::Text(std::mem::take(&mut plain)));
                }
                out.push(Segment::Tag { text: raw, tag });
                i = j;
                continue;
            }
        }
        plain.push(c);
        i += 1;
    }
    if !plain.is_empty() {
        out.push(Segment::Text(plain));
    }
    out
}

/// The tags of a note: the field's, then those in the text, without repeats.
pub fn collect(field: &str, body: &str) -> Result<Vec<String>, AppError> {
    let mut tags = parse_field(field)?;
    tags.extend(segments(body).into_iter().filter_map(|s| match s {
        Segment::Tag { tag, .. } => Some(tag),
        Segment::Text(_) | Segment::Mention { .. } => None,
    }));
    let mut seen = std::collections::HashSet::new();
    tags.retain(|t| seen.insert(t.clone()));
    if tags.len() > MAX_TAGS {
        return Err(AppError::validation("hashtags", msg!("hashtag-too-many", max = MAX_TAGS)));
    }
    Ok(tags)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_and_text_tags_are_merged_lowercased_and_deduplicated() {
        let tags = collect(
            "#Skincare, sunscreen  口红",
            "Love it #SPF50 and #skincare! C# is not a tag, nor issue#3",
        )
        .unwrap();
        assert_eq!(tags, vec!["skincare", "sunscreen", "口红", "spf50"]);
    }

    #[test]
    fn bad_tags_are_refused_with_the_word() {
        let err = parse_field("ok <script>").unwrap_err();
        assert!(err.to_string().contains("<script>"));
    }

    #[test]
    fn mentions_are_found_but_not_in_email_addresses() {
        assert_eq!(
            mentions("thanks @Lily_Chen and @bob, mail me at x@example.com @ab"),
            vec!["lily_chen", "bob"]
        );
    }

    #[test]
    fn segments_keep_text_around_tags() {
        let s = segments("a #夏天 b");
        assert_eq!(
            s,
            vec![
                Segment::Text("a ".into()),
                Segment::Tag { text: "#夏天".into(), tag: "夏天".into() },
                Segment::Text(" b".into())
            ]
        );
    }
}
