using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmartEnv.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SchedulingAndDataSources : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "flagged_findings",
                table: "import_logs",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "source_key",
                table: "import_logs",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "data_sources",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    publisher = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    url = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    formats = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    notes = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_data_sources", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "scheduled_runs",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    job_key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    occurrence_utc = table.Column<long>(type: "INTEGER", nullable: false),
                    started_at = table.Column<long>(type: "INTEGER", nullable: false),
                    finished_at = table.Column<long>(type: "INTEGER", nullable: true),
                    outcome = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    message = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: true),
                    instance = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_scheduled_runs", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "data_source_findings",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    data_source_id = table.Column<long>(type: "INTEGER", nullable: false),
                    domain = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    cause = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    figure = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false, defaultValue: "aqi"),
                    from = table.Column<long>(type: "INTEGER", nullable: false),
                    to = table.Column<long>(type: "INTEGER", nullable: true),
                    stations = table.Column<int>(type: "INTEGER", nullable: false),
                    rows = table.Column<int>(type: "INTEGER", nullable: false),
                    summary = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: false),
                    summary_en = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: false),
                    note = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: true),
                    state = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    attached_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    attached_at = table.Column<long>(type: "INTEGER", nullable: false),
                    withdrawn_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    withdrawn_at = table.Column<long>(type: "INTEGER", nullable: true),
                    withdraw_reason = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_data_source_findings", x => x.id);
                    table.ForeignKey(
                        name: "FK_data_source_findings_data_sources_data_source_id",
                        column: x => x.data_source_id,
                        principalTable: "data_sources",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_import_logs_source_key",
                table: "import_logs",
                column: "source_key");

            migrationBuilder.CreateIndex(
                name: "IX_data_source_findings_data_source_id_state",
                table: "data_source_findings",
                columns: new[] { "data_source_id", "state" });

            migrationBuilder.CreateIndex(
                name: "IX_data_sources_key",
                table: "data_sources",
                column: "key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_scheduled_runs_job_key_occurrence_utc",
                table: "scheduled_runs",
                columns: new[] { "job_key", "occurrence_utc" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "data_source_findings");

            migrationBuilder.DropTable(
                name: "scheduled_runs");

            migrationBuilder.DropTable(
                name: "data_sources");

            migrationBuilder.DropIndex(
                name: "IX_import_logs_source_key",
                table: "import_logs");

            migrationBuilder.DropColumn(
                name: "flagged_findings",
                table: "import_logs");

            migrationBuilder.DropColumn(
                name: "source_key",
                table: "import_logs");
        }
    }
}
