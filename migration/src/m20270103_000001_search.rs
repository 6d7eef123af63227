//! The search index: one row per thing `/search` finds (a plan, goal, measure, service,
//! organization, working group, meeting or need), holding what the public may read of it, and
//! that text folded (no accents, lower case, one space between words) the same way for both
//! databases, so both find the same hits. The services keep it current in the same transaction as
//! the change; the program rebuilds it whole when what it indexes changes (`search_index`).
//!
//! Each database matches the folded words with its own full-text index: on SQLite an FTS5 table
//! over the rows (external content, kept by triggers), on PostgreSQL a generated `tsvector`
//! (`simple`: no stemming, no stop words, like FTS5's `unicode61`) with a GIN index.
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};

use crate::indexes::{index, unique};

#[derive(DeriveMigrationName)]
pub struct Migration;

const SQLITE: &[&str] = &[
    // `prefix`: the last word typed is a prefix, and prefixes of two and three letters (all a
    // first keystrokes give) are read from their own index rather than by scanning terms.
    "CREATE VIRTUAL TABLE search_fts USING fts5(title_terms, terms, content='search_entries', content_rowid='id', \
     tokenize='unicode61 remove_diacritics 2', prefix='2 3')",
    "CREATE TRIGGER search_entries_ai AFTER INSERT ON search_entries BEGIN \
     INSERT INTO search_fts(rowid, title_terms, terms) VALUES (new.id, new.title_terms, new.terms); END",
    "CREATE TRIGGER search_entries_ad AFTER DELETE ON search_entries BEGIN \
     INSERT INTO search_fts(search_fts, rowid, title_terms, terms) VALUES ('delete', old.id, old.title_terms, old.terms); END",
    "CREATE TRIGGER search_entries_au AFTER UPDATE OF title_terms, terms ON search_entries BEGIN \
     INSERT INTO search_fts(search_fts, rowid, title_terms, terms) VALUES ('delete', old.id, old.title_terms, old.terms); \
     INSERT INTO search_fts(rowid, title_terms, terms) VALUES (new.id, new.title_terms, new.terms); END",
];

const POSTGRES: &[&str] = &[
    "ALTER TABLE search_entries ADD COLUMN terms_vector tsvector GENERATED ALWAYS AS \
     (setweight(to_tsvector('simple', title_terms), 'A') || setweight(to_tsvector('simple', terms), 'B')) STORED",
    "CREATE INDEX idx_search_entries_terms_vector ON search_entries USING gin (terms_vector)",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("search_entries")
                    // An integer key: FTS5 refers to its rows by rowid.
                    .col(pk_auto("id"))
                    .col(string_len("kind", 32))
                    .col(uuid("entity_id"))
                    // The plan a plan, goal or measure belongs to: its drafts are hidden with it.
                    .col(uuid_null("plan_id"))
                    // The working group of a meeting, the organization of a service: whose
                    // changes reach the entry.
                    .col(uuid_null("owner_id"))
                    .col(uuid_null("territory_id"))
                    // Whether anyone may read it (false inside a draft plan).
                    .col(boolean("public"))
                    .col(text("title"))
                    // The public text the snippet is cut from.
                    .col(text("body"))
                    .col(text("title_terms"))
                    .col(text("terms"))
                    .take(),
            )
            .await?;
        manager.create_index(unique("search_entries", &["kind", "entity_id"])).await?;
        manager.create_index(index("search_entries", &["plan_id"])).await?;
        manager.create_index(index("search_entries", &["owner_id"])).await?;
        // The version of what the program indexes that the rows were built with.
        manager.create_table(Table::create().table("search_index").col(integer("version").primary_key()).take()).await?;
        let db = manager.get_connection();
        let statements = match manager.get_database_backend() {
            DbBackend::Sqlite => SQLITE,
            _ => POSTGRES,
        };
        for sql in statements {
            db.execute_unprepared(sql).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() == DbBackend::Sqlite {
            manager.get_connection().execute_unprepared("DROP TABLE search_fts").await?;
        }
        manager.drop_table(Table::drop().table("search_index").to_owned()).await?;
        manager.drop_table(Table::drop().table("search_entries").to_owned()).await
    }
}
