using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReviewDesk.Engine.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ExecutionsFinishedAt : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Executions_FinishedAt",
                table: "Executions",
                column: "FinishedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Executions_FinishedAt",
                table: "Executions");
        }
    }
}
