//! Reports: any member reports a target once, with a reason and a few words; moderators see
//! them grouped by target, most-reported first. Nobody but moderators ever sees who reported.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use super::limits::{self, Act, Limits};
use super::target::{self, Target, TargetType};
use super::Reason;
use crate::accounts::model::User;
use crate::db::{DbConnection, ReportId, UserId};
use crate::schema::{reports, users};
use crate::web::AppError;

crate::db::status_enum!(
    /// A report is open until a moderator acts on its target (or dismisses it).
    ReportStatus {
        Open => "open",
        Resolved => "resolved",
    }
);
pub const OPEN: &str = ReportStatus::Open.as_str();
pub const RESOLVED: &str = ReportStatus::Resolved.as_str();
pub const MAX_DETAILS: usize = 1000;

pub struct NewReport {
    pub target_type: TargetType,
    pub target_id: String,
    pub reason: Reason,
    pub details: String,
}

/// What the reporter gets back.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ReportReceipt {
    pub id: ReportId,
    /// open, or resolved once a moderator acted on the target.
    #[schema(example = "open")]
    pub status: String,
}

/// Files a report; the same reporter and target again answer the first report (`false`).
pub fn create(
    conn: &mut DbConnection,
    limits: &Limits,
    reporter: &User,
    input: &NewReport,
) -> Result<(ReportReceipt, bool), AppError> {
    let details = input.details.trim();
    if details.chars().count() > MAX_DETAILS {
        return Err(AppError::validation("details", msg!("report-details-length", max = MAX_DETAILS)));
    }
    let target = target::find(conn, input.target_type, &input.target_id)?;
    if target.owner == reporter.id {
        return Err(AppError::validation("target_id", msg!("report-own")));
    }
    crate::db::write_transaction::<_, AppError, _>(conn, |conn| {
        if let Some(found) = existing(conn, reporter.id, &target)? {
            return Ok((found, false));
        }
        limits::check(conn, limits, reporter, Act::Report)?;
        insert(conn, Some(reporter.id), &target, input.reason, details)?;
        let found = existing(conn, reporter.id, &target)?
            .ok_or_else(|| AppError::Internal(anyhow::anyhow!("a report just filed is missing")))?;
        Ok((found, true))
    })
}

fn insert(
    conn: &mut DbConnection,
    reporter: Option<UserId>,
    target: &Target,
    reason: Reason,
    details: &str,
) -> QueryResult<()> {
    diesel::insert_into(reports::table)
        .values((
            reports::reporter_id.eq(reporter),
            reports::target_type.eq(target.kind.as_str()),
            reports::target_id.eq(target.id),
            reports::reason.eq(reason.as_str()),
            reports::details.eq(details),
            reports::status.eq(OPEN),
            reports::created_at.eq(crate::db::now()),
        ))
        .execute(conn)
        .map(drop)
}

/// Puts held content in the queue: a report by nobody, naming the blocked phrase.
pub fn hold(conn: &mut DbConnection, target: &Target, phrase: &str) -> QueryResult<()> {
    // Stored as the report's words, so in the site's own language.
    let details = msg!("report-held-details", phrase = phrase).in_lang(crate::i18n::fallback());
    insert(conn, None, target, Reason::Prohibited, &details)
}

fn existing(
    conn: &mut DbConnection,
    reporter: UserId,
    target: &Target,
) -> QueryResult<Option<ReportReceipt>> {
    reports::table
        .filter(reports::reporter_id.eq(reporter))
        .filter(reports::target_type.eq(target.kind.as_str()))
        .filter(reports::target_id.eq(target.id))
        .select((reports::id, reports::status))
        .first::<(ReportId, String)>(conn)
        .optional()
        .map(|r| r.map(|(id, status)| ReportReceipt { id, status }))
}

/// One report, as moderators see it.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ReportView {
    pub id: ReportId,
    /// Who reported (None: held automatically). Moderators only.
    pub reporter: Option<String>,
    /// spam, fake_review, undisclosed_ad, counterfeit, harassment, prohibited or other.
    #[schema(example = "spam")]
    pub reason: String,
    /// The reporter's words (for a held target: the blocked phrase it contains).
    pub details: String,
    #[serde(with = "crate::web::utc_time")]
    pub created_at: NaiveDateTime,
}

impl ReportView {
    /// The message id of the reason in words.
    pub fn reason_label_id(&self) -> &'static str {
        Reason::ALL
            .into_iter()
            .find(|r| r.as_str() == self.reason)
            .map(Reason::label_id)
            .unwrap_or("report-reason-other-short")
    }
}

/// A reported target with its reports.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct QueueItem {
    pub target_type: TargetType,
    /// The id, or a user's username.
    pub target_id: String,
    pub report_count: usize,
    /// The distinct reasons given, in alphabetical order.
    pub reasons: Vec<String>,
    /// Its reports, newest first (at most 100).
    pub reports: Vec<ReportView>,
    pub target: Target,
}

/// One page of the queue, and the cursor of the next page, if any.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct QueuePage {
    pub items: Vec<QueueItem>,
    pub next_cursor: Option<String>,
}

/// At most this many targets are grouped per read of the queue.
const QUEUE_SCAN: i64 = 5000;

/// The queue: targets with reports in `status`, most-reported first (then the most recently
/// reported). The cursor is the position after the last target shown.
pub fn queue(
    conn: &mut DbConnection,
    status: &str,
    cursor: Option<usize>,
    limit: usize,
) -> Result<QueuePage, AppError> {
    let rows: Vec<(String, i64, ReportId)> = reports::table
        .filter(reports::status.eq(status))
        .select((reports::target_type, reports::target_id, reports::id))
        .order(reports::id.desc())
        .limit(QUEUE_SCAN)
        .load(conn)?;
    let mut groups: Vec<((String, i64), usize, ReportId)> = Vec::new();
    let mut at: HashMap<(String, i64), usize> = HashMap::new();
    for (kind, id, report) in rows {
        let key = (kind, id);
        match at.get(&key) {
            Some(&i) => groups[i].1 += 1,
            None => {
                at.insert(key.clone(), groups.len());
                groups.push((key, 1, report));
            }
        }
    }
    groups.sort_by(|a, b| b.1.cmp(&a.1).then(b.2 .0.cmp(&a.2 .0)));
    let start = cursor.unwrap_or(0).min(groups.len());
    let end = (start + limit).min(groups.len());
    let mut items = Vec::new();
    for ((kind, id), _, _) in &groups[start..end] {
        let kind = TargetType::parse(kind)?;
        let target = match target::find_by_id(conn, kind, *id) {
            Ok(t) => t,
            // Deleted since it was reported: nothing left to moderate.
            Err(AppError::NotFound(_)) => continue,
            Err(e) => return Err(e),
        };
        let reports = of_target(conn, kind, *id, status)?;
        let mut reasons: Vec<String> = reports.iter().map(|r| r.reason.clone()).collect();
        reasons.sort();
        reasons.dedup();
        items.push(QueueItem {
            target_type: kind,
            target_id: target.public_id(),
            report_count: reports.len(),
            reasons,
            reports,
            target,
        });
    }
    let next_cursor = (end < groups.len()).then(|| end.to_string());
    Ok(QueuePage { items, next_cursor })
}

/// The reports on one target, newest first (at most 100).
pub fn of_target(
    conn: &mut DbConnection,
    kind: TargetType,
    id: i64,
    status: &str,
) -> QueryResult<Vec<ReportView>> {
    let rows: Vec<(ReportId, Option<String>, String, String, NaiveDateTime)> = reports::table
        .left_join(users::table.on(users::id.nullable().eq(reports::reporter_id)))
        .filter(reports::target_type.eq(kind.as_str()))
        .filter(reports::target_id.eq(id))
        .filter(reports::status.eq(status))
        .order(reports::id.desc())
        .limit(100)
        .select((
            reports::id,
            users::username.nullable(),
            reports::reason,
            reports::details,
            reports::created_at,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, reporter, reason, details, created_at)| ReportView {
            id,
            reporter,
            reason,
            details,
            created_at,
        })
        .collect())
}

/// Resolves the open reports on a target with an action; returns the reporters to tell.
pub fn resolve(
    conn: &mut DbConnection,
    target: &Target,
    action: crate::db::ModActionId,
) -> QueryResult<Vec<UserId>> {
    let open = reports::table
        .filter(reports::target_type.eq(target.kind.as_str()))
        .filter(reports::target_id.eq(target.id))
        .filter(reports::status.eq(OPEN));
    let reporters: Vec<Option<UserId>> = open.select(reports::reporter_id).load(conn)?;
    diesel::update(open)
        .set((
            reports::status.eq(RESOLVED),
            reports::action_id.eq(Some(action)),
            reports::resolved_at.eq(Some(crate::db::now())),
        ))
        .execute(conn)?;
    Ok(reporters.into_iter().flatten().collect())
}
