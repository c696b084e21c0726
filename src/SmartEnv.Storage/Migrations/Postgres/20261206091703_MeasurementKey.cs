using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmartEnv.Storage.Migrations.Postgres
{
    /// <summary>Observations keyed by site, parameter, period and time with unit and provenance (docs/storage.md);
    /// data steps in <see cref="MeasurementKeyData"/>.</summary>
    public partial class MeasurementKey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_observations_mn_cn_data_time_parameter_code",
                table: "observations");

            migrationBuilder.DropIndex(
                name: "IX_observations_site_id_parameter_code_period_data_time",
                table: "observations");


            migrationBuilder.AlterColumn<string>(
                name: "period",
                table: "observations",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(8)",
                oldMaxLength: 8);

            migrationBuilder.AlterColumn<string>(
                name: "mn",
                table: "observations",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(64)",
                oldMaxLength: 64);

            migrationBuilder.AddColumn<long>(
                name: "import_log_id",
                table: "observations",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "source_row",
                table: "observations",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "unit",
                table: "observations",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            // Data: moving-mean codes → base code + period, duplicates under the new key, units, import provenance.
            foreach (var sql in MeasurementKeyData.UpSql(postgres: true))
                migrationBuilder.Sql(sql);
            migrationBuilder.DropColumn(
                name: "cn",
                table: "observations");

            migrationBuilder.CreateIndex(
                name: "IX_observations_import_log_id",
                table: "observations",
                column: "import_log_id");

            migrationBuilder.CreateIndex(
                name: "IX_observations_mn_period_data_time",
                table: "observations",
                columns: new[] { "mn", "period", "data_time" });

            migrationBuilder.CreateIndex(
                name: "IX_observations_site_id_parameter_code_period_data_time",
                table: "observations",
                columns: new[] { "site_id", "parameter_code", "period", "data_time" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_observations_import_logs_import_log_id",
                table: "observations",
                column: "import_log_id",
                principalTable: "import_logs",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_observations_import_logs_import_log_id",
                table: "observations");

            migrationBuilder.DropIndex(
                name: "IX_observations_import_log_id",
                table: "observations");

            migrationBuilder.DropIndex(
                name: "IX_observations_mn_period_data_time",
                table: "observations");

            migrationBuilder.DropIndex(
                name: "IX_observations_site_id_parameter_code_period_data_time",
                table: "observations");

            migrationBuilder.AddColumn<string>(
                name: "cn",
                table: "observations",
                type: "character varying(8)",
                maxLength: 8,
                nullable: false,
                defaultValue: "");

            foreach (var sql in MeasurementKeyData.DownSql())
                migrationBuilder.Sql(sql);

            migrationBuilder.DropColumn(
                name: "import_log_id",
                table: "observations");

            migrationBuilder.DropColumn(
                name: "source_row",
                table: "observations");

            migrationBuilder.DropColumn(
                name: "unit",
                table: "observations");

            migrationBuilder.AlterColumn<string>(
                name: "period",
                table: "observations",
                type: "character varying(8)",
                maxLength: 8,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(16)",
                oldMaxLength: 16);

            migrationBuilder.AlterColumn<string>(
                name: "mn",
                table: "observations",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "character varying(64)",
                oldMaxLength: 64,
                oldNullable: true);


            migrationBuilder.CreateIndex(
                name: "IX_observations_mn_cn_data_time_parameter_code",
                table: "observations",
                columns: new[] { "mn", "cn", "data_time", "parameter_code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_observations_site_id_parameter_code_period_data_time",
                table: "observations",
                columns: new[] { "site_id", "parameter_code", "period", "data_time" });
        }
    }
}
