using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace SmartEnv.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SourceMonitoring : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "source_day_rates",
                columns: table => new
                {
                    site_id = table.Column<long>(type: "bigint", nullable: false),
                    day = table.Column<DateOnly>(type: "date", nullable: false),
                    expected = table.Column<int>(type: "integer", nullable: false),
                    received = table.Column<int>(type: "integer", nullable: false),
                    valid = table.Column<int>(type: "integer", nullable: false),
                    excused = table.Column<int>(type: "integer", nullable: false),
                    transmission = table.Column<decimal>(type: "numeric", nullable: true),
                    effectiveness = table.Column<decimal>(type: "numeric", nullable: true),
                    effective = table.Column<decimal>(type: "numeric", nullable: true),
                    rule_version = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_source_day_rates", x => new { x.site_id, x.day });
                    table.ForeignKey(
                        name: "FK_source_day_rates_sites_site_id",
                        column: x => x.site_id,
                        principalTable: "sites",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "source_day_totals",
                columns: table => new
                {
                    site_id = table.Column<long>(type: "bigint", nullable: false),
                    parameter_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    day = table.Column<DateOnly>(type: "date", nullable: false),
                    kg = table.Column<decimal>(type: "numeric", nullable: false),
                    hours_cou = table.Column<int>(type: "integer", nullable: false),
                    hours_flow_conc = table.Column<int>(type: "integer", nullable: false),
                    hours_invalid_flag = table.Column<int>(type: "integer", nullable: false),
                    day_cou_used = table.Column<bool>(type: "boolean", nullable: false),
                    rule_version = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_source_day_totals", x => new { x.site_id, x.parameter_code, x.day });
                    table.ForeignKey(
                        name: "FK_source_day_totals_sites_site_id",
                        column: x => x.site_id,
                        principalTable: "sites",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "source_exceedances",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    site_id = table.Column<long>(type: "bigint", nullable: false),
                    parameter_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    hour_start = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    value = table.Column<decimal>(type: "numeric", nullable: false),
                    limit = table.Column<decimal>(type: "numeric", nullable: false),
                    multiple = table.Column<decimal>(type: "numeric", nullable: false),
                    basis = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    explanation_id = table.Column<long>(type: "bigint", nullable: true),
                    rule_version = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_source_exceedances", x => x.id);
                    table.ForeignKey(
                        name: "FK_source_exceedances_sites_site_id",
                        column: x => x.site_id,
                        principalTable: "sites",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "source_hours",
                columns: table => new
                {
                    site_id = table.Column<long>(type: "bigint", nullable: false),
                    parameter_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    hour_start = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    permit_version_id = table.Column<long>(type: "bigint", nullable: false),
                    basis = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    value = table.Column<decimal>(type: "numeric", nullable: true),
                    o2 = table.Column<decimal>(type: "numeric", nullable: true),
                    limit_value = table.Column<decimal>(type: "numeric", nullable: false),
                    judged = table.Column<bool>(type: "boolean", nullable: false),
                    not_judged_flag = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    exceeds = table.Column<bool>(type: "boolean", nullable: false),
                    multiple = table.Column<decimal>(type: "numeric", nullable: true),
                    explanation_id = table.Column<long>(type: "bigint", nullable: true),
                    rule_version = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    computed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_source_hours", x => new { x.site_id, x.parameter_code, x.hour_start });
                    table.ForeignKey(
                        name: "FK_source_hours_sites_site_id",
                        column: x => x.site_id,
                        principalTable: "sites",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "source_quantity_checks",
                columns: table => new
                {
                    site_id = table.Column<long>(type: "bigint", nullable: false),
                    parameter_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    as_of = table.Column<DateOnly>(type: "date", nullable: false),
                    window_start = table.Column<DateOnly>(type: "date", nullable: false),
                    window_end = table.Column<DateOnly>(type: "date", nullable: false),
                    actual_kg = table.Column<decimal>(type: "numeric", nullable: false),
                    annual_kg = table.Column<decimal>(type: "numeric", nullable: false),
                    run_rate = table.Column<decimal>(type: "numeric", nullable: false),
                    projected_kg = table.Column<decimal>(type: "numeric", nullable: false),
                    crossing_date = table.Column<DateOnly>(type: "date", nullable: true),
                    rule_version = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_source_quantity_checks", x => new { x.site_id, x.parameter_code, x.as_of });
                    table.ForeignKey(
                        name: "FK_source_quantity_checks_sites_site_id",
                        column: x => x.site_id,
                        principalTable: "sites",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_source_exceedances_site_id_parameter_code_hour_start",
                table: "source_exceedances",
                columns: new[] { "site_id", "parameter_code", "hour_start" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "source_day_rates");

            migrationBuilder.DropTable(
                name: "source_day_totals");

            migrationBuilder.DropTable(
                name: "source_exceedances");

            migrationBuilder.DropTable(
                name: "source_hours");

            migrationBuilder.DropTable(
                name: "source_quantity_checks");
        }
    }
}
