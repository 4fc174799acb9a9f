-- TaobaoLive PostgreSQL schema, version 3: the record numbers each numbering producer has had
-- committed (Producer-Id header, seq on each record). A row is written with its batch's journal
-- entry, in the same transaction, so a number counts as delivered exactly when its record is
-- durably committed; the journal keeper merges a producer's rows into the fewest ranges.
CREATE TABLE taobaolive_producer_range
(
    producer  text   NOT NULL,
    first_seq bigint NOT NULL,
    last_seq  bigint NOT NULL,
    CONSTRAINT taobaolive_producer_range_pk PRIMARY KEY (producer, first_seq, last_seq)
);
