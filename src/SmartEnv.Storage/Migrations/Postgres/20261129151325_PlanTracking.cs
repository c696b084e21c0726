using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace SmartEnv.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PlanTracking : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "plan_indicators",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    number = table.Column<int>(type: "integer", nullable: false),
                    category = table.Column<string>(type: "text", nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    unit = table.Column<string>(type: "text", nullable: false),
                    kind_raw = table.Column<string>(type: "text", nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    baseline_year = table.Column<int>(type: "integer", nullable: false),
                    baseline_raw = table.Column<string>(type: "text", nullable: false),
                    baseline_value = table.Column<decimal>(type: "numeric", nullable: true),
                    target_year = table.Column<int>(type: "integer", nullable: false),
                    target_raw = table.Column<string>(type: "text", nullable: false),
                    target_value = table.Column<decimal>(type: "numeric", nullable: true),
                    comparator = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: false),
                    raw_cells_json = table.Column<string>(type: "text", nullable: false),
                    municipal_target_raw = table.Column<string>(type: "text", nullable: true),
                    municipal_issued_by = table.Column<string>(type: "text", nullable: true),
                    municipal_issued_on = table.Column<DateOnly>(type: "date", nullable: true),
                    municipal_evidence = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_plan_indicators", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "plan_projects",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    sequence = table.Column<int>(type: "integer", nullable: false),
                    raw_cells_json = table.Column<string>(type: "text", nullable: false),
                    category = table.Column<string>(type: "text", nullable: false),
                    type = table.Column<string>(type: "text", nullable: false),
                    sub_type = table.Column<string>(type: "text", nullable: true),
                    name = table.Column<string>(type: "text", nullable: false),
                    content = table.Column<string>(type: "text", nullable: false),
                    nature_raw = table.Column<string>(type: "text", nullable: false),
                    planned_start_raw = table.Column<string>(type: "text", nullable: false),
                    planned_end_raw = table.Column<string>(type: "text", nullable: false),
                    planned_end_deadline = table.Column<DateOnly>(type: "date", nullable: true),
                    investment_raw = table.Column<string>(type: "text", nullable: false),
                    investment_amount = table.Column<decimal>(type: "numeric", nullable: true),
                    investment_note = table.Column<string>(type: "text", nullable: true),
                    lead_unit_raw = table.Column<string>(type: "text", nullable: false),
                    lead_unit = table.Column<string>(type: "text", nullable: false),
                    implementing_unit = table.Column<string>(type: "text", nullable: true),
                    stage = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_plan_projects", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "plan_table_rows",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    table_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false),
                    line = table.Column<int>(type: "integer", nullable: false),
                    cells_json = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_plan_table_rows", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "plan_indicator_values",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    indicator_id = table.Column<long>(type: "bigint", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    value = table.Column<decimal>(type: "numeric", nullable: false),
                    source = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    recorded_by = table.Column<string>(type: "text", nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    evidence = table.Column<string>(type: "text", nullable: false),
                    note = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_plan_indicator_values", x => x.id);
                    table.ForeignKey(
                        name: "FK_plan_indicator_values_plan_indicators_indicator_id",
                        column: x => x.indicator_id,
                        principalTable: "plan_indicators",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "plan_evaluations",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    project_id = table.Column<long>(type: "bigint", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    evaluated_on = table.Column<DateOnly>(type: "date", nullable: false),
                    evaluator = table.Column<string>(type: "text", nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_plan_evaluations", x => x.id);
                    table.ForeignKey(
                        name: "FK_plan_evaluations_plan_projects_project_id",
                        column: x => x.project_id,
                        principalTable: "plan_projects",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "plan_progress_reports",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    project_id = table.Column<long>(type: "bigint", nullable: false),
                    as_of = table.Column<DateOnly>(type: "date", nullable: false),
                    percent_complete = table.Column<decimal>(type: "numeric", nullable: false),
                    investment_to_date = table.Column<decimal>(type: "numeric", nullable: false),
                    issues = table.Column<string>(type: "text", nullable: false),
                    reported_by = table.Column<string>(type: "text", nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_plan_progress_reports", x => x.id);
                    table.ForeignKey(
                        name: "FK_plan_progress_reports_plan_projects_project_id",
                        column: x => x.project_id,
                        principalTable: "plan_projects",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "plan_stage_changes",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    project_id = table.Column<long>(type: "bigint", nullable: false),
                    from_stage = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    to_stage = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    on = table.Column<DateOnly>(type: "date", nullable: false),
                    by = table.Column<string>(type: "text", nullable: false),
                    reason = table.Column<string>(type: "text", nullable: true),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_plan_stage_changes", x => x.id);
                    table.ForeignKey(
                        name: "FK_plan_stage_changes_plan_projects_project_id",
                        column: x => x.project_id,
                        principalTable: "plan_projects",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "plan_evaluation_scores",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    evaluation_id = table.Column<long>(type: "bigint", nullable: false),
                    dimension = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    score = table.Column<decimal>(type: "numeric", nullable: false),
                    max_score = table.Column<decimal>(type: "numeric", nullable: false),
                    evidence = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_plan_evaluation_scores", x => x.id);
                    table.ForeignKey(
                        name: "FK_plan_evaluation_scores_plan_evaluations_evaluation_id",
                        column: x => x.evaluation_id,
                        principalTable: "plan_evaluations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_plan_evaluation_scores_evaluation_id",
                table: "plan_evaluation_scores",
                column: "evaluation_id");

            migrationBuilder.CreateIndex(
                name: "IX_plan_evaluations_project_id",
                table: "plan_evaluations",
                column: "project_id");

            migrationBuilder.CreateIndex(
                name: "IX_plan_indicator_values_indicator_id_year_version",
                table: "plan_indicator_values",
                columns: new[] { "indicator_id", "year", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_plan_indicators_number",
                table: "plan_indicators",
                column: "number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_plan_progress_reports_project_id",
                table: "plan_progress_reports",
                column: "project_id");

            migrationBuilder.CreateIndex(
                name: "IX_plan_projects_sequence",
                table: "plan_projects",
                column: "sequence",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_plan_stage_changes_project_id",
                table: "plan_stage_changes",
                column: "project_id");

            migrationBuilder.CreateIndex(
                name: "IX_plan_table_rows_table_id_position",
                table: "plan_table_rows",
                columns: new[] { "table_id", "position" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "plan_evaluation_scores");

            migrationBuilder.DropTable(
                name: "plan_indicator_values");

            migrationBuilder.DropTable(
                name: "plan_progress_reports");

            migrationBuilder.DropTable(
                name: "plan_stage_changes");

            migrationBuilder.DropTable(
                name: "plan_table_rows");

            migrationBuilder.DropTable(
                name: "plan_evaluations");

            migrationBuilder.DropTable(
                name: "plan_indicators");

            migrationBuilder.DropTable(
                name: "plan_projects");
        }
    }
}
