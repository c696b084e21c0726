using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace SmartEnv.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AtomicImports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "error",
                table: "import_logs",
                type: "character varying(1024)",
                maxLength: 1024,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "heartbeat_at",
                table: "import_logs",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "owner",
                table: "import_logs",
                type: "character varying(128)",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "replace",
                table: "import_logs",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<long>(
                name: "site_id_floor",
                table: "import_logs",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "state",
                table: "import_logs",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "applied");

            // Runs of earlier releases: finished = applied (their values are in); unfinished = failed (a crash left them).
            migrationBuilder.Sql("UPDATE import_logs SET state = 'failed' WHERE finished_at IS NULL;");

            migrationBuilder.AddColumn<int>(
                name: "values_changed",
                table: "import_logs",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "import_staged_values",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    import_log_id = table.Column<long>(type: "bigint", nullable: false),
                    site_id = table.Column<long>(type: "bigint", nullable: false),
                    parameter_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    period = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    data_time = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    value = table.Column<decimal>(type: "numeric", nullable: true),
                    value_text = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    unit = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    min = table.Column<decimal>(type: "numeric", nullable: true),
                    max = table.Column<decimal>(type: "numeric", nullable: true),
                    flag = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    source_row = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_import_staged_values", x => x.id);
                    table.ForeignKey(
                        name: "FK_import_staged_values_import_logs_import_log_id",
                        column: x => x.import_log_id,
                        principalTable: "import_logs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_import_logs_state",
                table: "import_logs",
                column: "state");

            migrationBuilder.CreateIndex(
                name: "IX_import_staged_values_import_log_id_site_id_parameter_code_p~",
                table: "import_staged_values",
                columns: new[] { "import_log_id", "site_id", "parameter_code", "period", "data_time" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "import_staged_values");

            migrationBuilder.DropIndex(
                name: "IX_import_logs_state",
                table: "import_logs");

            migrationBuilder.DropColumn(
                name: "error",
                table: "import_logs");

            migrationBuilder.DropColumn(
                name: "heartbeat_at",
                table: "import_logs");

            migrationBuilder.DropColumn(
                name: "owner",
                table: "import_logs");

            migrationBuilder.DropColumn(
                name: "replace",
                table: "import_logs");

            migrationBuilder.DropColumn(
                name: "site_id_floor",
                table: "import_logs");

            migrationBuilder.DropColumn(
                name: "state",
                table: "import_logs");

            migrationBuilder.DropColumn(
                name: "values_changed",
                table: "import_logs");
        }
    }
}
