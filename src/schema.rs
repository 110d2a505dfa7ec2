//! Diesel table definitions, kept by hand to the types both backends share
//! (see migrations/sqlite and migrations/postgres, which must stay in step).

diesel::table! {
    media (hash) {
        hash -> Text,
        width -> Integer,
        height -> Integer,
        card_width -> Integer,
        card_height -> Integer,
        created_at -> Timestamp,
    }
}

diesel::table! {
    users (id) {
        id -> BigInt,
        username -> Text,
        email -> Text,
        password_hash -> Text,
        display_name -> Text,
        bio -> Text,
        avatar -> Nullable<Text>,
        created_at -> Timestamp,
        follower_count -> BigInt,
        following_count -> BigInt,
        email_verified_at -> Nullable<Timestamp>,
        daily_digest -> Bool,
        digest_token -> Nullable<Text>,
        digest_sent_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    jobs (id) {
        id -> BigInt,
        kind -> Text,
        payload -> Text,
        run_at -> Timestamp,
        attempts -> Integer,
        last_error -> Nullable<Text>,
        created_at -> Timestamp,
        done_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    follows (follower_id, followee_id) {
        follower_id -> BigInt,
        followee_id -> BigInt,
        created_at -> Timestamp,
    }
}

diesel::table! {
    likes (user_id, note_id) {
        user_id -> BigInt,
        note_id -> BigInt,
        created_at -> Timestamp,
    }
}

diesel::table! {
    auth_tokens (id) {
        id -> BigInt,
        user_id -> BigInt,
        kind -> Text,
        token_hash -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
    }
}

diesel::table! {
    notes (id) {
        id -> BigInt,
        author_id -> BigInt,
        title -> Text,
        body -> Text,
        like_count -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        hot_score -> Double,
        save_count -> BigInt,
        comment_count -> BigInt,
    }
}

diesel::table! {
    comments (id) {
        id -> BigInt,
        note_id -> BigInt,
        author_id -> BigInt,
        parent_id -> Nullable<BigInt>,
        body -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    boards (id) {
        id -> BigInt,
        owner_id -> BigInt,
        name -> Text,
        private -> Bool,
        created_at -> Timestamp,
    }
}

diesel::table! {
    board_items (board_id, note_id) {
        board_id -> BigInt,
        note_id -> BigInt,
        created_at -> Timestamp,
    }
}

diesel::table! {
    search_outbox (seq) {
        seq -> BigInt,
        note_id -> BigInt,
        created_at -> Timestamp,
    }
}

diesel::table! {
    note_images (id) {
        id -> BigInt,
        note_id -> BigInt,
        position -> Integer,
        media_hash -> Text,
        alt -> Text,
    }
}

diesel::table! {
    hashtags (id) {
        id -> BigInt,
        name -> Text,
    }
}

diesel::table! {
    note_hashtags (note_id, hashtag_id) {
        note_id -> BigInt,
        hashtag_id -> BigInt,
        created_at -> Timestamp,
    }
}

diesel::table! {
    blocks (blocker_id, blocked_id) {
        blocker_id -> BigInt,
        blocked_id -> BigInt,
        created_at -> Timestamp,
    }
}

diesel::table! {
    notifications (id) {
        id -> BigInt,
        user_id -> BigInt,
        actor_id -> BigInt,
        kind -> Text,
        note_id -> Nullable<BigInt>,
        comment_id -> Nullable<BigInt>,
        created_at -> Timestamp,
        read_at -> Nullable<Timestamp>,
    }
}

diesel::joinable!(auth_tokens -> users (user_id));
diesel::joinable!(notes -> users (author_id));
diesel::joinable!(note_images -> notes (note_id));
diesel::joinable!(note_images -> media (media_hash));
diesel::joinable!(note_hashtags -> notes (note_id));
diesel::joinable!(note_hashtags -> hashtags (hashtag_id));
diesel::joinable!(users -> media (avatar));
diesel::joinable!(likes -> notes (note_id));
diesel::joinable!(comments -> users (author_id));
diesel::joinable!(board_items -> notes (note_id));
diesel::joinable!(board_items -> boards (board_id));

diesel::allow_tables_to_appear_in_same_query!(
    media,
    users,
    auth_tokens,
    notes,
    note_images,
    hashtags,
    note_hashtags,
    search_outbox,
    follows,
    likes,
    comments,
    boards,
    board_items,
    blocks,
    notifications,
    jobs,
);
