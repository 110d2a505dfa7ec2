//! The `sprout` command: serve (the default), migrate, or seed demo content.

use std::path::PathBuf;

use actix_web::{web, HttpServer};
use clap::{Parser, Subcommand};
use sprout::config::Config;
use sprout::media::MediaStore;
use sprout::AppState;

#[derive(Parser)]
#[command(
    name = "sprout",
    version,
    about = "Shoppable review notes: a Xiaohongshu-style social shopping app"
)]
struct Cli {
    /// Where the SQLite database, photos and the cookie key live.
    #[arg(long, global = true, env = "SPROUT_DATA_DIR", default_value = "./data")]
    data_dir: PathBuf,
    /// `postgres://user@host/db` to use PostgreSQL; default: SQLite at DATA_DIR/sprout.db.
    #[arg(long, global = true, env = "DATABASE_URL", hide_env_values = true)]
    database_url: Option<String>,
    #[command(flatten)]
    serve: ServeArgs,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the web app and API (what plain `sprout` does).
    Serve,
    /// Apply pending database migrations and exit.
    Migrate,
    /// Seed demo users and notes into an empty database and exit.
    Demo,
}

/// Options of `serve`; accepted before or after the subcommand.
#[derive(clap::Args)]
struct ServeArgs {
    /// Address to listen on.
    #[arg(long, global = true, env = "SPROUT_BIND", default_value = "127.0.0.1:8080")]
    bind: String,
    /// Seed demo content first when the database has no notes.
    #[arg(long, global = true)]
    demo: bool,
    /// Signup and login attempts per minute per IP; 0 turns the limit off.
    #[arg(long, global = true, env = "SPROUT_RATE_LIMIT", default_value_t = 10)]
    rate_limit: u32,
    /// Mark cookies Secure (when served over HTTPS).
    #[arg(long, global = true, env = "SPROUT_SECURE_COOKIES")]
    secure_cookies: bool,
}

fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("SPROUT_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .init();
    let cli = Cli::parse();
    let mut config = Config::new(cli.data_dir, cli.database_url);
    match cli.command {
        Some(Command::Migrate) => {
            sprout::open_database(&config)?;
            println!("The database is up to date.");
            Ok(())
        }
        Some(Command::Demo) => {
            let pool = sprout::open_database(&config)?;
            sprout::demo::seed_if_empty(&pool, &MediaStore::new(config.media_dir()), true)?;
            println!("Demo content is in place; Sprout indexes it for search when it starts.");
            Ok(())
        }
        Some(Command::Serve) | None => {
            config.bind = cli.serve.bind;
            config.rate_limit = cli.serve.rate_limit;
            config.secure_cookies = cli.serve.secure_cookies;
            serve(config, cli.serve.demo)
        }
    }
}

#[actix_web::main]
async fn serve(config: Config, demo: bool) -> anyhow::Result<()> {
    let bind = config.bind.clone();
    let state = web::Data::new(AppState::open(config)?);
    if demo {
        let seeding = state.clone();
        web::block(move || sprout::demo::seed_if_empty(&seeding.pool, &seeding.media, true)).await??;
        state.search_changed();
    }
    tracing::info!("Sprout is listening on http://{bind}");
    HttpServer::new(move || sprout::build_app(state.clone())).bind(&bind)?.run().await?;
    Ok(())
}
