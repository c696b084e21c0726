using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmartEnv.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class InitialCreate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "import_logs",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    format = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    file_name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    started_at = table.Column<long>(type: "INTEGER", nullable: false),
                    finished_at = table.Column<long>(type: "INTEGER", nullable: true),
                    rows_read = table.Column<int>(type: "INTEGER", nullable: false),
                    values_accepted = table.Column<int>(type: "INTEGER", nullable: false),
                    values_inserted = table.Column<int>(type: "INTEGER", nullable: false),
                    rejected = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_import_logs", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "raw_packets",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    text = table.Column<string>(type: "TEXT", nullable: false),
                    received_at = table.Column<long>(type: "INTEGER", nullable: false),
                    peer = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    mn = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    cn = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    qn = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    framing_diagnostics = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    crc_valid = table.Column<bool>(type: "INTEGER", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    quarantine_reason = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    quarantine_detail = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_raw_packets", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "sites",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    code = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    name_zh = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    name_en = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    longitude = table.Column<string>(type: "TEXT", nullable: true),
                    latitude = table.Column<string>(type: "TEXT", nullable: true),
                    coordinates_approximate = table.Column<bool>(type: "INTEGER", nullable: false),
                    coordinate_source = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    control_level = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    water_target_class = table.Column<string>(type: "TEXT", maxLength: 4, nullable: true),
                    water_body = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    is_public = table.Column<bool>(type: "INTEGER", nullable: false),
                    note = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sites", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "import_rejects",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    import_log_id = table.Column<long>(type: "INTEGER", nullable: false),
                    row = table.Column<int>(type: "INTEGER", nullable: false),
                    column = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    reason = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    raw_text = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_import_rejects", x => x.id);
                    table.ForeignKey(
                        name: "FK_import_rejects_import_logs_import_log_id",
                        column: x => x.import_log_id,
                        principalTable: "import_logs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "daily_aqi",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    site_id = table.Column<long>(type: "INTEGER", nullable: false),
                    date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    aqi = table.Column<int>(type: "INTEGER", nullable: true),
                    primary_pollutants = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    iaqi_json = table.Column<string>(type: "TEXT", nullable: true),
                    regime_id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    calculated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_daily_aqi", x => x.id);
                    table.ForeignKey(
                        name: "FK_daily_aqi_sites_site_id",
                        column: x => x.site_id,
                        principalTable: "sites",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "devices",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    mn = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    password = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    site_id = table.Column<long>(type: "INTEGER", nullable: false),
                    enabled = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_devices", x => x.id);
                    table.ForeignKey(
                        name: "FK_devices_sites_site_id",
                        column: x => x.site_id,
                        principalTable: "sites",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "hourly_aqi",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    site_id = table.Column<long>(type: "INTEGER", nullable: false),
                    hour_start = table.Column<long>(type: "INTEGER", nullable: false),
                    aqi = table.Column<int>(type: "INTEGER", nullable: true),
                    primary_pollutants = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    iaqi_json = table.Column<string>(type: "TEXT", nullable: true),
                    regime_id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    calculated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_hourly_aqi", x => x.id);
                    table.ForeignKey(
                        name: "FK_hourly_aqi_sites_site_id",
                        column: x => x.site_id,
                        principalTable: "sites",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "observations",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    site_id = table.Column<long>(type: "INTEGER", nullable: false),
                    mn = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    cn = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    parameter_code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    period = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    data_time = table.Column<long>(type: "INTEGER", nullable: false),
                    value = table.Column<string>(type: "TEXT", nullable: true),
                    value_text = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    min = table.Column<string>(type: "TEXT", nullable: true),
                    max = table.Column<string>(type: "TEXT", nullable: true),
                    flag = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    raw_packet_id = table.Column<long>(type: "INTEGER", nullable: true),
                    stored_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_observations", x => x.id);
                    table.ForeignKey(
                        name: "FK_observations_raw_packets_raw_packet_id",
                        column: x => x.raw_packet_id,
                        principalTable: "raw_packets",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_observations_sites_site_id",
                        column: x => x.site_id,
                        principalTable: "sites",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_daily_aqi_site_id_date_regime_id",
                table: "daily_aqi",
                columns: new[] { "site_id", "date", "regime_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_devices_mn",
                table: "devices",
                column: "mn",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_devices_site_id",
                table: "devices",
                column: "site_id");

            migrationBuilder.CreateIndex(
                name: "IX_hourly_aqi_site_id_hour_start_regime_id",
                table: "hourly_aqi",
                columns: new[] { "site_id", "hour_start", "regime_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_import_logs_sha256",
                table: "import_logs",
                column: "sha256");

            migrationBuilder.CreateIndex(
                name: "IX_import_rejects_import_log_id",
                table: "import_rejects",
                column: "import_log_id");

            migrationBuilder.CreateIndex(
                name: "IX_observations_mn_cn_data_time_parameter_code",
                table: "observations",
                columns: new[] { "mn", "cn", "data_time", "parameter_code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_observations_raw_packet_id",
                table: "observations",
                column: "raw_packet_id");

            migrationBuilder.CreateIndex(
                name: "IX_observations_site_id_parameter_code_period_data_time",
                table: "observations",
                columns: new[] { "site_id", "parameter_code", "period", "data_time" });

            migrationBuilder.CreateIndex(
                name: "IX_raw_packets_received_at",
                table: "raw_packets",
                column: "received_at");

            migrationBuilder.CreateIndex(
                name: "IX_raw_packets_status_received_at",
                table: "raw_packets",
                columns: new[] { "status", "received_at" });

            migrationBuilder.CreateIndex(
                name: "IX_sites_code",
                table: "sites",
                column: "code",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "daily_aqi");

            migrationBuilder.DropTable(
                name: "devices");

            migrationBuilder.DropTable(
                name: "hourly_aqi");

            migrationBuilder.DropTable(
                name: "import_rejects");

            migrationBuilder.DropTable(
                name: "observations");

            migrationBuilder.DropTable(
                name: "import_logs");

            migrationBuilder.DropTable(
                name: "raw_packets");

            migrationBuilder.DropTable(
                name: "sites");
        }
    }
}
