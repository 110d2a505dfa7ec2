//! The database: one connection type over SQLite and PostgreSQL (chosen at run time by URL),
//! a pool, the embedded migrations and typed ids.

use std::time::Duration;

use diesel::connection::SimpleConnection;
use diesel::r2d2::{ConnectionManager, CustomizeConnection, Pool, PooledConnection};
use diesel::{PgConnection, SqliteConnection};
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};

/// A connection to whichever backend `DATABASE_URL` names. The Postgres variant comes first:
/// SQLite would accept any string as a file name.
#[derive(diesel::MultiConnection)]
pub enum DbConnection {
    Pg(PgConnection),
    Sqlite(SqliteConnection),
}

pub type DbPool = Pool<ConnectionManager<DbConnection>>;
pub type PooledConn = PooledConnection<ConnectionManager<DbConnection>>;

const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
const PG_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/postgres");

/// Which backend a URL names.
pub fn is_postgres_url(url: &str) -> bool {
    url.starts_with("postgres://") || url.starts_with("postgresql://")
}

/// The URL diesel understands: SQLite takes a plain path, so a `sqlite://` prefix is dropped.
fn connection_url(url: &str) -> String {
    url.strip_prefix("sqlite://").unwrap_or(url).to_string()
}

#[derive(Debug)]
struct SqlitePragmas;

impl CustomizeConnection<DbConnection, diesel::r2d2::Error> for SqlitePragmas {
    fn on_acquire(&self, conn: &mut DbConnection) -> Result<(), diesel::r2d2::Error> {
        if let DbConnection::Sqlite(conn) = conn {
            // busy_timeout first: the switch to WAL races between pooled connections otherwise.
            conn.batch_execute(
                "PRAGMA busy_timeout = 10000; PRAGMA journal_mode = WAL; \
                 PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;",
            )
            .map_err(diesel::r2d2::Error::QueryError)?;
        }
        Ok(())
    }
}

/// Set while a benchmark drops its scratch PostgreSQL database under pools still open: their
/// connections failing then is expected, and not logged.
pub static POOL_ERRORS_EXPECTED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Logs what the pool could not do (open or keep a connection), as r2d2's default handler does.
#[derive(Debug)]
struct LogPoolErrors;

impl<E: std::fmt::Display> diesel::r2d2::HandleError<E> for LogPoolErrors {
    fn handle_error(&self, error: E) {
        if !POOL_ERRORS_EXPECTED.load(std::sync::atomic::Ordering::Relaxed) {
            tracing::error!(target: "r2d2", "{error}");
        }
    }
}

/// Opens a pool on `url` (a `postgres://` URL or a SQLite file path).
pub fn connect(url: &str) -> anyhow::Result<DbPool> {
    let manager = ConnectionManager::<DbConnection>::new(connection_url(url));
    let size = if is_postgres_url(url) { 16 } else { 8 };
    let pool = Pool::builder()
        .max_size(size)
        .connection_timeout(Duration::from_secs(10))
        .connection_customizer(Box::new(SqlitePragmas))
        .error_handler(Box::new(LogPoolErrors))
        .build(manager)
        .map_err(|e| anyhow::anyhow!("cannot open the database: {e}"))?;
    Ok(pool)
}

/// Applies every migration not yet applied; returns how many ran.
pub fn migrate(conn: &mut DbConnection) -> anyhow::Result<usize> {
    let applied = match conn {
        DbConnection::Pg(c) => c.run_pending_migrations(PG_MIGRATIONS).map(|v| v.len()),
        DbConnection::Sqlite(c) => c.run_pending_migrations(SQLITE_MIGRATIONS).map(|v| v.len()),
    }
    .map_err(|e| anyhow::anyhow!("migration failed: {e}"))?;
    Ok(applied)
}

/// Runs one statement that the multi-backend query builder cannot express (RETURNING,
/// ON CONFLICT) by building it once per backend: `per_backend!(conn, |c| query.execute(c))`.
#[macro_export]
macro_rules! per_backend {
    ($conn:expr, |$c:ident| $body:expr) => {{
        #[allow(unused_imports)]
        use diesel::RunQueryDsl as _;
        match $conn {
            $crate::db::DbConnection::Pg($c) => $body,
            $crate::db::DbConnection::Sqlite($c) => $body,
        }
    }};
}

/// Declares a status enum stored as TEXT on both backends: `as_str` (how it is stored), `parse`,
/// `ALL`, and comparisons in queries (`teams::status.eq(TeamStatus::Open)`).
macro_rules! status_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, diesel::expression::AsExpression)]
        #[diesel(sql_type = diesel::sql_types::Text)]
        pub enum $name {
            $($(#[$vmeta])* $variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// How it is stored (and shown to API clients).
            pub const fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }

            pub fn parse(text: &str) -> Option<$name> {
                $name::ALL.iter().copied().find(|s| s.as_str() == text)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl<DB: diesel::backend::Backend> diesel::serialize::ToSql<diesel::sql_types::Text, DB> for $name
        where
            str: diesel::serialize::ToSql<diesel::sql_types::Text, DB>,
        {
            fn to_sql<'b>(&'b self, out: &mut diesel::serialize::Output<'b, '_, DB>) -> diesel::serialize::Result {
                self.as_str().to_sql(out)
            }
        }
    };
}

pub(crate) use status_enum;

/// Declares an id newtype that is stored as BIGINT on both backends.
macro_rules! id_type {
    ($name:ident) => {
        #[derive(
            Debug,
            Default,
            Clone,
            Copy,
            PartialEq,
            Eq,
            Hash,
            PartialOrd,
            Ord,
            serde::Serialize,
            serde::Deserialize,
            utoipa::ToSchema,
            diesel::expression::AsExpression,
            diesel::deserialize::FromSqlRow,
        )]
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl<DB: diesel::backend::Backend> diesel::serialize::ToSql<diesel::sql_types::BigInt, DB> for $name
        where
            i64: diesel::serialize::ToSql<diesel::sql_types::BigInt, DB>,
        {
            fn to_sql<'b>(
                &'b self,
                out: &mut diesel::serialize::Output<'b, '_, DB>,
            ) -> diesel::serialize::Result {
                self.0.to_sql(out)
            }
        }

        impl<DB: diesel::backend::Backend> diesel::deserialize::FromSql<diesel::sql_types::BigInt, DB>
            for $name
        where
            i64: diesel::deserialize::FromSql<diesel::sql_types::BigInt, DB>,
        {
            fn from_sql(bytes: DB::RawValue<'_>) -> diesel::deserialize::Result<Self> {
                i64::from_sql(bytes).map($name)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

id_type!(UserId);
id_type!(NoteId);
id_type!(HashtagId);
id_type!(CommentId);
id_type!(BoardId);
id_type!(NotificationId);
id_type!(JobId);
id_type!(BrandId);
id_type!(ProductId);
id_type!(ProductTagId);
id_type!(CartItemId);
id_type!(CheckoutId);
id_type!(OrderId);
id_type!(OrderItemId);
id_type!(ListId);
id_type!(DealId);
id_type!(TeamId);
id_type!(PickupPointId);
id_type!(RunId);
id_type!(ReportId);
id_type!(ModActionId);
id_type!(AppealId);
id_type!(BlockedWordId);
id_type!(ConversationId);
id_type!(MessageId);

/// The current UTC time at microsecond precision, the precision both backends store (so a
/// timestamp read back equals the one written, and cursors built from it are exact).
pub fn now() -> chrono::NaiveDateTime {
    let now = chrono::Utc::now();
    chrono::DateTime::from_timestamp_micros(now.timestamp_micros()).unwrap_or(now).naive_utc()
}

/// A transaction that will write. On SQLite it takes the write lock with its first statement:
/// a deferred transaction that reads first cannot later upgrade to a writer if another writer
/// committed meanwhile, and fails at once instead of waiting. On PostgreSQL it is a plain
/// transaction (row locks do the work there).
pub fn write_transaction<T, E, F>(conn: &mut DbConnection, f: F) -> Result<T, E>
where
    F: FnOnce(&mut DbConnection) -> Result<T, E>,
    E: From<diesel::result::Error>,
{
    use diesel::Connection;
    conn.transaction(|conn| {
        if let DbConnection::Sqlite(sqlite) = conn {
            // A write statement that changes nothing still takes the RESERVED lock, waiting
            // (busy_timeout) for any other writer to finish.
            sqlite.batch_execute("UPDATE search_outbox SET seq = seq WHERE 0")?;
        }
        f(conn)
    })
}

/// `column IN (…)` for a list of ids, padded (with its first id again) to one of a few fixed
/// lengths, so that each query using it is prepared once per length and then found in diesel's
/// statement cache. Diesel's own `eq_any` binds one parameter per value on SQLite and marks the
/// statement unsafe to cache, so it is prepared anew on every request; `in_ids` is for the
/// lists that pages build (a page of notes, its products, its authors).
pub fn in_ids<C, T>(column: C, ids: &[T]) -> InIds<C, T>
where
    T: Copy,
{
    let mut padded: Vec<T> = ids.to_vec();
    if let Some(&first) = ids.first() {
        padded.resize(ids.len().next_power_of_two().max(8), first);
    }
    InIds { column, ids: padded }
}

/// The expression [`in_ids`] builds.
#[derive(Debug, Clone)]
pub struct InIds<C, T> {
    column: C,
    ids: Vec<T>,
}

impl<C, T> diesel::Expression for InIds<C, T> {
    type SqlType = diesel::sql_types::Bool;
}

impl<C, T, QS> diesel::AppearsOnTable<QS> for InIds<C, T> where C: diesel::AppearsOnTable<QS> {}

impl<C, T> diesel::expression::ValidGrouping<()> for InIds<C, T>
where
    C: diesel::expression::ValidGrouping<()>,
{
    type IsAggregate = C::IsAggregate;
}

impl<C, T> diesel::query_builder::QueryId for InIds<C, T> {
    type QueryId = ();
    const HAS_STATIC_QUERY_ID: bool = false;
}

impl<C, T, DB> diesel::query_builder::QueryFragment<DB> for InIds<C, T>
where
    DB: diesel::backend::Backend + diesel::sql_types::HasSqlType<diesel::sql_types::BigInt>,
    C: diesel::query_builder::QueryFragment<DB> + diesel::Expression<SqlType = diesel::sql_types::BigInt>,
    T: diesel::serialize::ToSql<diesel::sql_types::BigInt, DB>,
{
    fn walk_ast<'b>(
        &'b self,
        mut out: diesel::query_builder::AstPass<'_, 'b, DB>,
    ) -> diesel::QueryResult<()> {
        if self.ids.is_empty() {
            out.push_sql("1 = 0");
            return Ok(());
        }
        self.column.walk_ast(out.reborrow())?;
        out.push_sql(" IN (");
        for (n, id) in self.ids.iter().enumerate() {
            if n > 0 {
                out.push_sql(", ");
            }
            out.push_bind_param::<diesel::sql_types::BigInt, T>(id)?;
        }
        out.push_sql(")");
        Ok(())
    }
}
