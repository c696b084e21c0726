using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmartEnv.Storage.Migrations.Postgres
{
    /// <summary>
    /// Issue 15 "Time-partitioned storage": converts <c>observations</c> and <c>raw_packets</c> of an existing store into
    /// declaratively partitioned tables (docs/storage.md "Time partitions (PostgreSQL)"), in the migration's one
    /// transaction: each table is renamed, a partitioned table of the same columns is created, a month partition is
    /// made for every month holding rows, the rows are copied with their ids, the identity sequence continues after the
    /// old one, the old table is dropped and the keys, indexes (B-tree as before + BRIN on the time column) and
    /// remaining foreign keys are created on the partitioned parent.
    /// <list type="bullet">
    /// <item><c>observations</c>: RANGE (data_time) by UTC month, <c>observations_YYYY_MM</c> + <c>observations_default</c>;
    /// key (id, data_time).</item>
    /// <item><c>raw_packets</c>: LIST (status) → <c>raw_packets_accepted</c> / <c>raw_packets_quarantined</c>, each RANGE
    /// (received_at) by UTC month (<c>raw_packets_quarantined_YYYY_MM</c>, <c>…_default</c>) + <c>raw_packets_other</c>
    /// (DEFAULT of the list); key (id, received_at, status).</item>
    /// <item>Dropped: <c>FK_observations_raw_packets_raw_packet_id</c>, <c>FK_review_marks_observations_observation_id</c>
    /// (a foreign key must name the referenced table's whole key; the code keeps the guarantee).</item>
    /// <item>Adds the function <c>smartenv_month_partition(parent, at)</c> that creates the month partition of
    /// <c>at</c> under a range parent, moving that month's rows out of the parent's DEFAULT partition
    /// (<see cref="SmartEnv.Storage.Maintenance.PostgresPartitions"/> calls it).</item>
    /// </list>
    /// Down converts back to plain tables with single-column keys and both foreign keys (fails if a stored value names
    /// a raw packet that no longer exists, as the foreign key would have refused).
    /// </summary>
    public partial class Partitions : Migration
    {
        /// <summary>Creates (if missing) the partition of the UTC month of <c>at</c> under a range-partitioned parent whose
        /// DEFAULT partition is <c>parent_default</c>; rows of that month found in the DEFAULT partition are moved into
        /// the new partition (same transaction; the parent is locked SHARE ROW EXCLUSIVE meanwhile, so two callers do not
        /// race). Returns the partition's name.</summary>
        internal const string MonthPartitionFunction = """
            CREATE OR REPLACE FUNCTION smartenv_month_partition(parent text, at timestamptz) RETURNS text
            LANGUAGE plpgsql AS $fn$
            DECLARE
              m timestamp := date_trunc('month', at AT TIME ZONE 'UTC');
              n timestamp := date_trunc('month', at AT TIME ZONE 'UTC') + interval '1 month';
              part text := parent || '_' || to_char(date_trunc('month', at AT TIME ZONE 'UTC'), 'YYYY_MM');
              def text := parent || '_default';
              col text;
              moved bigint;
            BEGIN
              IF to_regclass(quote_ident(part)) IS NOT NULL THEN RETURN part; END IF;
              EXECUTE format('LOCK TABLE %I IN SHARE ROW EXCLUSIVE MODE', parent);
              IF to_regclass(quote_ident(part)) IS NOT NULL THEN RETURN part; END IF;
              SELECT a.attname INTO STRICT col FROM pg_partitioned_table p
                JOIN pg_attribute a ON a.attrelid = p.partrelid AND a.attnum = p.partattrs[0]
                WHERE p.partrelid = to_regclass(quote_ident(parent));
              EXECUTE format('CREATE TEMP TABLE smartenv_partition_moving (LIKE %I)', parent);
              EXECUTE format('WITH d AS (DELETE FROM %I WHERE %I >= %L AND %I < %L RETURNING *) INSERT INTO smartenv_partition_moving SELECT * FROM d',
                def, col, m || '+00', col, n || '+00');
              GET DIAGNOSTICS moved = ROW_COUNT;
              EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES FROM (%L) TO (%L)', part, parent, m || '+00', n || '+00');
              IF moved > 0 THEN EXECUTE format('INSERT INTO %I SELECT * FROM smartenv_partition_moving', part); END IF;
              DROP TABLE smartenv_partition_moving;
              RETURN part;
            END
            $fn$;
            """;

        private const string Like = "INCLUDING DEFAULTS INCLUDING IDENTITY INCLUDING CONSTRAINTS INCLUDING STORAGE INCLUDING COMMENTS";

        /// <summary>Sets the new table's identity sequence after the old one (or the highest copied id), so new ids
        /// continue where the old table's stopped, then names it as the old one was named.</summary>
        private static string ContinueIds(string table, string old) => $$"""
            DO $do$
            DECLARE
              olds text := pg_get_serial_sequence('{{old}}', 'id');
              news text := pg_get_serial_sequence('{{table}}', 'id');
              last bigint; called boolean; top bigint;
            BEGIN
              EXECUTE format('SELECT last_value, is_called FROM %s', olds) INTO last, called;
              SELECT max(id) INTO top FROM {{table}};
              top := greatest(coalesce(top, 0), CASE WHEN called THEN last ELSE last - 1 END);
              IF top > 0 THEN PERFORM setval(news, top, true); END IF;
              EXECUTE 'DROP TABLE {{old}}';
              EXECUTE format('ALTER SEQUENCE %s RENAME TO {{table}}_id_seq', news);
            END
            $do$;
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(MonthPartitionFunction);
            migrationBuilder.Sql("""
                ALTER TABLE review_marks DROP CONSTRAINT "FK_review_marks_observations_observation_id";
                ALTER TABLE observations DROP CONSTRAINT "FK_observations_raw_packets_raw_packet_id";
                LOCK TABLE raw_packets, observations IN ACCESS EXCLUSIVE MODE;

                ALTER TABLE raw_packets RENAME TO raw_packets_unpartitioned;
                ALTER TABLE raw_packets_unpartitioned DROP CONSTRAINT "PK_raw_packets";
                DROP INDEX "IX_raw_packets_received_at";
                DROP INDEX "IX_raw_packets_status_received_at";
                CREATE TABLE raw_packets (LIKE raw_packets_unpartitioned
                """ + " " + Like + """
                ) PARTITION BY LIST (status);
                CREATE TABLE raw_packets_accepted PARTITION OF raw_packets FOR VALUES IN ('accepted') PARTITION BY RANGE (received_at);
                CREATE TABLE raw_packets_quarantined PARTITION OF raw_packets FOR VALUES IN ('quarantined') PARTITION BY RANGE (received_at);
                CREATE TABLE raw_packets_other PARTITION OF raw_packets DEFAULT;
                CREATE TABLE raw_packets_accepted_default PARTITION OF raw_packets_accepted DEFAULT;
                CREATE TABLE raw_packets_quarantined_default PARTITION OF raw_packets_quarantined DEFAULT;
                SELECT smartenv_month_partition('raw_packets_' || status, m)
                  FROM (SELECT DISTINCT status, date_trunc('month', received_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS m
                        FROM raw_packets_unpartitioned WHERE status IN ('accepted', 'quarantined')) x ORDER BY x.status, x.m;
                INSERT INTO raw_packets SELECT * FROM raw_packets_unpartitioned;
                """);
            migrationBuilder.Sql(ContinueIds("raw_packets", "raw_packets_unpartitioned"));
            migrationBuilder.Sql("""
                ALTER TABLE raw_packets ADD CONSTRAINT "PK_raw_packets" PRIMARY KEY (id, received_at, status);
                CREATE INDEX "IX_raw_packets_received_at" ON raw_packets (received_at);
                CREATE INDEX "IX_raw_packets_status_received_at" ON raw_packets (status, received_at);
                CREATE INDEX "IX_raw_packets_received_at_brin" ON raw_packets USING brin (received_at);

                ALTER TABLE observations RENAME TO observations_unpartitioned;
                ALTER TABLE observations_unpartitioned DROP CONSTRAINT "PK_observations";
                ALTER TABLE observations_unpartitioned DROP CONSTRAINT "FK_observations_sites_site_id";
                ALTER TABLE observations_unpartitioned DROP CONSTRAINT "FK_observations_import_logs_import_log_id";
                DROP INDEX "IX_observations_import_log_id";
                DROP INDEX "IX_observations_mn_period_data_time";
                DROP INDEX "IX_observations_raw_packet_id";
                DROP INDEX "IX_observations_site_id_parameter_code_period_data_time";
                CREATE TABLE observations (LIKE observations_unpartitioned
                """ + " " + Like + """
                ) PARTITION BY RANGE (data_time);
                CREATE TABLE observations_default PARTITION OF observations DEFAULT;
                SELECT smartenv_month_partition('observations', m)
                  FROM (SELECT DISTINCT date_trunc('month', data_time AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS m FROM observations_unpartitioned) x ORDER BY x.m;
                INSERT INTO observations SELECT * FROM observations_unpartitioned;
                """);
            migrationBuilder.Sql(ContinueIds("observations", "observations_unpartitioned"));
            migrationBuilder.Sql("""
                ALTER TABLE observations ADD CONSTRAINT "PK_observations" PRIMARY KEY (id, data_time);
                CREATE UNIQUE INDEX "IX_observations_site_id_parameter_code_period_data_time" ON observations (site_id, parameter_code, period, data_time);
                CREATE INDEX "IX_observations_mn_period_data_time" ON observations (mn, period, data_time);
                CREATE INDEX "IX_observations_import_log_id" ON observations (import_log_id);
                CREATE INDEX "IX_observations_raw_packet_id" ON observations (raw_packet_id);
                CREATE INDEX "IX_observations_data_time_brin" ON observations USING brin (data_time);
                ALTER TABLE observations ADD CONSTRAINT "FK_observations_sites_site_id" FOREIGN KEY (site_id) REFERENCES sites (id) ON DELETE RESTRICT;
                ALTER TABLE observations ADD CONSTRAINT "FK_observations_import_logs_import_log_id" FOREIGN KEY (import_log_id) REFERENCES import_logs (id) ON DELETE RESTRICT;
                ANALYZE raw_packets;
                ANALYZE observations;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                LOCK TABLE raw_packets, observations IN ACCESS EXCLUSIVE MODE;
                ALTER TABLE raw_packets RENAME TO raw_packets_partitioned;
                ALTER TABLE raw_packets_partitioned DROP CONSTRAINT "PK_raw_packets";
                DROP INDEX "IX_raw_packets_received_at";
                DROP INDEX "IX_raw_packets_status_received_at";
                DROP INDEX "IX_raw_packets_received_at_brin";
                CREATE TABLE raw_packets (LIKE raw_packets_partitioned
                """ + " " + Like + """
                );
                INSERT INTO raw_packets SELECT * FROM raw_packets_partitioned;
                """);
            migrationBuilder.Sql(ContinueIds("raw_packets", "raw_packets_partitioned"));
            migrationBuilder.Sql("""
                ALTER TABLE raw_packets ADD CONSTRAINT "PK_raw_packets" PRIMARY KEY (id);
                CREATE INDEX "IX_raw_packets_received_at" ON raw_packets (received_at);
                CREATE INDEX "IX_raw_packets_status_received_at" ON raw_packets (status, received_at);

                ALTER TABLE observations RENAME TO observations_partitioned;
                ALTER TABLE observations_partitioned DROP CONSTRAINT "PK_observations";
                ALTER TABLE observations_partitioned DROP CONSTRAINT "FK_observations_sites_site_id";
                ALTER TABLE observations_partitioned DROP CONSTRAINT "FK_observations_import_logs_import_log_id";
                DROP INDEX "IX_observations_import_log_id";
                DROP INDEX "IX_observations_mn_period_data_time";
                DROP INDEX "IX_observations_raw_packet_id";
                DROP INDEX "IX_observations_site_id_parameter_code_period_data_time";
                DROP INDEX "IX_observations_data_time_brin";
                CREATE TABLE observations (LIKE observations_partitioned
                """ + " " + Like + """
                );
                INSERT INTO observations SELECT * FROM observations_partitioned;
                """);
            migrationBuilder.Sql(ContinueIds("observations", "observations_partitioned"));
            migrationBuilder.Sql("""
                ALTER TABLE observations ADD CONSTRAINT "PK_observations" PRIMARY KEY (id);
                CREATE UNIQUE INDEX "IX_observations_site_id_parameter_code_period_data_time" ON observations (site_id, parameter_code, period, data_time);
                CREATE INDEX "IX_observations_mn_period_data_time" ON observations (mn, period, data_time);
                CREATE INDEX "IX_observations_import_log_id" ON observations (import_log_id);
                CREATE INDEX "IX_observations_raw_packet_id" ON observations (raw_packet_id);
                ALTER TABLE observations ADD CONSTRAINT "FK_observations_sites_site_id" FOREIGN KEY (site_id) REFERENCES sites (id) ON DELETE RESTRICT;
                ALTER TABLE observations ADD CONSTRAINT "FK_observations_import_logs_import_log_id" FOREIGN KEY (import_log_id) REFERENCES import_logs (id) ON DELETE RESTRICT;
                ALTER TABLE observations ADD CONSTRAINT "FK_observations_raw_packets_raw_packet_id" FOREIGN KEY (raw_packet_id) REFERENCES raw_packets (id) ON DELETE RESTRICT;
                ALTER TABLE review_marks ADD CONSTRAINT "FK_review_marks_observations_observation_id" FOREIGN KEY (observation_id) REFERENCES observations (id) ON DELETE RESTRICT;
                DROP FUNCTION smartenv_month_partition(text, timestamptz);
                """);
        }
    }
}
