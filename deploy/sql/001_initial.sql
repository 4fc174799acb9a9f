-- TaobaoLive PostgreSQL schema, version 1: grain state, silo membership, reminders, and the
-- query texts the Orleans ADO.NET providers read at start.
--
-- Applied automatically by the host at start (one transaction, recorded in
-- taobaolive_schema_version); a database administrator may also apply it by hand in version order.
--
-- Orleans looks its statements up with `SELECT QueryKey, QueryText FROM OrleansQuery`. Unquoted
-- identifiers fold to lower case in PostgreSQL, so that table is `orleansquery`. Each statement
-- below uses the parameter names (@ServiceId, @GrainStateVersion, ...) and result column names
-- ("Version", "PayloadBinary", ...) the providers bind and read.

-- Grain state. One row per (service, state name, grain key); the payload is the stable JSON the
-- host's grain storage serializer writes (property names, no CLR type names), stored as jsonb so
-- operators can query it. `version` is the optimistic-concurrency tag Orleans keeps as the ETag.
CREATE TABLE taobaolive_grain_state
(
    service_id   text        NOT NULL,
    state_name   text        NOT NULL,
    key_n0       bigint      NOT NULL,
    key_n1       bigint      NOT NULL,
    key_text     text        NOT NULL,
    payload      jsonb       NULL,
    version      integer     NOT NULL,
    modified_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT taobaolive_grain_state_pk PRIMARY KEY (service_id, state_name, key_text, key_n0, key_n1)
);

-- Cluster membership: one version row per cluster (bumped by every membership change, the
-- protocol's table-wide ETag) and one row per silo incarnation (address, port, generation).
CREATE TABLE taobaolive_membership_version
(
    deployment_id text        NOT NULL PRIMARY KEY,
    version       integer     NOT NULL DEFAULT 0,
    modified_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE taobaolive_membership
(
    deployment_id   text        NOT NULL REFERENCES taobaolive_membership_version (deployment_id) ON DELETE CASCADE,
    address         text        NOT NULL,
    port            integer     NOT NULL,
    generation      integer     NOT NULL,
    silo_name       text        NOT NULL,
    host_name       text        NOT NULL,
    status          integer     NOT NULL,
    proxy_port      integer     NOT NULL DEFAULT 0,
    suspect_times   text        NULL,
    start_time      timestamptz NOT NULL,
    i_am_alive_time timestamptz NOT NULL,
    CONSTRAINT taobaolive_membership_pk PRIMARY KEY (deployment_id, address, port, generation)
);

-- Reminders, found by grain and by the grain-hash ranges each silo owns.
CREATE TABLE taobaolive_reminder
(
    service_id    text        NOT NULL,
    grain_id      text        NOT NULL,
    reminder_name text        NOT NULL,
    start_time    timestamptz NOT NULL,
    period        bigint      NOT NULL,
    grain_hash    integer     NOT NULL,
    version       integer     NOT NULL,
    CONSTRAINT taobaolive_reminder_pk PRIMARY KEY (service_id, grain_id, reminder_name)
);

CREATE INDEX taobaolive_reminder_hash_ix ON taobaolive_reminder (service_id, grain_hash);

CREATE TABLE orleansquery
(
    querykey  varchar(64) NOT NULL PRIMARY KEY,
    querytext text        NOT NULL
);

INSERT INTO orleansquery (querykey, querytext) VALUES

-- Grain storage ---------------------------------------------------------------------------------
-- Keys: a string-keyed grain has key_n0 = key_n1 = 0 and its key in key_text; integer and GUID
-- keys use key_n0/key_n1 and key_text holds the key extension ('' when there is none).

('ReadFromStorageKey', $q$
SELECT convert_to(s.payload::text, 'UTF8') AS "PayloadBinary", s.version AS "Version"
FROM taobaolive_grain_state s
WHERE s.service_id = @ServiceId
  AND s.state_name = @GrainTypeString
  AND s.key_text = coalesce(@GrainIdExtensionString, '')
  AND s.key_n0 = @GrainIdN0
  AND s.key_n1 = @GrainIdN1
$q$),

-- A new row starts at version 1 (no ETag yet); an existing row is replaced only when the caller's
-- ETag matches. Anything else answers NULL, which Orleans reports as a version conflict.
('WriteToStorageKey', $q$
WITH replaced AS (
    UPDATE taobaolive_grain_state s
    SET payload = convert_from(@PayloadBinary, 'UTF8')::jsonb, version = s.version + 1, modified_at = now()
    WHERE @GrainStateVersion IS NOT NULL
      AND s.service_id = @ServiceId
      AND s.state_name = @GrainTypeString
      AND s.key_text = coalesce(@GrainIdExtensionString, '')
      AND s.key_n0 = @GrainIdN0
      AND s.key_n1 = @GrainIdN1
      AND s.version = @GrainStateVersion
    RETURNING s.version
), created AS (
    INSERT INTO taobaolive_grain_state (service_id, state_name, key_n0, key_n1, key_text, payload, version)
    SELECT @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, coalesce(@GrainIdExtensionString, ''),
           convert_from(@PayloadBinary, 'UTF8')::jsonb, 1
    WHERE @GrainStateVersion IS NULL
    ON CONFLICT ON CONSTRAINT taobaolive_grain_state_pk DO NOTHING
    RETURNING version
)
SELECT (SELECT version FROM replaced UNION ALL SELECT version FROM created LIMIT 1) AS "NewGrainStateVersion"
$q$),

-- Clearing keeps the row (and its version) with no payload.
('ClearStorageKey', $q$
WITH cleared AS (
    UPDATE taobaolive_grain_state s
    SET payload = NULL, version = s.version + 1, modified_at = now()
    WHERE s.service_id = @ServiceId
      AND s.state_name = @GrainTypeString
      AND s.key_text = coalesce(@GrainIdExtensionString, '')
      AND s.key_n0 = @GrainIdN0
      AND s.key_n1 = @GrainIdN1
      AND s.version = @GrainStateVersion
    RETURNING s.version
)
SELECT (SELECT version FROM cleared) AS "NewGrainStateVersion"
$q$),

-- Deleting answers the deleted version + 1, as the provider expects.
('DeleteStorageKey', $q$
WITH deleted AS (
    DELETE FROM taobaolive_grain_state s
    WHERE s.service_id = @ServiceId
      AND s.state_name = @GrainTypeString
      AND s.key_text = coalesce(@GrainIdExtensionString, '')
      AND s.key_n0 = @GrainIdN0
      AND s.key_n1 = @GrainIdN1
      AND s.version = @GrainStateVersion
    RETURNING s.version
)
SELECT (SELECT version + 1 FROM deleted) AS "NewGrainStateVersion"
$q$),

-- Membership ------------------------------------------------------------------------------------

('InsertMembershipVersionKey', $q$
WITH created AS (
    INSERT INTO taobaolive_membership_version (deployment_id) VALUES (@DeploymentId)
    ON CONFLICT (deployment_id) DO NOTHING
    RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM created)
$q$),

-- Reads answer one row per silo, or a single row with only "Version" when there is none.
('MembershipReadAllKey', $q$
SELECT v.version AS "Version", m.address AS "Address", m.port AS "Port", m.generation AS "Generation",
       m.silo_name AS "SiloName", m.host_name AS "HostName", m.status AS "Status", m.proxy_port AS "ProxyPort",
       m.suspect_times AS "SuspectTimes", m.start_time AS "StartTime", m.i_am_alive_time AS "IAmAliveTime"
FROM taobaolive_membership_version v
LEFT JOIN taobaolive_membership m ON m.deployment_id = v.deployment_id
WHERE v.deployment_id = @DeploymentId
$q$),

('MembershipReadRowKey', $q$
SELECT v.version AS "Version", m.address AS "Address", m.port AS "Port", m.generation AS "Generation",
       m.silo_name AS "SiloName", m.host_name AS "HostName", m.status AS "Status", m.proxy_port AS "ProxyPort",
       m.suspect_times AS "SuspectTimes", m.start_time AS "StartTime", m.i_am_alive_time AS "IAmAliveTime"
FROM taobaolive_membership_version v
LEFT JOIN taobaolive_membership m
       ON m.deployment_id = v.deployment_id AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
WHERE v.deployment_id = @DeploymentId
$q$),

-- Inserting or updating a silo row succeeds only when the table version still equals the one the
-- caller read (@Version); the version moves on in the same statement.
('InsertMembershipKey', $q$
WITH bumped AS (
    UPDATE taobaolive_membership_version v
    SET version = v.version + 1, modified_at = now()
    WHERE v.deployment_id = @DeploymentId
      AND v.version = @Version
      AND NOT EXISTS (SELECT 1 FROM taobaolive_membership m
                      WHERE m.deployment_id = @DeploymentId AND m.address = @Address AND m.port = @Port AND m.generation = @Generation)
    RETURNING v.deployment_id
), inserted AS (
    INSERT INTO taobaolive_membership (deployment_id, address, port, generation, silo_name, host_name, status,
                                       proxy_port, start_time, i_am_alive_time)
    SELECT b.deployment_id, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort, @StartTime, @IAmAliveTime
    FROM bumped b
    RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM inserted)
$q$),

('UpdateMembershipKey', $q$
WITH bumped AS (
    UPDATE taobaolive_membership_version v
    SET version = v.version + 1, modified_at = now()
    WHERE v.deployment_id = @DeploymentId AND v.version = @Version
    RETURNING v.deployment_id
), updated AS (
    UPDATE taobaolive_membership m
    SET status = @Status, suspect_times = @SuspectTimes, i_am_alive_time = @IAmAliveTime
    FROM bumped b
    WHERE m.deployment_id = b.deployment_id AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
    RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM updated)
$q$),

('UpdateIAmAlivetimeKey', $q$
UPDATE taobaolive_membership
SET i_am_alive_time = @IAmAliveTime
WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation
$q$),

('GatewaysQueryKey', $q$
SELECT address AS "Address", proxy_port AS "ProxyPort", generation AS "Generation"
FROM taobaolive_membership
WHERE deployment_id = @DeploymentId AND status = @Status AND proxy_port > 0
$q$),

('DeleteMembershipTableEntriesKey', $q$
DELETE FROM taobaolive_membership_version WHERE deployment_id = @DeploymentId
$q$),

-- Status 6 is SiloStatus.Dead: only silos declared dead and silent since @IAmAliveTime go.
('CleanupDefunctSiloEntriesKey', $q$
DELETE FROM taobaolive_membership
WHERE deployment_id = @DeploymentId AND i_am_alive_time < @IAmAliveTime AND status = 6
$q$),

-- Reminders -------------------------------------------------------------------------------------

('ReadReminderRowsKey', $q$
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime", period AS "Period", version AS "Version"
FROM taobaolive_reminder
WHERE service_id = @ServiceId AND grain_id = @GrainId
$q$),

('ReadReminderRowKey', $q$
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime", period AS "Period", version AS "Version"
FROM taobaolive_reminder
WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName
$q$),

-- A silo's hash range (@BeginHash, @EndHash]; ReadRangeRows2Key is the range that wraps around.
('ReadRangeRows1Key', $q$
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime", period AS "Period", version AS "Version"
FROM taobaolive_reminder
WHERE service_id = @ServiceId AND grain_hash > @BeginHash AND grain_hash <= @EndHash
$q$),

('ReadRangeRows2Key', $q$
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime", period AS "Period", version AS "Version"
FROM taobaolive_reminder
WHERE service_id = @ServiceId AND (grain_hash > @BeginHash OR grain_hash <= @EndHash)
$q$),

('UpsertReminderRowKey', $q$
INSERT INTO taobaolive_reminder AS r (service_id, grain_id, reminder_name, start_time, period, grain_hash, version)
VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
ON CONFLICT ON CONSTRAINT taobaolive_reminder_pk
DO UPDATE SET start_time = excluded.start_time, period = excluded.period, grain_hash = excluded.grain_hash, version = r.version + 1
RETURNING r.version AS "Version"
$q$),

('DeleteReminderRowKey', $q$
WITH deleted AS (
    DELETE FROM taobaolive_reminder
    WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName AND version = @Version
    RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM deleted)
$q$),

('DeleteReminderRowsKey', $q$
DELETE FROM taobaolive_reminder WHERE service_id = @ServiceId
$q$);
