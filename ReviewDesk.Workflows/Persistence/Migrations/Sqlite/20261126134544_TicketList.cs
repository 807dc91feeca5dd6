using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReviewDesk.Workflows.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TicketList : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Tickets_Status_CreatedAt",
                table: "Tickets");

            migrationBuilder.AddColumn<string>(
                name: "CurrentCategory",
                table: "Tickets",
                type: "TEXT",
                maxLength: 64,
                nullable: true,
                computedColumnSql: "COALESCE(\"FinalCategory\", \"AiCategory\")",
                stored: false);

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_List",
                table: "Tickets",
                columns: new[] { "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_List_Category",
                table: "Tickets",
                columns: new[] { "CurrentCategory", "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_List_Channel",
                table: "Tickets",
                columns: new[] { "Channel", "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_List_Queue",
                table: "Tickets",
                columns: new[] { "Queue", "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_List_Status",
                table: "Tickets",
                columns: new[] { "Status", "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_List_Variant",
                table: "Tickets",
                columns: new[] { "DefinitionId", "CreatedAt", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Tickets_List",
                table: "Tickets");

            migrationBuilder.DropIndex(
                name: "IX_Tickets_List_Category",
                table: "Tickets");

            migrationBuilder.DropIndex(
                name: "IX_Tickets_List_Channel",
                table: "Tickets");

            migrationBuilder.DropIndex(
                name: "IX_Tickets_List_Queue",
                table: "Tickets");

            migrationBuilder.DropIndex(
                name: "IX_Tickets_List_Status",
                table: "Tickets");

            migrationBuilder.DropIndex(
                name: "IX_Tickets_List_Variant",
                table: "Tickets");

            migrationBuilder.DropColumn(
                name: "CurrentCategory",
                table: "Tickets");

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_Status_CreatedAt",
                table: "Tickets",
                columns: new[] { "Status", "CreatedAt" });
        }
    }
}
