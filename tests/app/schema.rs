//! The SQLite and PostgreSQL migrations must build the same tables with the same columns.

use std::collections::BTreeMap;

use diesel::RunQueryDsl;

use crate::common::test_database_url;

#[derive(diesel::QueryableByName)]
struct Column {
    #[diesel(sql_type = diesel::sql_types::Text)]
    table_name: String,
    #[diesel(sql_type = diesel::sql_types::Text)]
    column_name: String,
}

fn shape(url: &str) -> BTreeMap<String, Vec<String>> {
    let pool = sprout::db::connect(url).unwrap();
    let mut conn = pool.get().unwrap();
    sprout::db::migrate(&mut conn).unwrap();
    let sql = if sprout::db::is_postgres_url(url) {
        "SELECT table_name::text AS table_name, column_name::text AS column_name FROM information_schema.columns \
         WHERE table_schema = 'public' AND table_name <> '__diesel_schema_migrations'"
    } else {
        "SELECT m.name AS table_name, p.name AS column_name FROM sqlite_master m, pragma_table_info(m.name) p \
         WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> '__diesel_schema_migrations'"
    };
    let rows: Vec<Column> = diesel::sql_query(sql).load(&mut *conn).unwrap();
    let mut tables: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for row in rows {
        tables.entry(row.table_name).or_default().push(row.column_name);
    }
    tables.values_mut().for_each(|cols| cols.sort());
    tables
}

#[actix_web::test]
async fn sqlite_and_postgres_migrations_agree() {
    let dir = tempfile::tempdir().unwrap();
    let sqlite = shape(&dir.path().join("shape.db").to_string_lossy());
    assert!(sqlite.contains_key("notes") && sqlite["notes"].contains(&"title".to_string()));
    let Some(pg_admin) = test_database_url().filter(|u| sprout::db::is_postgres_url(u)) else {
        eprintln!("schema parity: TEST_DATABASE_URL is not PostgreSQL; checked the SQLite side only");
        return;
    };
    let app = crate::common::TestApp::start().await;
    drop(pg_admin);
    let pg_url = app.state.config.database_url.clone();
    assert_eq!(sqlite, shape(&pg_url));
}
