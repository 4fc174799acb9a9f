-- TaobaoLive PostgreSQL schema, version 2: the order journal (an order batch is acknowledged only
-- once it is committed here), the answers kept for Idempotency-Keys, and each silo's checkpoint
-- progress (how far its grains' stored state covers what they applied), which bounds the journal.
-- docs/architecture.md ("Durable ingest") has the picture.

-- One row per accepted batch, written by the ingest silo's journal writer in group commits.
-- `writer` names the silo process; `seq` is its commit order. `body` holds the batch's records
-- grouped by shop (binary, see OrderJournalCodec). `applied_at` is set once every shop applied the
-- batch in memory; the row is deleted once every live silo has written its grains' state past it.
CREATE TABLE taobaolive_journal
(
    writer       bigint      NOT NULL,
    seq          bigint      NOT NULL,
    records      integer     NOT NULL,
    body         bytea       NOT NULL,
    committed_at timestamptz NOT NULL DEFAULT now(),
    applied_at   timestamptz NULL,
    CONSTRAINT taobaolive_journal_pk PRIMARY KEY (writer, seq)
);
-- Bodies are already compact binary: no compression attempt on every insert.
ALTER TABLE taobaolive_journal ALTER COLUMN body SET STORAGE EXTERNAL;
CREATE INDEX taobaolive_journal_applied_ix ON taobaolive_journal (applied_at);

-- The answer to an accepted keyed request, committed in the same transaction as its journal row:
-- a replayed answer is only ever given for a batch that is durably committed. Rows expire after
-- 24 hours (the journal keeper deletes them).
CREATE TABLE taobaolive_idempotency
(
    key          text        NOT NULL PRIMARY KEY,
    request_hash text        NOT NULL,
    status       integer     NOT NULL,
    body         text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX taobaolive_idempotency_created_ix ON taobaolive_idempotency (created_at);

-- One row per running silo: every effect its grains applied before covered_before is in their
-- stored state. Journal rows applied before the oldest live silo's mark are deleted.
CREATE TABLE taobaolive_checkpoint
(
    silo           text        NOT NULL PRIMARY KEY,
    covered_before timestamptz NOT NULL,
    reported_at    timestamptz NOT NULL DEFAULT now()
);
