//! The tantivy index: a derived view of the notes table. It holds ids and searchable fields
//! only; results are re-read from the database. It can always be rebuilt from the database, and
//! is, when it is missing, damaged, or was built by another schema version.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, INDEXED, STORED, STRING,
};
use tantivy::{doc, Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};

use super::analyzer::{analyzer, raw_analyzer, typo_analyzer, ANALYZER, RAW_ANALYZER, TYPO_ANALYZER};
use super::queries::{self, NoteDoc};
use crate::db::{DbConnection, NoteId};

/// Bump when the fields or the analyzer change: indexes of another version are rebuilt.
pub const SCHEMA_VERSION: u32 = 5;
const VERSION_FILE: &str = "sprout-schema-version";
/// Two indexing threads of 100 MB each: a rebuild uses both cores, and the budget bounds its
/// memory. Only a rebuild fills it (a few notes at a time leave it nearly empty); at 1M notes it
/// builds a fifth faster than with 40 MB each, in half as many segments to merge.
const WRITER_THREADS: usize = 2;
const WRITER_HEAP: usize = 200_000_000;

#[derive(Clone, Copy)]
pub struct Fields {
    pub id: Field,
    /// A note's words, segmented and stemmed: its title, its author's names and its body.
    pub text: Field,
    /// The title alone: a short field, so a word in it weighs more (see `query::TITLE_BOOST`).
    pub title: Field,
    /// Hashtags as words (stemmed, so "blouse" finds notes tagged #blouses) and the names of
    /// tagged products and their brands.
    pub tag_text: Field,
    pub author: Field,
    /// Hashtags exactly, for `#tag`, the tag filter and the kind of a note in ranking.
    pub tags: Field,
    /// The Latin words of the title and text unstemmed, for typo matching.
    pub raw: Field,
    pub created: Field,
    pub likes: Field,
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(ANALYZER)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    // Only ever matched word by word: no positions.
    let short = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default().set_tokenizer(ANALYZER).set_index_option(IndexRecordOption::WithFreqs),
    );
    let raw = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default().set_tokenizer(TYPO_ANALYZER).set_index_option(IndexRecordOption::Basic),
    );
    let fields = Fields {
        id: b.add_u64_field("id", INDEXED | STORED | FAST),
        text: b.add_text_field("text", text.clone()),
        title: b.add_text_field("title", short.clone()),
        tag_text: b.add_text_field("tag_text", short),
        author: b.add_text_field("author", STRING),
        tags: b.add_text_field("tags", STRING | FAST),
        raw: b.add_text_field("raw", raw),
        created: b.add_i64_field("created", INDEXED | FAST),
        likes: b.add_i64_field("likes", FAST),
    };
    (b.build(), fields)
}

pub struct SearchIndex {
    pub index: Index,
    pub reader: IndexReader,
    writer: Mutex<IndexWriter>,
    pub fields: Fields,
    dir: PathBuf,
    needs_rebuild: AtomicBool,
}

impl SearchIndex {
    /// Opens the index in `dir`, or starts a fresh one (marked for a rebuild from the database)
    /// when there is none, it cannot be opened, or its schema version differs.
    pub fn open(dir: &Path) -> anyhow::Result<SearchIndex> {
        let current =
            std::fs::read_to_string(dir.join(VERSION_FILE)).ok().and_then(|v| v.trim().parse::<u32>().ok());
        let opened = if current == Some(SCHEMA_VERSION) {
            Index::open_in_dir(dir)
                .map_err(|e| tracing::warn!("search index is damaged ({e}); rebuilding it"))
                .ok()
        } else {
            if dir.exists() {
                tracing::info!("search index is missing or of another version; rebuilding it");
            }
            None
        };
        let (index, fresh) = match opened {
            Some(index) => (index, false),
            None => {
                if dir.exists() {
                    std::fs::remove_dir_all(dir)?;
                }
                std::fs::create_dir_all(dir)?;
                let index = Index::create_in_dir(dir, schema().0)?;
                std::fs::write(dir.join(VERSION_FILE), SCHEMA_VERSION.to_string())?;
                (index, true)
            }
        };
        index.tokenizers().register(ANALYZER, analyzer());
        index.tokenizers().register(RAW_ANALYZER, raw_analyzer());
        index.tokenizers().register(TYPO_ANALYZER, typo_analyzer());
        let (_, fields) = schema();
        let reader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into()?;
        let writer = index.writer_with_num_threads(WRITER_THREADS, WRITER_HEAP).map_err(|e| {
            anyhow::anyhow!(
                "cannot write the search index in {} ({e}); is another Sprout using it?",
                dir.display()
            )
        })?;
        Ok(SearchIndex {
            index,
            reader,
            writer: Mutex::new(writer),
            fields,
            dir: dir.to_path_buf(),
            needs_rebuild: AtomicBool::new(fresh),
        })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Asks the indexer to rebuild from the database.
    pub fn request_rebuild(&self) {
        self.needs_rebuild.store(true, Ordering::SeqCst);
    }

    /// True once, after opening a fresh index: the caller rebuilds it.
    pub fn take_rebuild_flag(&self) -> bool {
        self.needs_rebuild.swap(false, Ordering::SeqCst)
    }

    fn document(&self, note: &NoteDoc) -> TantivyDocument {
        let f = &self.fields;
        let mut document = doc!(
            f.id => note.id.0 as u64,
            f.author => note.username.as_str(),
            f.created => note.created_at.and_utc().timestamp_micros(),
            f.likes => note.like_count,
        );
        document.add_text(f.text, &note.title);
        document.add_text(f.title, &note.title);
        for tag in &note.hashtags {
            document.add_text(f.tags, tag);
            document.add_text(f.tag_text, tag.replace(['-', '_'], " "));
        }
        for name in &note.products {
            document.add_text(f.tag_text, name);
        }
        document.add_text(f.text, format!("{} {}", note.display_name, note.username));
        document.add_text(f.text, &note.body);
        // Only Latin words go in the typo field: a note without a Latin letter adds nothing there,
        // and is spared a third pass over its text.
        for text in [&note.title, &note.body] {
            if text.bytes().any(|b| b.is_ascii_alphabetic()) {
                document.add_text(f.raw, text);
            }
        }
        document
    }

    fn id_term(&self, id: NoteId) -> Term {
        Term::from_field_u64(self.fields.id, id.0 as u64)
    }

    /// Brings these notes up to date (re-adding those that exist, dropping those that do not),
    /// commits, and makes the change visible to searches.
    pub fn apply(&self, conn: &mut DbConnection, ids: &[NoteId]) -> anyhow::Result<()> {
        let docs = queries::docs(conn, ids)?;
        let mut writer = self.writer.lock().unwrap_or_else(|p| p.into_inner());
        for id in ids {
            writer.delete_term(self.id_term(*id));
        }
        for note in docs.iter().filter(|d| d.visible) {
            writer.add_document(self.document(note))?;
        }
        writer.commit()?;
        drop(writer);
        self.reader.reload()?;
        Ok(())
    }

    /// Rebuilds the whole index from the database, reporting (done, total) as it goes. This
    /// thread reads the notes; tantivy's indexing threads segment and index them meanwhile.
    pub fn rebuild(
        &self,
        conn: &mut DbConnection,
        mut progress: impl FnMut(u64, u64),
    ) -> anyhow::Result<u64> {
        let total = queries::note_count(conn)? as u64;
        let mut writer = self.writer.lock().unwrap_or_else(|p| p.into_inner());
        writer.delete_all_documents()?;
        let (mut done, mut after) = (0u64, NoteId(0));
        loop {
            let batch = queries::docs_after(conn, after, 2000)?;
            let Some(last) = batch.last() else { break };
            after = last.id;
            for note in batch.iter().filter(|d| d.visible) {
                writer.add_document(self.document(note))?;
            }
            done += batch.len() as u64;
            progress(done, total.max(done));
        }
        writer.commit()?;
        drop(writer);
        self.reader.reload()?;
        Ok(done)
    }

    /// Applies pending outbox entries in order; returns how many were applied.
    pub fn drain_outbox(&self, conn: &mut DbConnection, batch: i64) -> anyhow::Result<usize> {
        let pending = crate::outbox::pending(conn, batch)?;
        let Some(&(last_seq, _)) = pending.last() else { return Ok(0) };
        let mut ids: Vec<NoteId> = pending.iter().map(|(_, id)| *id).collect();
        ids.sort();
        ids.dedup();
        self.apply(conn, &ids)?;
        // Only after the index committed: a crash in between re-applies, which is harmless.
        crate::outbox::done(conn, last_seq)?;
        Ok(pending.len())
    }

    /// Brings the index fully up to date: a long backlog (a bulk import) is cheaper to rebuild
    /// than to replay. Entries written during the rebuild stay queued and are applied after.
    pub fn catch_up(&self, conn: &mut DbConnection, progress: impl FnMut(u64, u64)) -> anyhow::Result<()> {
        let backlog = crate::outbox::pending_count(conn)?;
        if self.take_rebuild_flag() || backlog > 5_000 {
            let last = crate::outbox::last_seq(conn)?;
            self.rebuild(conn, progress)?;
            if let Some(last) = last {
                crate::outbox::done(conn, last)?;
            }
        }
        while self.drain_outbox(conn, 1000)? > 0 {}
        Ok(())
    }

    pub fn num_docs(&self) -> u64 {
        self.reader.searcher().num_docs()
    }
}
