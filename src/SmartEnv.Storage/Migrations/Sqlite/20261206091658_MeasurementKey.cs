using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmartEnv.Storage.Migrations.Sqlite
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
                name: "mn",
                table: "observations",
                type: "TEXT",
                maxLength: 64,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 64);

            migrationBuilder.AddColumn<long>(
                name: "import_log_id",
                table: "observations",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "source_row",
                table: "observations",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "unit",
                table: "observations",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            // Data: moving-mean codes → base code + period, duplicates under the new key, units, import provenance.
            foreach (var sql in MeasurementKeyData.UpSql(postgres: false))
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
            // SQLite drops the foreign key with the column (table rebuild): no DropForeignKey here.
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
                type: "TEXT",
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
                name: "mn",
                table: "observations",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "TEXT",
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
