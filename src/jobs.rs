//! Durable background jobs. A job is a row written in the same transaction as what caused it, so
//! it is never lost: one worker thread per process claims due jobs, runs them, and on failure
//! retries with exponential backoff. Claims are leases (a job whose worker died is taken again
//! after a minute), so on PostgreSQL workers on several app servers share one table safely.
//!
//! Each kind of job is a payload struct implementing [`Job`] next to the code it belongs to
//! (sending an email, settling a team or a group buy, the daily digest), scheduled with
//! [`schedule`] and registered once in a [`Registry`] (`crate::job_kinds`).

use std::sync::mpsc::{self, RecvTimeoutError, SyncSender};
use std::time::Duration;

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::{DbConnection, DbPool, JobId};
use crate::schema::jobs;

const LEASE: Duration = Duration::from_secs(60);
const IDLE_POLL: Duration = Duration::from_millis(250);
const MAX_BACKOFF: Duration = Duration::from_secs(3600);
/// After this many failed attempts a job is given up (and kept, with its last error, until the
/// retention passes).
pub const MAX_ATTEMPTS: i32 = 25;
/// Finished and given-up jobs are deleted this long after they ended: an email's job holds its
/// body, links and all, and must not stay in the database for ever.
pub const RETENTION: chrono::TimeDelta = chrono::TimeDelta::days(7);
/// How often a worker looks for finished jobs past the retention.
const PRUNE_EVERY: Duration = Duration::from_secs(600);

/// One kind of background job: its payload, stored as JSON under `KIND`, and what running it
/// does. An error is retried later, so running must be safe to repeat.
pub trait Job: serde::Serialize + serde::de::DeserializeOwned + 'static {
    /// Stored with each job; never renamed while jobs of the kind may be waiting.
    const KIND: &'static str;
    fn run(self, ctx: &crate::JobContext) -> anyhow::Result<()>;
}

type RunFn = fn(&serde_json::Value, &crate::JobContext) -> anyhow::Result<()>;

/// The kinds of job this process runs, each registered once, and what they run with.
pub struct Registry {
    kinds: Vec<(&'static str, RunFn)>,
    ctx: crate::JobContext,
}

impl Registry {
    pub fn new(ctx: crate::JobContext) -> Registry {
        Registry { kinds: Vec::new(), ctx }
    }

    pub fn register<J: Job>(mut self) -> Registry {
        assert!(!self.kinds.iter().any(|(k, _)| *k == J::KIND), "job kind {} registered twice", J::KIND);
        self.kinds.push((J::KIND, |payload, ctx| J::run(serde_json::from_value(payload.clone())?, ctx)));
        self
    }

    pub fn context(&self) -> &crate::JobContext {
        &self.ctx
    }
}

impl Runner for Registry {
    fn run(&self, kind: &str, payload: &serde_json::Value) -> anyhow::Result<()> {
        match self.kinds.iter().find(|(k, _)| *k == kind) {
            Some((_, run)) => run(payload, &self.ctx),
            None => anyhow::bail!("no runner for {kind} jobs"),
        }
    }
}

/// Runs a settlement job (a team's, a group buy's): settles once, or, when the database's clock
/// says it is not due yet but it is still open, schedules the same job again a second later.
pub fn settle_or_look_again<J: Job, Id: std::fmt::Display + Copy>(
    ctx: &crate::JobContext,
    job: &J,
    what: &str,
    id: Id,
    settle: fn(&mut DbConnection, Id, &str) -> Result<Option<String>, crate::web::AppError>,
    is_open: fn(&mut DbConnection, Id) -> QueryResult<bool>,
) -> anyhow::Result<()> {
    let mut conn = ctx.pool.get()?;
    match settle(&mut conn, id, &ctx.base_url).map_err(|e| anyhow::anyhow!("{e}"))? {
        Some(status) => tracing::info!("{what} {id} settled: {status}"),
        None if is_open(&mut conn, id)? => {
            schedule_at(&mut conn, job, crate::db::now() + chrono::Duration::seconds(1))?;
        }
        None => {}
    }
    Ok(())
}

/// Schedules a job to run as soon as a worker is free; call it inside the causing transaction.
pub fn schedule<J: Job>(conn: &mut DbConnection, job: &J) -> QueryResult<()> {
    schedule_at(conn, job, crate::db::now())
}

/// Schedules a job to run at `run_at`.
pub fn schedule_at<J: Job>(conn: &mut DbConnection, job: &J, run_at: NaiveDateTime) -> QueryResult<()> {
    let payload =
        serde_json::to_value(job).map_err(|e| diesel::result::Error::SerializationError(e.into()))?;
    enqueue_at(conn, J::KIND, &payload, run_at)
}

/// Whether a job of this kind is waiting to run.
pub fn is_scheduled<J: Job>(conn: &mut DbConnection) -> QueryResult<bool> {
    is_pending(conn, J::KIND)
}

/// Adds a job by kind and payload to run at `run_at`.
fn enqueue_at(
    conn: &mut DbConnection,
    kind: &str,
    payload: &serde_json::Value,
    run_at: NaiveDateTime,
) -> QueryResult<()> {
    diesel::insert_into(jobs::table)
        .values((
            jobs::kind.eq(kind),
            jobs::payload.eq(payload.to_string()),
            jobs::run_at.eq(run_at),
            jobs::created_at.eq(crate::db::now()),
        ))
        .execute(conn)
        .map(drop)
}

/// Whether a job of this kind is waiting to run.
fn is_pending(conn: &mut DbConnection, kind: &str) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        jobs::table.filter(jobs::kind.eq(kind)).filter(jobs::done_at.is_null()),
    ))
    .get_result(conn)
}

/// Something that can run jobs of some kinds.
pub trait Runner: Send + 'static {
    /// Runs one job; an error is retried later.
    fn run(&self, kind: &str, payload: &serde_json::Value) -> anyhow::Result<()>;
}

/// Wakes the worker; dropping every handle stops it.
#[derive(Clone)]
pub struct WorkerHandle(SyncSender<()>);

impl WorkerHandle {
    pub fn poke(&self) {
        let _ = self.0.try_send(());
    }
}

pub fn spawn(pool: DbPool, runner: impl Runner, retry_base: Duration) -> std::io::Result<WorkerHandle> {
    let (tx, rx) = mpsc::sync_channel(1);
    let mut pruned_at: Option<std::time::Instant> = None;
    std::thread::Builder::new().name("sprout-jobs".into()).spawn(move || loop {
        if pruned_at.is_none_or(|at| at.elapsed() >= PRUNE_EVERY) {
            pruned_at = Some(std::time::Instant::now());
            match pool.get().map_err(anyhow::Error::from).and_then(|mut c| Ok(prune(&mut c, RETENTION)?)) {
                Ok(0) => {}
                Ok(n) => tracing::info!("deleted {n} finished job(s) past their retention"),
                Err(err) => tracing::error!("pruning finished jobs: {err:#}"),
            }
        }
        match pool
            .get()
            .map_err(anyhow::Error::from)
            .and_then(|mut conn| run_due(&mut conn, &runner, retry_base))
        {
            Ok(true) => continue,
            Ok(false) => {}
            Err(err) => tracing::error!("job worker: {err:#}"),
        }
        match rx.recv_timeout(IDLE_POLL) {
            Ok(()) | Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => break,
        }
    })?;
    Ok(WorkerHandle(tx))
}

/// Deletes jobs that ended (done or given up) longer than `retention` ago; returns how many.
pub fn prune(conn: &mut DbConnection, retention: chrono::TimeDelta) -> QueryResult<usize> {
    let before = crate::db::now() - retention;
    diesel::delete(jobs::table.filter(jobs::done_at.lt(before))).execute(conn)
}

fn later(by: Duration) -> NaiveDateTime {
    crate::db::now() + chrono::Duration::from_std(by).unwrap_or_else(|_| chrono::Duration::hours(1))
}

/// Claims and runs one due job; false when none is due.
pub fn run_due(conn: &mut DbConnection, runner: &impl Runner, retry_base: Duration) -> anyhow::Result<bool> {
    let due: Option<(JobId, String, String, NaiveDateTime, i32)> = jobs::table
        .filter(jobs::done_at.is_null())
        .filter(jobs::run_at.le(crate::db::now()))
        .order((jobs::run_at, jobs::id))
        .select((jobs::id, jobs::kind, jobs::payload, jobs::run_at, jobs::attempts))
        .first(conn)
        .optional()?;
    let Some((id, kind, payload, run_at, attempts)) = due else { return Ok(false) };
    // The lease: only the worker whose update matches the run_at it read owns the job.
    let claimed = diesel::update(jobs::table.find(id).filter(jobs::run_at.eq(run_at)))
        .set((jobs::run_at.eq(later(LEASE)), jobs::attempts.eq(attempts + 1)))
        .execute(conn)?;
    if claimed == 0 {
        return Ok(true);
    }
    let result =
        serde_json::from_str(&payload).map_err(anyhow::Error::from).and_then(|p| runner.run(&kind, &p));
    match result {
        Ok(()) => {
            diesel::update(jobs::table.find(id))
                .set(jobs::done_at.eq(Some(crate::db::now())))
                .execute(conn)?;
        }
        Err(err) => {
            let tries = attempts + 1;
            let message = format!("{err:#}");
            if tries >= MAX_ATTEMPTS {
                tracing::error!(job = id.0, "{kind} job failed {tries} times, giving up: {message}");
                diesel::update(jobs::table.find(id))
                    .set((jobs::done_at.eq(Some(crate::db::now())), jobs::last_error.eq(Some(message))))
                    .execute(conn)?;
            } else {
                let wait = retry_base.saturating_mul(1 << tries.min(20)).min(MAX_BACKOFF);
                tracing::warn!(
                    job = id.0,
                    "{kind} job failed (attempt {tries}), retrying in {wait:?}: {message}"
                );
                diesel::update(jobs::table.find(id))
                    .set((jobs::run_at.eq(later(wait)), jobs::last_error.eq(Some(message))))
                    .execute(conn)?;
            }
        }
    }
    Ok(true)
}
