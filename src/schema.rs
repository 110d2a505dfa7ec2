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
        is_admin -> Bool,
        is_moderator -> Bool,
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
        view_count -> BigInt,
        verified_order_item_id -> Nullable<BigInt>,
        moderation -> Text,
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
        moderation -> Text,
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
        order_id -> Nullable<BigInt>,
        list_id -> Nullable<BigInt>,
        mod_action_id -> Nullable<BigInt>,
    }
}

diesel::table! {
    brands (id) {
        id -> BigInt,
        owner_id -> BigInt,
        name -> Text,
        slug -> Text,
        description -> Text,
        logo -> Nullable<Text>,
        commission_bps -> Integer,
        verified_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    brand_staff (brand_id, user_id) {
        brand_id -> BigInt,
        user_id -> BigInt,
        role -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    products (id) {
        id -> BigInt,
        brand_id -> BigInt,
        name -> Text,
        description -> Text,
        category -> Text,
        price_cents -> BigInt,
        currency -> Text,
        stock -> BigInt,
        active -> Bool,
        commission_bps -> Nullable<Integer>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        moderation -> Text,
    }
}

diesel::table! {
    product_images (product_id, position) {
        product_id -> BigInt,
        position -> Integer,
        media_hash -> Text,
    }
}

diesel::table! {
    product_tags (id) {
        id -> BigInt,
        note_id -> BigInt,
        image -> Integer,
        product_id -> BigInt,
        x -> Double,
        y -> Double,
        status -> Text,
        tagged_by -> BigInt,
        brand_id -> Nullable<BigInt>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    cart_items (id) {
        id -> BigInt,
        user_id -> BigInt,
        product_id -> BigInt,
        quantity -> Integer,
        source_note_id -> Nullable<BigInt>,
        created_at -> Timestamp,
        source_list_id -> Nullable<BigInt>,
    }
}

diesel::table! {
    touches (user_id, product_id) {
        user_id -> BigInt,
        product_id -> BigInt,
        note_id -> BigInt,
        touched_at -> Timestamp,
    }
}

diesel::table! {
    checkouts (id) {
        id -> BigInt,
        buyer_id -> BigInt,
        idempotency_key -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    orders (id) {
        id -> BigInt,
        checkout_id -> BigInt,
        buyer_id -> BigInt,
        brand_id -> BigInt,
        status -> Text,
        currency -> Text,
        total_cents -> BigInt,
        shipping_name -> Text,
        shipping_address -> Text,
        payment_method -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        run_id -> Nullable<BigInt>,
        collected_at -> Nullable<Timestamp>,
        delivered_by -> Nullable<BigInt>,
        shipping_phone -> Nullable<Text>,
    }
}

diesel::table! {
    order_items (id) {
        id -> BigInt,
        order_id -> BigInt,
        product_id -> BigInt,
        product_name -> Text,
        quantity -> Integer,
        unit_price_cents -> BigInt,
        source_note_id -> Nullable<BigInt>,
        creator_id -> Nullable<BigInt>,
        commission_bps -> Integer,
        commission_cents -> BigInt,
        source_list_id -> Nullable<BigInt>,
    }
}

diesel::table! {
    note_product_stats (note_id, product_id) {
        note_id -> BigInt,
        product_id -> BigInt,
        tag_taps -> BigInt,
        add_to_carts -> BigInt,
    }
}

diesel::table! {
    lists (id) {
        id -> BigInt,
        author_id -> BigInt,
        title -> Text,
        intro -> Text,
        cover -> Nullable<Text>,
        published_at -> Nullable<Timestamp>,
        like_count -> BigInt,
        save_count -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        moderation -> Text,
    }
}

diesel::table! {
    list_items (list_id, position) {
        list_id -> BigInt,
        position -> Integer,
        product_id -> Nullable<BigInt>,
        note_id -> Nullable<BigInt>,
        reason -> Text,
    }
}

diesel::table! {
    list_reactions (user_id, list_id, kind) {
        user_id -> BigInt,
        list_id -> BigInt,
        kind -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    list_touches (user_id, product_id) {
        user_id -> BigInt,
        product_id -> BigInt,
        list_id -> BigInt,
        touched_at -> Timestamp,
    }
}

diesel::table! {
    deals (id) {
        id -> BigInt,
        product_id -> BigInt,
        tiers -> Text,
        duration_secs -> BigInt,
        max_size -> Integer,
        active -> Bool,
        created_at -> Timestamp,
    }
}

diesel::table! {
    teams (id) {
        id -> BigInt,
        deal_id -> BigInt,
        opener_id -> BigInt,
        status -> Text,
        size -> Integer,
        max_size -> Integer,
        expires_at -> Timestamp,
        settled_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    team_members (team_id, user_id) {
        team_id -> BigInt,
        user_id -> BigInt,
        order_id -> BigInt,
        joined_at -> Timestamp,
    }
}

diesel::joinable!(auth_tokens -> users (user_id));
diesel::joinable!(teams -> deals (deal_id));
diesel::joinable!(team_members -> teams (team_id));
diesel::joinable!(team_members -> users (user_id));
diesel::joinable!(deals -> products (product_id));
diesel::joinable!(lists -> users (author_id));
diesel::joinable!(list_items -> lists (list_id));
diesel::joinable!(list_touches -> lists (list_id));
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
diesel::joinable!(products -> brands (brand_id));
diesel::joinable!(brand_staff -> brands (brand_id));
diesel::joinable!(brand_staff -> users (user_id));
diesel::joinable!(product_images -> products (product_id));
diesel::joinable!(product_images -> media (media_hash));
diesel::joinable!(product_tags -> products (product_id));
diesel::joinable!(product_tags -> notes (note_id));
diesel::joinable!(touches -> notes (note_id));
diesel::joinable!(cart_items -> products (product_id));
diesel::table! {
    pickup_points (id) {
        id -> BigInt,
        leader_id -> BigInt,
        name -> Text,
        address -> Text,
        hours -> Text,
        status -> Text,
        created_at -> Timestamp,
        approved_at -> Nullable<Timestamp>,
        time_zone -> Nullable<Text>,
    }
}

diesel::table! {
    runs (id) {
        id -> BigInt,
        brand_id -> BigInt,
        pickup_point_id -> BigInt,
        status -> Text,
        currency -> Text,
        cutoff_at -> Timestamp,
        min_orders -> Integer,
        created_by -> BigInt,
        settled_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    run_products (run_id, product_id) {
        run_id -> BigInt,
        product_id -> BigInt,
    }
}

diesel::table! {
    mod_actions (id) {
        id -> BigInt,
        moderator_id -> Nullable<BigInt>,
        target_type -> Text,
        target_id -> BigInt,
        subject_id -> Nullable<BigInt>,
        action -> Text,
        reason -> Text,
        until_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    reports (id) {
        id -> BigInt,
        reporter_id -> Nullable<BigInt>,
        target_type -> Text,
        target_id -> BigInt,
        reason -> Text,
        details -> Text,
        status -> Text,
        action_id -> Nullable<BigInt>,
        created_at -> Timestamp,
        resolved_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    appeals (id) {
        id -> BigInt,
        action_id -> BigInt,
        user_id -> BigInt,
        body -> Text,
        status -> Text,
        decided_by -> Nullable<BigInt>,
        created_at -> Timestamp,
        decided_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    user_settings (user_id) {
        user_id -> BigInt,
        lang -> Nullable<Text>,
        time_zone -> Nullable<Text>,
        dm_policy -> Nullable<Text>,
        message_mail_minutes -> Nullable<Integer>,
    }
}

diesel::table! {
    suspensions (user_id) {
        user_id -> BigInt,
        until_at -> Timestamp,
        action_id -> Nullable<BigInt>,
    }
}

diesel::table! {
    blocked_words (id) {
        id -> BigInt,
        phrase -> Text,
        created_by -> Nullable<BigInt>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    conversations (id) {
        id -> BigInt,
        starter_id -> BigInt,
        brand_id -> Nullable<BigInt>,
        member_id -> Nullable<BigInt>,
        product_id -> Nullable<BigInt>,
        order_id -> Nullable<BigInt>,
        status -> Text,
        assignee_id -> Nullable<BigInt>,
        last_message_id -> BigInt,
        last_side -> Integer,
        starter_read_id -> BigInt,
        other_read_id -> BigInt,
        starter_cleared_id -> BigInt,
        other_cleared_id -> BigInt,
        mailed_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    messages (id) {
        id -> BigInt,
        conversation_id -> BigInt,
        sender_id -> BigInt,
        side -> Integer,
        body -> Text,
        card_type -> Nullable<Text>,
        card_id -> Nullable<BigInt>,
        moderation -> Text,
        created_at -> Timestamp,
    }
}

diesel::joinable!(messages -> conversations (conversation_id));
diesel::joinable!(messages -> users (sender_id));
diesel::joinable!(appeals -> mod_actions (action_id));
diesel::joinable!(order_items -> orders (order_id));
diesel::joinable!(runs -> pickup_points (pickup_point_id));
diesel::joinable!(runs -> brands (brand_id));
diesel::joinable!(run_products -> runs (run_id));
diesel::joinable!(run_products -> products (product_id));
diesel::joinable!(pickup_points -> users (leader_id));
diesel::joinable!(orders -> brands (brand_id));

diesel::allow_tables_to_appear_in_same_query!(
    media,
    users,
    user_settings,
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
    brands,
    brand_staff,
    products,
    product_images,
    product_tags,
    cart_items,
    touches,
    checkouts,
    orders,
    order_items,
    note_product_stats,
    lists,
    list_items,
    list_reactions,
    list_touches,
    deals,
    teams,
    team_members,
    pickup_points,
    runs,
    run_products,
    mod_actions,
    reports,
    appeals,
    blocked_words,
    suspensions,
    conversations,
    messages,
);
