using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace SmartEnv.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SourceExplanations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "source_explanations",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    uscc = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    site_id = table.Column<long>(type: "bigint", nullable: true),
                    reason = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    from_hour = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    to_hour = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    attachment_name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    attachment_path = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    attachment_sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    attachment_bytes = table.Column<long>(type: "bigint", nullable: true),
                    state = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    submitted_by = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    submitted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    decided_by = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    decision_note = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_source_explanations", x => x.id);
                    table.CheckConstraint("ck_source_explanations_range", "\"to_hour\" >= \"from_hour\"");
                    table.CheckConstraint("ck_source_explanations_reason", "\"reason\" IN ('shutdown','maintenance','fault','other')");
                    table.CheckConstraint("ck_source_explanations_state", "\"state\" IN ('submitted','accepted','rejected','withdrawn')");
                    table.ForeignKey(
                        name: "FK_source_explanations_enterprises_uscc",
                        column: x => x.uscc,
                        principalTable: "enterprises",
                        principalColumn: "uscc",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_source_explanations_sites_site_id",
                        column: x => x.site_id,
                        principalTable: "sites",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_source_explanations_site_id",
                table: "source_explanations",
                column: "site_id");

            migrationBuilder.CreateIndex(
                name: "IX_source_explanations_state_from_hour",
                table: "source_explanations",
                columns: new[] { "state", "from_hour" });

            migrationBuilder.CreateIndex(
                name: "IX_source_explanations_uscc_submitted_at",
                table: "source_explanations",
                columns: new[] { "uscc", "submitted_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "source_explanations");
        }
    }
}
