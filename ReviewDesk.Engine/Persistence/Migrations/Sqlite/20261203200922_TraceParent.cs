using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReviewDesk.Engine.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TraceParent : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "TraceParent",
                table: "WorkItems",
                type: "TEXT",
                maxLength: 55,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TraceParent",
                table: "ResumeRequests",
                type: "TEXT",
                maxLength: 55,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TraceParent",
                table: "Bookmarks",
                type: "TEXT",
                maxLength: 55,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "TraceParent",
                table: "WorkItems");

            migrationBuilder.DropColumn(
                name: "TraceParent",
                table: "ResumeRequests");

            migrationBuilder.DropColumn(
                name: "TraceParent",
                table: "Bookmarks");
        }
    }
}
