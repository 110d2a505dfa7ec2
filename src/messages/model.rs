//! Conversations and messages as stored, and as the API and pages show them.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::db::{BrandId, ConversationId, MessageId, NoteId, OrderId, ProductId, UserId};
use crate::notes::model::NoteView;
use crate::schema::{conversations, messages};
use crate::shop::model::ProductView;
use crate::shop::orders::OrderView;

/// The member who started a conversation.
pub const STARTER: i32 = 0;
/// The other side: the brand (any of its staff) or the other member.
pub const OTHER: i32 = 1;

crate::db::status_enum!(
    /// Where a conversation stands in its brand's inbox.
    InboxStatus {
        /// Waiting for the brand, or being worked on.
        Open => "open",
        /// Answered and put away; the shopper writing again opens it again.
        Done => "done",
    }
);

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = conversations)]
pub struct Conversation {
    pub id: ConversationId,
    pub starter_id: UserId,
    pub brand_id: Option<BrandId>,
    pub member_id: Option<UserId>,
    pub product_id: Option<ProductId>,
    pub order_id: Option<OrderId>,
    pub status: String,
    pub assignee_id: Option<UserId>,
    pub last_message_id: MessageId,
    pub last_side: i32,
    pub starter_read_id: MessageId,
    pub other_read_id: MessageId,
    pub starter_cleared_id: MessageId,
    pub other_cleared_id: MessageId,
    pub mailed_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
}

impl Conversation {
    /// How far `side` has read.
    pub fn read_id(&self, side: i32) -> MessageId {
        if side == STARTER {
            self.starter_read_id
        } else {
            self.other_read_id
        }
    }

    /// What `side` cleared from its inbox (it sees only later messages).
    pub fn cleared_id(&self, side: i32) -> MessageId {
        if side == STARTER {
            self.starter_cleared_id
        } else {
            self.other_cleared_id
        }
    }

    /// Whether `side` has a message from the other side it has not read.
    pub fn unread_by(&self, side: i32) -> bool {
        self.last_side != side && self.last_message_id > self.read_id(side)
    }
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = messages)]
pub struct Message {
    pub id: MessageId,
    pub conversation_id: ConversationId,
    pub sender_id: UserId,
    pub side: i32,
    pub body: String,
    pub card_type: Option<String>,
    pub card_id: Option<i64>,
    pub moderation: String,
    pub created_at: NaiveDateTime,
}

/// A card to send with a message: give exactly one of the three.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct CardInput {
    /// A product: shown with its price and stock as they are when read.
    pub product_id: Option<ProductId>,
    /// A note that everyone may see.
    pub note_id: Option<NoteId>,
    /// One of the shopper's orders from this brand (only in a conversation with that brand).
    pub order_id: Option<OrderId>,
}

/// A card as it reads now; a product or note that is gone or hidden reads as `gone`.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum CardView {
    Product {
        product: Box<ProductView>,
    },
    Note {
        note: Box<NoteView>,
    },
    Order {
        order: Box<OrderView>,
    },
    /// What the card showed is no longer there.
    Gone {},
}

/// The other side of a conversation as its reader sees it: a brand or a member.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Party {
    /// `brand` or `member`.
    #[schema(example = "brand")]
    pub kind: String,
    pub name: String,
    /// The brand's slug or the member's username.
    pub handle: String,
    pub avatar_url: Option<String>,
    pub url: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MessageView {
    pub id: MessageId,
    /// Who wrote it (for a brand: which of its staff).
    pub sender: String,
    pub sender_name: String,
    /// Whether it is from the reader's own side.
    pub mine: bool,
    /// Written for a brand, by its staff.
    pub from_brand: bool,
    pub body: String,
    /// Up to four photos (none yet: photos in messages are still to come).
    pub images: Vec<String>,
    pub card: Option<CardView>,
    /// `visible`, or `held` (a blocked word: only its sender sees it, until a moderator decides).
    pub moderation: String,
    #[serde(with = "crate::web::utc_time")]
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ConversationView {
    pub id: ConversationId,
    /// Who the reader talks to.
    pub with: Party,
    /// The shopper who started it (what a brand's staff sees them as).
    pub starter: String,
    /// What it is about: the product or order it was started from.
    pub subject: Option<CardView>,
    /// `open` or `done` in the brand's inbox.
    #[schema(example = "open")]
    pub status: String,
    /// The member of the brand's staff who has it.
    pub assignee: Option<String>,
    /// The last message's first words.
    pub last_message: String,
    #[serde(with = "crate::web::utc_time")]
    pub last_message_at: NaiveDateTime,
    pub last_message_id: MessageId,
    /// Messages from the other side the reader has not read.
    pub unread_count: i64,
    /// The last message is the shopper's: the brand has not answered yet.
    pub unanswered: bool,
    /// A block between the two: it can be read, not written to.
    pub read_only: bool,
    /// Where the reader's side has read up to, and the other side.
    pub read_up_to: MessageId,
    pub other_read_up_to: MessageId,
    pub url: String,
}
