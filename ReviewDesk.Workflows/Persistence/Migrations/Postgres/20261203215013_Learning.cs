using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ReviewDesk.Workflows.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Learning : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "LabelledExamples",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TicketId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Subject = table.Column<string>(type: "text", nullable: false),
                    Body = table.Column<string>(type: "text", nullable: false),
                    Category = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Priority = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    Sentiment = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Language = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Reviewer = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    AiCategory = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    AiPriority = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    AiConfidence = table.Column<double>(type: "double precision", nullable: true),
                    CategoryCorrect = table.Column<bool>(type: "boolean", nullable: false),
                    PriorityCorrect = table.Column<bool>(type: "boolean", nullable: false),
                    Provider = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ModelVersion = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    DecidedAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LabelledExamples", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ModelVersions",
                columns: table => new
                {
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Model = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    Shadow = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Trigger = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false),
                    TrainingTickets = table.Column<int>(type: "integer", nullable: false),
                    ReviewerExamples = table.Column<int>(type: "integer", nullable: false),
                    LastExampleId = table.Column<long>(type: "bigint", nullable: false),
                    HeldOutTickets = table.Column<int>(type: "integer", nullable: false),
                    Accuracy = table.Column<double>(type: "double precision", nullable: false),
                    MacroF1 = table.Column<double>(type: "double precision", nullable: false),
                    PriorityAccuracy = table.Column<double>(type: "double precision", nullable: false),
                    BaselineVersion = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    BaselineAccuracy = table.Column<double>(type: "double precision", nullable: false),
                    BaselineMacroF1 = table.Column<double>(type: "double precision", nullable: false),
                    BaselinePriorityAccuracy = table.Column<double>(type: "double precision", nullable: false),
                    Evaluation = table.Column<string>(type: "text", nullable: false),
                    ModelData = table.Column<byte[]>(type: "bytea", nullable: false),
                    Metadata = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ModelVersions", x => x.Number);
                });

            migrationBuilder.CreateTable(
                name: "ShadowClassifications",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TicketId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Shadow = table.Column<string>(type: "character varying(140)", maxLength: 140, nullable: false),
                    Category = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Priority = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    Confidence = table.Column<double>(type: "double precision", nullable: false),
                    At = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ShadowClassifications", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_LabelledExamples_ModelVersion_Id",
                table: "LabelledExamples",
                columns: new[] { "ModelVersion", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_LabelledExamples_TicketId",
                table: "LabelledExamples",
                column: "TicketId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ModelVersions_Status",
                table: "ModelVersions",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_ModelVersions_Version",
                table: "ModelVersions",
                column: "Version",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ShadowClassifications_Shadow_Id",
                table: "ShadowClassifications",
                columns: new[] { "Shadow", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_ShadowClassifications_TicketId_Shadow",
                table: "ShadowClassifications",
                columns: new[] { "TicketId", "Shadow" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "LabelledExamples");

            migrationBuilder.DropTable(
                name: "ModelVersions");

            migrationBuilder.DropTable(
                name: "ShadowClassifications");
        }
    }
}
