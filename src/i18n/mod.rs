//! Sprout in Simplified Chinese and in English.
//!
//! Every word of Sprout's own lives in a Fluent catalogue, `locales/<lang>/<area>.ftl`, compiled
//! into the binary. Fluent (through `fluent-templates`) rather than a key-value table, because
//! its messages carry CLDR plural rules ("1 like" / "2 likes", and one form in Chinese) and
//! selectors inside the translation, where the translator can see them, and the catalogues are
//! plain text that translation tools already read.
//!
//! The language of a request is chosen once, by [`middleware`]: `?lang=` (which also sets the
//! `lang` cookie, for people without an account), else that cookie, else `Accept-Language`, else
//! `SPROUT_DEFAULT_LANG`. A signed-in member's own setting then wins (see
//! `accounts::auth`). Its time zone likewise: the member's setting, else the browser's (the
//! `tz` cookie, which the page script sets), else `SPROUT_DEFAULT_TZ`. Times are stored and
//! sent by the API in UTC; only what a reader reads is in their zone. Code that says something to the user builds a [`Msg`] — an id and its
//! arguments — and the words are looked up only when the response is written, in the request's
//! language, so a message made inside a database closure still reads right.

use std::borrow::Cow;
use std::cell::Cell;
use std::collections::HashMap;
use std::fmt;

use actix_web::body::MessageBody;
use actix_web::cookie::{Cookie, SameSite};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderValue};
use actix_web::middleware::Next;
use actix_web::HttpMessage;
use chrono::NaiveDateTime;
use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::LanguageIdentifier;

mod time;

pub use time::{
    parse_zone, zone_choices, zone_label, zone_message_id, Reader, Zone, OFFERED_ZONES, ZONE_COOKIE,
};

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        // No Unicode isolation marks around arguments: pages, mail and JSON carry the text as is.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// The name of the cookie that remembers the language of a visitor without an account.
pub const COOKIE: &str = "lang";

/// A language Sprout speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    En,
    /// Simplified Chinese.
    Zh,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Zh];

    /// The BCP 47 tag: for `<html lang>`, `?lang=`, the cookie and the member's setting.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh-CN",
        }
    }

    /// The language's own name, for the switcher.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Zh => "中文",
        }
    }

    /// Reads a language tag: `zh`, `zh-CN`, `zh-Hans-CN`, `en-GB`, … (any case).
    pub fn parse(tag: &str) -> Option<Lang> {
        let tag = tag.trim();
        let primary = tag.split(['-', '_']).next().unwrap_or("");
        if primary.eq_ignore_ascii_case("zh") {
            Some(Lang::Zh)
        } else if primary.eq_ignore_ascii_case("en") {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// The first language of an `Accept-Language` header that Sprout speaks, by its weight.
    /// Only the first 32 entries of the first 1 KiB are read.
    pub fn from_accept_language(value: &str) -> Option<Lang> {
        let value = value.get(..value.len().min(1024)).unwrap_or("");
        let mut best: Option<(f32, usize, Lang)> = None;
        for (position, entry) in value.split(',').take(32).enumerate() {
            let mut parts = entry.split(';');
            let Some(lang) = parts.next().and_then(Lang::parse) else { continue };
            let weight = parts
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.trim().parse::<f32>().ok())
                .filter(|q| q.is_finite())
                .unwrap_or(1.0);
            if weight <= 0.0 {
                continue;
            }
            let better = match best {
                None => true,
                Some((w, p, _)) => weight > w || (weight == w && position < p),
            };
            if better {
                best = Some((weight, position, lang));
            }
        }
        best.map(|(_, _, lang)| lang)
    }

    fn id(self) -> &'static LanguageIdentifier {
        static EN: std::sync::LazyLock<LanguageIdentifier> =
            std::sync::LazyLock::new(|| "en".parse().expect("a valid tag"));
        static ZH: std::sync::LazyLock<LanguageIdentifier> =
            std::sync::LazyLock::new(|| "zh-CN".parse().expect("a valid tag"));
        match self {
            Lang::En => &EN,
            Lang::Zh => &ZH,
        }
    }

    /// The words of message `id` in this language (English if this catalogue lacks it).
    pub fn t(self, id: &str) -> String {
        lookup(self, id, None)
    }

    /// The words of `id` in this language's own catalogue, if it has them and they need no
    /// arguments (for the tests that compare the catalogues).
    pub fn own(self, id: &str) -> Option<String> {
        LOCALES.lookup_single_language::<&str>(self.id(), id, None).ok()
    }

    /// A message with arguments, for templates: `lang.msg("likes").arg("count", n)`.
    pub fn msg(self, id: &'static str) -> Said {
        Said { lang: self, msg: Msg::new(id) }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

fn lookup(lang: Lang, id: &str, args: Option<&HashMap<Cow<'static, str>, FluentValue<'_>>>) -> String {
    if let Ok(text) = LOCALES.lookup_single_language(lang.id(), id, args) {
        return text;
    }
    tracing::warn!(lang = lang.code(), id, "no such message in the catalogue");
    if lang != Lang::En {
        if let Ok(text) = LOCALES.lookup_single_language(Lang::En.id(), id, args) {
            return text;
        }
    }
    id.to_string()
}

/// Every message id of a language's catalogue, with the file it is in (for the tests that
/// check both catalogues hold the same messages).
pub fn catalogue_ids(lang: Lang) -> Vec<(String, String)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("locales").join(lang.code());
    let mut ids = Vec::new();
    let mut files: Vec<_> =
        std::fs::read_dir(&dir).map(|d| d.flatten().map(|e| e.path()).collect()).unwrap_or_default();
    files.sort();
    for path in files {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        for line in text.lines() {
            let Some((id, _)) = line.split_once('=') else { continue };
            let id = id.trim_end();
            let first = id.chars().next();
            if first.is_some_and(|c| c.is_ascii_alphabetic())
                && !line.starts_with(char::is_whitespace)
                && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            {
                ids.push((name.clone(), id.to_string()));
            }
        }
    }
    ids
}

/// An argument of a message.
#[derive(Clone, Debug)]
pub enum Arg {
    Text(String),
    Number(i64),
    /// A moment (UTC), said as a date and time in the reader's zone, with the zone's
    /// abbreviation ("3 Mar 2027 14:00 CST").
    Time(NaiveDateTime),
    /// Another message, said in the same language (e.g. the thing that was not found).
    Msg(Box<Msg>),
}

impl From<&str> for Arg {
    fn from(s: &str) -> Arg {
        Arg::Text(s.to_string())
    }
}
impl From<String> for Arg {
    fn from(s: String) -> Arg {
        Arg::Text(s)
    }
}
impl From<&String> for Arg {
    fn from(s: &String) -> Arg {
        Arg::Text(s.clone())
    }
}
impl From<NaiveDateTime> for Arg {
    fn from(t: NaiveDateTime) -> Arg {
        Arg::Time(t)
    }
}
impl From<Msg> for Arg {
    fn from(m: Msg) -> Arg {
        Arg::Msg(Box::new(m))
    }
}
macro_rules! number_args {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Arg {
                Arg::Number(i64::try_from(n).unwrap_or(i64::MAX))
            }
        }
        impl From<&$t> for Arg {
            fn from(n: &$t) -> Arg {
                Arg::from(*n)
            }
        }
    )*};
}
number_args!(i64, i32, u32, u64, usize, u16, u8);

/// Something to tell the user: a message id and its arguments, put into words only when it is
/// said, in the language of whoever reads it.
#[derive(Clone, Debug)]
pub struct Msg {
    id: &'static str,
    args: Vec<(&'static str, Arg)>,
}

impl Msg {
    pub fn new(id: &'static str) -> Msg {
        Msg { id, args: Vec::new() }
    }

    pub fn arg(mut self, name: &'static str, value: impl Into<Arg>) -> Msg {
        self.args.push((name, value.into()));
        self
    }

    pub fn id(&self) -> &'static str {
        self.id
    }

    /// The words in `lang`.
    pub fn in_lang(&self, lang: Lang) -> String {
        if self.args.is_empty() {
            return lookup(lang, self.id, None);
        }
        let args: HashMap<Cow<'static, str>, FluentValue<'_>> = self
            .args
            .iter()
            .map(|(name, value)| {
                let value = match value {
                    Arg::Text(s) => FluentValue::from(s.as_str()),
                    Arg::Number(n) => FluentValue::from(*n),
                    Arg::Time(t) => FluentValue::from(Reader { lang, ..reader() }.date_time_zoned(*t)),
                    Arg::Msg(m) => FluentValue::from(m.in_lang(lang)),
                };
                (Cow::Borrowed(*name), value)
            })
            .collect();
        lookup(lang, self.id, Some(&args))
    }
}

/// The words in the language of the request being served.
impl fmt::Display for Msg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.in_lang(current()))
    }
}

/// "20,001": a count with its thousands grouped, as both Chinese and English readers write them
/// (fluent prints numbers without grouping, so messages show this beside the number they
/// choose a plural by).
pub fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

/// `msg!("id")`, `msg!("id", count = n, name = s)`: a [`Msg`].
#[macro_export]
macro_rules! msg {
    ($id:literal) => { $crate::i18n::Msg::new($id) };
    ($id:literal, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::i18n::Msg::new($id)$(.arg(stringify!($name), $value))+
    };
}

/// A message bound to a language, for templates; shown with `{{ }}`.
pub struct Said {
    lang: Lang,
    msg: Msg,
}

impl Said {
    pub fn arg(self, name: &'static str, value: impl Into<Arg>) -> Said {
        Said { lang: self.lang, msg: self.msg.arg(name, value) }
    }
}

impl fmt::Display for Said {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.msg.in_lang(self.lang))
    }
}

tokio::task_local! {
    static CURRENT: Cell<Reader>;
}

/// Who reads the response of the request this task is serving (English and UTC outside one).
pub fn reader() -> Reader {
    CURRENT.try_with(Cell::get).unwrap_or_default()
}

/// The language of the request this task is serving (English outside a request).
pub fn current() -> Lang {
    reader().lang
}

static FALLBACK: std::sync::OnceLock<Lang> = std::sync::OnceLock::new();

/// Sets the language of mail to members who chose none (`SPROUT_DEFAULT_LANG`), once, at start.
pub fn set_fallback(lang: Lang) {
    let _ = FALLBACK.set(lang);
}

/// The language of mail to members who chose none.
pub fn fallback() -> Lang {
    FALLBACK.get().copied().unwrap_or_default()
}

static FALLBACK_ZONE: std::sync::OnceLock<Zone> = std::sync::OnceLock::new();

/// Sets the zone of places that name none (`SPROUT_DEFAULT_TZ`), once, at start.
pub fn set_fallback_zone(zone: Zone) {
    let _ = FALLBACK_ZONE.set(zone);
}

/// The zone of places (pickup points) that name none.
pub fn fallback_zone() -> Zone {
    FALLBACK_ZONE.get().copied().unwrap_or(chrono_tz::UTC)
}

/// The language Sprout falls back on for requests (`SPROUT_DEFAULT_LANG`), as app data.
#[derive(Clone, Copy, Debug)]
pub struct DefaultLang(pub Lang);

/// The zone Sprout falls back on for requests (`SPROUT_DEFAULT_TZ`), as app data.
#[derive(Clone, Copy, Debug)]
pub struct DefaultZone(pub Zone);

/// How the request's reader was chosen; kept in its extensions.
#[derive(Clone, Copy, Debug)]
pub struct Chosen {
    pub reader: Reader,
    /// The language was asked for by `?lang=` in this very request: the member's setting does
    /// not override it.
    pub explicit: bool,
}

/// A member's own settings, applied once the member is known — a language unless this request
/// asked for one with `?lang=`.
pub fn prefer(req: &actix_web::HttpRequest, lang: Option<Lang>, zone: Option<Zone>) {
    let Some(mut chosen) = req.extensions().get::<Chosen>().copied() else { return };
    if let Some(lang) = lang.filter(|_| !chosen.explicit) {
        chosen.reader.lang = lang;
    }
    if let Some(zone) = zone {
        chosen.reader.zone = zone;
    }
    req.extensions_mut().insert(chosen);
    let _ = CURRENT.try_with(|c| c.set(chosen.reader));
}

/// The reader of `req`, as chosen so far.
pub fn reader_of(req: &actix_web::HttpRequest) -> Reader {
    req.extensions().get::<Chosen>().map(|c| c.reader).unwrap_or_else(reader)
}

/// The language of `req`, as chosen so far.
pub fn of(req: &actix_web::HttpRequest) -> Lang {
    reader_of(req).lang
}

/// `lang=…` in a query string, if it names a language Sprout speaks.
fn from_query(query: &str) -> Option<Lang> {
    query
        .split('&')
        .take(64)
        .filter_map(|pair| pair.split_once('='))
        .find(|(k, _)| *k == "lang")
        .and_then(|(_, v)| Lang::parse(v))
}

/// Chooses the language of each request and serves it in that language.
pub async fn middleware(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let asked = from_query(req.query_string());
    let remembered = req.cookie(COOKIE).and_then(|c| Lang::parse(c.value()));
    let accepted = req
        .headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(Lang::from_accept_language);
    let fallback = req.app_data::<DefaultLang>().map(|d| d.0).unwrap_or_default();
    let lang = asked.or(remembered).or(accepted).unwrap_or(fallback);
    let zone = req
        .cookie(ZONE_COOKIE)
        .and_then(|c| parse_zone(c.value()))
        .or_else(|| req.app_data::<DefaultZone>().map(|d| d.0))
        .unwrap_or(chrono_tz::UTC);
    let reader = Reader { lang, zone };
    req.extensions_mut().insert(Chosen { reader, explicit: asked.is_some() });
    let mut res = CURRENT.scope(Cell::new(reader), next.call(req)).await?;
    let lang = res.request().extensions().get::<Chosen>().map(|c| c.reader.lang).unwrap_or(lang);
    let headers = res.headers_mut();
    headers.insert(header::CONTENT_LANGUAGE, HeaderValue::from_static(lang.code()));
    headers.append(header::VARY, HeaderValue::from_static("Accept-Language"));
    if let Some(asked) = asked {
        if remembered != Some(asked) {
            let cookie = remember(asked);
            if let Ok(value) = HeaderValue::from_str(&cookie.to_string()) {
                res.headers_mut().append(header::SET_COOKIE, value);
            }
        }
    }
    Ok(res)
}

/// The cookie that remembers `lang` for a year.
pub fn remember(lang: Lang) -> Cookie<'static> {
    Cookie::build(COOKIE, lang.code())
        .path("/")
        .same_site(SameSite::Lax)
        .http_only(true)
        .max_age(actix_web::cookie::time::Duration::days(365))
        .finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_picks_the_heaviest_language_sprout_speaks() {
        assert_eq!(Lang::from_accept_language("zh-CN,zh;q=0.9,en;q=0.8"), Some(Lang::Zh));
        assert_eq!(Lang::from_accept_language("fr-FR, en;q=0.5, zh;q=0.4"), Some(Lang::En));
        assert_eq!(Lang::from_accept_language("en;q=0.1, zh-Hans;q=0.9"), Some(Lang::Zh));
        assert_eq!(Lang::from_accept_language("de, fr"), None);
        assert_eq!(Lang::from_accept_language("zh;q=0, en"), Some(Lang::En));
        assert_eq!(Lang::from_accept_language(&"x,".repeat(5000)), None);
    }

    #[test]
    fn plurals_follow_each_language() {
        assert_eq!(Lang::En.msg("likes-count").arg("count", 1).to_string(), "1 like");
        assert_eq!(Lang::En.msg("likes-count").arg("count", 2).to_string(), "2 likes");
        assert_eq!(Lang::Zh.msg("likes-count").arg("count", 1).to_string(), "1 个赞");
    }

    #[test]
    fn a_message_argument_is_said_in_the_same_language() {
        let m = msg!("error-not-found", thing = msg!("thing-note"));
        assert_eq!(m.in_lang(Lang::En), "That note was not found.");
        assert_eq!(m.in_lang(Lang::Zh), "找不到这篇笔记。");
    }
}
