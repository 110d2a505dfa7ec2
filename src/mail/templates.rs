//! Sprout's emails, each an askama template pair under `templates/email/`: `NAME.txt` (the plain
//! text part, not escaped) and `NAME.html` (the HTML part, escaped, on `email/layout.html`). A
//! struct per email holds what it shows; [`Self::email`](Welcome::email) renders both parts.

use askama::Template;

use super::Email;
use crate::db::OrderId;
use crate::i18n::Lang;

/// Gives `$data` an `email(to, lang)` rendering `$text` (plain, unescaped) and `$html`
/// (escaped) in the recipient's language. The templates see the struct's fields and methods
/// (the wrappers deref to it), `lang` (for `lang.t("id")`) and `self.subject()`.
macro_rules! email_templates {
    ($data:ident, $text:tt, $html:tt) => {
        impl<'a> $data<'a> {
            /// This email to `to`, in `lang`, as plain text and HTML.
            pub fn email(&self, to: impl Into<String>, lang: Lang) -> Email {
                #[derive(Template)]
                #[template(path = $text, escape = "none")]
                struct Text<'t> {
                    data: &'t $data<'t>,
                    lang: Lang,
                }
                #[derive(Template)]
                #[template(path = $html)]
                struct Html<'t> {
                    data: &'t $data<'t>,
                    lang: Lang,
                }
                impl<'t> std::ops::Deref for Text<'t> {
                    type Target = $data<'t>;
                    fn deref(&self) -> &Self::Target {
                        self.data
                    }
                }
                impl<'t> std::ops::Deref for Html<'t> {
                    type Target = $data<'t>;
                    fn deref(&self) -> &Self::Target {
                        self.data
                    }
                }
                impl Html<'_> {
                    fn subject(&self) -> String {
                        self.data.subject(self.lang)
                    }
                }
                impl Text<'_> {
                    #[allow(dead_code)]
                    fn subject(&self) -> String {
                        self.data.subject(self.lang)
                    }
                }
                // Rendering only writes strings and numbers: it cannot fail.
                Email {
                    to: to.into(),
                    subject: self.subject(lang),
                    body: Text { data: self, lang }.render().expect(concat!($text, " renders")),
                    html: Some(Html { data: self, lang }.render().expect(concat!($html, " renders"))),
                    unsubscribe: None,
                }
            }
        }
    };
}

/// After signing up: confirm the email address.
pub struct Welcome<'a> {
    pub username: &'a str,
    pub verify_url: String,
}
email_templates!(Welcome, "email/welcome.txt", "email/welcome.html");

impl Welcome<'_> {
    pub fn subject(&self, lang: Lang) -> String {
        msg!("mail-welcome-subject").in_lang(lang)
    }
}

/// A password-reset link.
pub struct PasswordReset<'a> {
    pub username: &'a str,
    pub reset_url: String,
}
email_templates!(PasswordReset, "email/password_reset.txt", "email/password_reset.html");

impl PasswordReset<'_> {
    pub fn subject(&self, lang: Lang) -> String {
        msg!("mail-reset-subject").in_lang(lang)
    }
}

/// A placed order, to its buyer.
pub struct OrderConfirmation<'a> {
    pub display_name: &'a str,
    pub order_id: OrderId,
    pub brand: &'a str,
    pub lines: Vec<OrderLine<'a>>,
    pub total: &'a str,
    /// In a group buy: paid on collection at a pickup point.
    pub group_buy: bool,
    pub shipping_name: &'a str,
    pub shipping_address: &'a str,
    pub order_url: String,
}

pub struct OrderLine<'a> {
    pub quantity: i32,
    pub product_name: &'a str,
    pub line_total: &'a str,
}
email_templates!(OrderConfirmation, "email/order_confirmation.txt", "email/order_confirmation.html");

impl OrderConfirmation<'_> {
    pub fn subject(&self, lang: Lang) -> String {
        msg!("mail-order-subject", order = self.order_id.to_string(), brand = self.brand).in_lang(lang)
    }

    /// How the order is paid: the id of its words.
    fn payment_id(&self) -> &'static str {
        if self.group_buy {
            "mail-pay-on-collection"
        } else {
            "mail-pay-on-delivery"
        }
    }
}

/// What happened to an order that its buyer hears of by email.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrderUpdate {
    Shipped,
    /// Asks for a review of each item.
    Delivered,
    Cancelled,
}

/// An order shipped, was delivered or was cancelled.
pub struct OrderStatusChange<'a> {
    pub display_name: &'a str,
    pub order_id: OrderId,
    pub brand: &'a str,
    pub update: OrderUpdate,
    /// For a delivery: a review link per item.
    pub reviews: Vec<ReviewPrompt<'a>>,
    pub order_url: String,
}

pub struct ReviewPrompt<'a> {
    pub product_name: &'a str,
    pub url: String,
}
email_templates!(OrderStatusChange, "email/order_status.txt", "email/order_status.html");

impl OrderStatusChange<'_> {
    pub fn subject(&self, lang: Lang) -> String {
        let order = self.order_id.to_string();
        match self.update {
            OrderUpdate::Delivered => msg!("mail-delivered-subject", order = order),
            OrderUpdate::Shipped => msg!("mail-shipped-subject", order = order),
            OrderUpdate::Cancelled => msg!("mail-cancelled-subject", order = order),
        }
        .in_lang(lang)
    }
}

/// The opt-in daily digest of unread notifications.
pub struct Digest<'a> {
    pub display_name: &'a str,
    /// How many new notifications (the subject says).
    pub fresh: i64,
    pub items: Vec<DigestItem<'a>>,
    pub notifications_url: String,
    pub unsubscribe_url: &'a str,
}

pub struct DigestItem<'a> {
    /// Who did it ("Sprout moderators" for the moderators).
    pub who: &'a str,
    /// What they did, in a sentence.
    pub text: &'a str,
    pub url: String,
}
email_templates!(Digest, "email/digest.txt", "email/digest.html");

impl Digest<'_> {
    pub fn subject(&self, lang: Lang) -> String {
        msg!("mail-digest-subject", count = self.fresh).in_lang(lang)
    }
}

/// A moderator suspended the account.
pub struct Suspension<'a> {
    pub display_name: &'a str,
    /// Until when, in a sentence.
    pub message: &'a str,
    /// The moderators' reason, in their words.
    pub reason: &'a str,
    pub login_url: String,
}
email_templates!(Suspension, "email/suspension.txt", "email/suspension.html");

impl Suspension<'_> {
    pub fn subject(&self, lang: Lang) -> String {
        msg!("mail-suspension-subject").in_lang(lang)
    }
}

/// A group-buy team settled, to each member.
pub struct TeamSettled<'a> {
    pub display_name: &'a str,
    pub product_name: &'a str,
    pub order_id: OrderId,
    pub size: i32,
    /// The team price everyone pays, if the team made it; `None` if it did not fill.
    pub price: Option<String>,
    pub team_url: String,
}
email_templates!(TeamSettled, "email/team_settled.txt", "email/team_settled.html");

impl TeamSettled<'_> {
    pub fn subject(&self, lang: Lang) -> String {
        match &self.price {
            Some(price) => msg!("mail-team-made-subject", product = self.product_name, price = price),
            None => msg!("mail-team-failed-subject", product = self.product_name),
        }
        .in_lang(lang)
    }
}

/// A community group buy closed, to each buyer in it.
pub struct RunSettled<'a> {
    pub display_name: &'a str,
    pub order_id: OrderId,
    pub brand: &'a str,
    pub point_name: &'a str,
    /// The pickup point's name, address and opening hours.
    pub point_line: String,
    /// It reached its minimum.
    pub confirmed: bool,
    pub orders: usize,
    pub min_orders: i32,
    pub order_url: String,
}
email_templates!(RunSettled, "email/run_settled.txt", "email/run_settled.html");

impl RunSettled<'_> {
    pub fn subject(&self, lang: Lang) -> String {
        if self.confirmed {
            msg!("mail-run-on-subject", point = self.point_name)
        } else {
            msg!("mail-run-off-subject", point = self.point_name)
        }
        .in_lang(lang)
    }
}

/// A community group buy closed, to its pickup point's leader and the brand's person who opened it.
pub struct RunClosed<'a> {
    pub display_name: &'a str,
    pub brand: &'a str,
    pub point_name: &'a str,
    pub confirmed: bool,
    pub orders: usize,
    pub min_orders: i32,
    /// The pick list if confirmed, else the run.
    pub url: String,
}
email_templates!(RunClosed, "email/run_closed.txt", "email/run_closed.html");

impl RunClosed<'_> {
    pub fn subject(&self, lang: Lang) -> String {
        if self.confirmed {
            msg!("mail-run-confirmed-subject", point = self.point_name)
        } else {
            msg!("mail-run-cancelled-subject", point = self.point_name)
        }
        .in_lang(lang)
    }
}

/// An admin approved (or declined) a pickup point, to its leader.
pub struct PointReviewed<'a> {
    pub display_name: &'a str,
    pub point_name: &'a str,
    pub point_address: &'a str,
    pub approved: bool,
    pub points_url: String,
}
email_templates!(PointReviewed, "email/point_reviewed.txt", "email/point_reviewed.html");

impl PointReviewed<'_> {
    pub fn subject(&self, lang: Lang) -> String {
        if self.approved {
            msg!("mail-point-approved-subject", point = self.point_name)
        } else {
            msg!("mail-point-declined-subject", point = self.point_name)
        }
        .in_lang(lang)
    }
}

/// Messages waiting unread in a conversation, after the recipient's quiet period.
pub struct NewMessages<'a> {
    pub display_name: &'a str,
    /// Who wrote: a brand's name or a member's display name.
    pub from: &'a str,
    /// (who of them wrote it, its first words), oldest first.
    pub lines: Vec<(String, String)>,
    /// Unread messages beyond those shown.
    pub more: i64,
    pub url: String,
}
email_templates!(NewMessages, "email/new_messages.txt", "email/new_messages.html");

impl NewMessages<'_> {
    pub fn subject(&self, lang: Lang) -> String {
        msg!("mail-messages-subject", from = self.from).in_lang(lang)
    }
}
