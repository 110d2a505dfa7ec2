//! What every page template needs: who is looking and the CSRF token for its forms.

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpMessage, HttpRequest};
use futures_util::future::LocalBoxFuture;

use super::auth;
use super::model::User;
use crate::i18n::{self, Lang, Reader, Said};
use crate::web::auth::percent_encode;
use crate::web::{Csrf, PageError};

pub struct PageContext {
    pub viewer: Option<User>,
    pub csrf: String,
    /// The current path, for "log in and come back here" links.
    pub path: String,
    /// The viewer's unread notifications, for the header.
    pub unread: i64,
    /// The language the page is in.
    pub lang: Lang,
    /// Who reads it: the language and the time zone times are shown in.
    pub reader: Reader,
}

impl PageContext {
    pub fn viewer_name(&self) -> &str {
        self.viewer.as_ref().map(|u| u.username.as_str()).unwrap_or("")
    }

    pub fn is_viewer(&self, username: &str) -> bool {
        self.viewer.as_ref().is_some_and(|u| u.username == username)
    }

    pub fn is_admin(&self) -> bool {
        self.viewer.as_ref().is_some_and(|u| u.is_admin)
    }

    pub fn is_moderator(&self) -> bool {
        self.viewer.as_ref().is_some_and(|u| u.is_moderator())
    }

    /// The words of message `id` in the page's language.
    pub fn t(&self, id: &str) -> String {
        self.lang.t(id)
    }

    /// A message with arguments: `ctx.msg("likes-count").arg("count", n)`.
    pub fn msg(&self, id: &'static str) -> Said {
        self.lang.msg(id)
    }

    /// A date in the reader's zone: "2 Dec 2026" / "2026年12月2日".
    pub fn date(&self, t: &chrono::NaiveDateTime) -> String {
        self.reader.date(*t)
    }

    /// A date and time in the reader's zone.
    pub fn date_time(&self, t: &chrono::NaiveDateTime) -> String {
        self.reader.date_time(*t)
    }

    /// "3 hours ago" / "3 小时前" for recent times, else the date.
    pub fn ago(&self, t: &chrono::NaiveDateTime) -> String {
        self.reader.ago(*t, crate::db::now())
    }

    /// The languages of the switcher.
    pub fn languages(&self) -> [Lang; 2] {
        Lang::ALL
    }

    pub fn login_link(&self) -> String {
        format!("/login?next={}", percent_encode(&self.path))
    }
}

impl FromRequest for PageContext {
    type Error = PageError;
    type Future = LocalBoxFuture<'static, Result<Self, PageError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            let viewer = auth::page_viewer(&req).await?;
            let csrf = req.extensions().get::<Csrf>().map(|c| c.0.clone()).unwrap_or_default();
            let path = req.uri().path_and_query().map(|p| p.to_string()).unwrap_or_else(|| "/".into());
            let unread = req.extensions().get::<auth::Unread>().map_or(0, |u| u.0);
            let reader = i18n::reader_of(&req);
            Ok(PageContext { viewer, csrf, path, unread, lang: reader.lang, reader })
        })
    }
}
