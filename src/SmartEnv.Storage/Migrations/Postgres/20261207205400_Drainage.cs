using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace SmartEnv.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Drainage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "drainage_outlets",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    name = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    river = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    bank = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    longitude = table.Column<decimal>(type: "numeric(10,6)", precision: 10, scale: 6, nullable: true),
                    latitude = table.Column<decimal>(type: "numeric(10,6)", precision: 10, scale: 6, nullable: true),
                    street_code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: true),
                    type = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    responsible_unit = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    responsible_uscc = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: true),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    target_class = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    camera_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    level_sensor_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    flow_sensor_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    rules_version = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_drainage_outlets", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "drainage_samples",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    outlet_id = table.Column<long>(type: "bigint", nullable: false),
                    sampled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    gb3838_class = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    gb3838_applies = table.Column<bool>(type: "boolean", nullable: false),
                    meets_target = table.Column<bool>(type: "boolean", nullable: true),
                    note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_drainage_samples", x => x.id);
                    table.ForeignKey(
                        name: "FK_drainage_samples_drainage_outlets_outlet_id",
                        column: x => x.outlet_id,
                        principalTable: "drainage_outlets",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "drainage_status_changes",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    outlet_id = table.Column<long>(type: "bigint", nullable: false),
                    from_status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    to_status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    effective_on = table.Column<DateOnly>(type: "date", nullable: false),
                    note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_drainage_status_changes", x => x.id);
                    table.ForeignKey(
                        name: "FK_drainage_status_changes_drainage_outlets_outlet_id",
                        column: x => x.outlet_id,
                        principalTable: "drainage_outlets",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "drainage_sample_values",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    sample_id = table.Column<long>(type: "bigint", nullable: false),
                    item = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    value = table.Column<decimal>(type: "numeric(18,6)", precision: 18, scale: 6, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_drainage_sample_values", x => x.id);
                    table.ForeignKey(
                        name: "FK_drainage_sample_values_drainage_samples_sample_id",
                        column: x => x.sample_id,
                        principalTable: "drainage_samples",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_drainage_outlets_code",
                table: "drainage_outlets",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_drainage_outlets_river",
                table: "drainage_outlets",
                column: "river");

            migrationBuilder.CreateIndex(
                name: "IX_drainage_outlets_street_code",
                table: "drainage_outlets",
                column: "street_code");

            migrationBuilder.CreateIndex(
                name: "IX_drainage_sample_values_sample_id_item",
                table: "drainage_sample_values",
                columns: new[] { "sample_id", "item" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_drainage_samples_outlet_id_sampled_at",
                table: "drainage_samples",
                columns: new[] { "outlet_id", "sampled_at" });

            migrationBuilder.CreateIndex(
                name: "IX_drainage_status_changes_outlet_id_id",
                table: "drainage_status_changes",
                columns: new[] { "outlet_id", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "drainage_sample_values");

            migrationBuilder.DropTable(
                name: "drainage_status_changes");

            migrationBuilder.DropTable(
                name: "drainage_samples");

            migrationBuilder.DropTable(
                name: "drainage_outlets");
        }
    }
}
