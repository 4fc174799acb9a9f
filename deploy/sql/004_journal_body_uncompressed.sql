-- TaobaoLive PostgreSQL schema, version 4: journal bodies are not offered to compression. A body
-- (about 40 bytes an order, 40 KB for 1,000) is packed binary: pglz tried every one and kept none
-- (pg_column_size equalled octet_length over a bench run's 2,208 entries), spending about 6 % of
-- PostgreSQL's CPU at the bench rate (perf). EXTERNAL keeps out-of-line storage, uncompressed.
ALTER TABLE taobaolive_journal ALTER COLUMN body SET STORAGE EXTERNAL;
