using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace SmartEnv.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Complaints : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "complaint_api_clients",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    key_hash = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    key_salt = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    disabled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_complaint_api_clients", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "complaint_serials",
                columns: table => new
                {
                    day = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    next = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_complaint_serials", x => x.day);
                });

            migrationBuilder.CreateTable(
                name: "complaints",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    number = table.Column<string>(type: "character varying(14)", maxLength: 14, nullable: false),
                    channel = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    state = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    urgency = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    registered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    registered_on = table.Column<DateOnly>(type: "date", nullable: false),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    content = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    address = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    street_code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: true),
                    latitude = table.Column<double>(type: "double precision", nullable: true),
                    longitude = table.Column<double>(type: "double precision", nullable: true),
                    reported_name = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    reported_uscc = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: true),
                    industry_code = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: true),
                    source_ref = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    created_by = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    query_code_hash = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    query_code_salt = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    acceptance_due = table.Column<DateOnly>(type: "date", nullable: false),
                    acceptance_due_provisional = table.Column<bool>(type: "boolean", nullable: false),
                    accepted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    accepted_by = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    not_accepted_reason = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    not_accepted_note = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: true),
                    linked_number = table.Column<string>(type: "character varying(14)", maxLength: 14, nullable: true),
                    handling_due = table.Column<DateOnly>(type: "date", nullable: true),
                    handling_due_provisional = table.Column<bool>(type: "boolean", nullable: false),
                    extension_days = table.Column<int>(type: "integer", nullable: false),
                    assignee_kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    assignee_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    assignee_name = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    assigned_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    findings = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    verification = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    checked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    replied_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    reply = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    satisfaction = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    visited_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    visit_note = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: true),
                    closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    review_due = table.Column<DateOnly>(type: "date", nullable: true),
                    merged_into_id = table.Column<long>(type: "bigint", nullable: true),
                    version = table.Column<int>(type: "integer", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_complaints", x => x.id);
                    table.ForeignKey(
                        name: "FK_complaints_complaints_merged_into_id",
                        column: x => x.merged_into_id,
                        principalTable: "complaints",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "complaint_duplicates",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    complaint_id = table.Column<long>(type: "bigint", nullable: false),
                    candidate_id = table.Column<long>(type: "bigint", nullable: false),
                    reason = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    distance_m = table.Column<double>(type: "double precision", nullable: true),
                    proposed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    decision = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    decided_by = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_complaint_duplicates", x => x.id);
                    table.ForeignKey(
                        name: "FK_complaint_duplicates_complaints_candidate_id",
                        column: x => x.candidate_id,
                        principalTable: "complaints",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_complaint_duplicates_complaints_complaint_id",
                        column: x => x.complaint_id,
                        principalTable: "complaints",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "complaint_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    complaint_id = table.Column<long>(type: "bigint", nullable: false),
                    trigger = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    from_state = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    to_state = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    by = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    data = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_complaint_events", x => x.id);
                    table.ForeignKey(
                        name: "FK_complaint_events_complaints_complaint_id",
                        column: x => x.complaint_id,
                        principalTable: "complaints",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "complaint_extensions",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    complaint_id = table.Column<long>(type: "bigint", nullable: false),
                    days = table.Column<int>(type: "integer", nullable: false),
                    approver = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    reason = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    reporter_told_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_complaint_extensions", x => x.id);
                    table.ForeignKey(
                        name: "FK_complaint_extensions_complaints_complaint_id",
                        column: x => x.complaint_id,
                        principalTable: "complaints",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "complaint_photos",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    complaint_id = table.Column<long>(type: "bigint", nullable: false),
                    seq = table.Column<int>(type: "integer", nullable: false),
                    content = table.Column<byte[]>(type: "bytea", nullable: false),
                    width = table.Column<int>(type: "integer", nullable: false),
                    height = table.Column<int>(type: "integer", nullable: false),
                    bytes = table.Column<int>(type: "integer", nullable: false),
                    sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    original_format = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_complaint_photos", x => x.id);
                    table.ForeignKey(
                        name: "FK_complaint_photos_complaints_complaint_id",
                        column: x => x.complaint_id,
                        principalTable: "complaints",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "complaint_reporters",
                columns: table => new
                {
                    complaint_id = table.Column<long>(type: "bigint", nullable: false),
                    name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    phone = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    email = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    anonymous = table.Column<bool>(type: "boolean", nullable: false),
                    wants_reply = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_complaint_reporters", x => x.complaint_id);
                    table.ForeignKey(
                        name: "FK_complaint_reporters_complaints_complaint_id",
                        column: x => x.complaint_id,
                        principalTable: "complaints",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "complaint_types",
                columns: table => new
                {
                    complaint_id = table.Column<long>(type: "bigint", nullable: false),
                    code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_complaint_types", x => new { x.complaint_id, x.code });
                    table.ForeignKey(
                        name: "FK_complaint_types_complaints_complaint_id",
                        column: x => x.complaint_id,
                        principalTable: "complaints",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_complaint_api_clients_name",
                table: "complaint_api_clients",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_complaint_duplicates_candidate_id",
                table: "complaint_duplicates",
                column: "candidate_id");

            migrationBuilder.CreateIndex(
                name: "IX_complaint_duplicates_complaint_id_candidate_id",
                table: "complaint_duplicates",
                columns: new[] { "complaint_id", "candidate_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_complaint_events_complaint_id_at",
                table: "complaint_events",
                columns: new[] { "complaint_id", "at" });

            migrationBuilder.CreateIndex(
                name: "IX_complaint_extensions_complaint_id",
                table: "complaint_extensions",
                column: "complaint_id");

            migrationBuilder.CreateIndex(
                name: "IX_complaint_photos_complaint_id_seq",
                table: "complaint_photos",
                columns: new[] { "complaint_id", "seq" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_complaint_types_code",
                table: "complaint_types",
                column: "code");

            migrationBuilder.CreateIndex(
                name: "IX_complaints_merged_into_id",
                table: "complaints",
                column: "merged_into_id");

            migrationBuilder.CreateIndex(
                name: "IX_complaints_number",
                table: "complaints",
                column: "number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_complaints_registered_at",
                table: "complaints",
                column: "registered_at");

            migrationBuilder.CreateIndex(
                name: "IX_complaints_reported_uscc_registered_at",
                table: "complaints",
                columns: new[] { "reported_uscc", "registered_at" });

            migrationBuilder.CreateIndex(
                name: "IX_complaints_state_acceptance_due",
                table: "complaints",
                columns: new[] { "state", "acceptance_due" });

            migrationBuilder.CreateIndex(
                name: "IX_complaints_state_handling_due",
                table: "complaints",
                columns: new[] { "state", "handling_due" });

            migrationBuilder.CreateIndex(
                name: "IX_complaints_street_code_registered_at",
                table: "complaints",
                columns: new[] { "street_code", "registered_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "complaint_api_clients");

            migrationBuilder.DropTable(
                name: "complaint_duplicates");

            migrationBuilder.DropTable(
                name: "complaint_events");

            migrationBuilder.DropTable(
                name: "complaint_extensions");

            migrationBuilder.DropTable(
                name: "complaint_photos");

            migrationBuilder.DropTable(
                name: "complaint_reporters");

            migrationBuilder.DropTable(
                name: "complaint_serials");

            migrationBuilder.DropTable(
                name: "complaint_types");

            migrationBuilder.DropTable(
                name: "complaints");
        }
    }
}
