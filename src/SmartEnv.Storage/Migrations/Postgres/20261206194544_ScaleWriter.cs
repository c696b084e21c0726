using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmartEnv.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ScaleWriter : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "hour_sums",
                columns: table => new
                {
                    site_id = table.Column<long>(type: "bigint", nullable: false),
                    parameter_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    period = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    hour_start = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    samples = table.Column<int>(type: "integer", nullable: false),
                    sum = table.Column<decimal>(type: "numeric", nullable: false),
                    first_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    min_gap_micros = table.Column<long>(type: "bigint", nullable: true),
                    stale = table.Column<bool>(type: "boolean", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_hour_sums", x => new { x.site_id, x.parameter_code, x.period, x.hour_start });
                    table.ForeignKey(
                        name: "FK_hour_sums_sites_site_id",
                        column: x => x.site_id,
                        principalTable: "sites",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "packet_keys",
                columns: table => new
                {
                    mn = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    qn = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    text_hash = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_packet_keys", x => new { x.mn, x.qn });
                });

            migrationBuilder.CreateIndex(
                name: "IX_packet_keys_received_at",
                table: "packet_keys",
                column: "received_at");

            // Hand-written (issue 15): every stored hour of minute / real-time values of the six AQI pollutants gets a STALE
            // aggregate; the first evaluation that reads the hour rebuilds it from its values (HourSum). Without these rows
            // an hour written before this migration would read as empty.
            migrationBuilder.Sql("""
                INSERT INTO "hour_sums" ("site_id","parameter_code","period","hour_start","samples","sum","stale","version")
                SELECT DISTINCT "site_id", "parameter_code", "period", to_timestamp(floor(extract(epoch FROM "data_time") / 3600) * 3600), 0, 0, TRUE, 0
                FROM "observations" WHERE "period" IN ('min','rtd') AND "parameter_code" IN ('a21026','a21004','a21005','a05024','a34002','a34004')
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "hour_sums");

            migrationBuilder.DropTable(
                name: "packet_keys");
        }
    }
}
