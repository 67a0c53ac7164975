-- The live SDS (Graph industryData): portable SQL for H2 2.x and PostgreSQL 12+.

-- The statistics of the SDS run that picked a batch's upload up (getStatistics), one row per sis2sds run.
-- entities: JSON {"organizations": {"active", "inactive", "total"}, "people": ..., "groups": ..., "memberships": ...}.
CREATE TABLE run_statistics (
    run_id      BIGINT        NOT NULL PRIMARY KEY,
    sds_run_id  VARCHAR(100),
    flow_id     VARCHAR(100),
    status      VARCHAR(40),
    errors      BIGINT,
    warnings    BIGINT,
    entities    VARCHAR(4000),
    recorded_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- The file set (CSV names, sorted, comma-separated) of the last upload SDS validated for an inbound flow: a batch
-- with another set is held, since SDS marks everything in a file that stops coming as inactive.
CREATE TABLE flow_file_sets (
    flow_id     VARCHAR(100)  NOT NULL PRIMARY KEY,
    files       VARCHAR(4000) NOT NULL,
    batch_id    VARCHAR(200),
    accepted_at TIMESTAMP WITH TIME ZONE NOT NULL
);
