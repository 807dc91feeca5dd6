using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ReviewDesk.Engine.Persistence;
using ReviewDesk.Workflows.Persistence;

namespace ReviewDesk.Web.Identity;

internal sealed class ApiKeyRecordEntityTypeConfiguration : IEntityTypeConfiguration<ApiKeyRecord>
{
    public void Configure(EntityTypeBuilder<ApiKeyRecord> builder)
    {
        builder.ToTable("ApiKeys");
        builder.Property(k => k.Name).HasMaxLength(100);
        builder.Property(k => k.KeyHash).HasMaxLength(64);
        builder.Property(k => k.Prefix).HasMaxLength(16);
        builder.Property(k => k.Roles).HasMaxLength(200);
        builder.Property(k => k.CreatedBy).HasMaxLength(256);
        builder.Property(k => k.RevokedBy).HasMaxLength(256);
        // Times as Unix milliseconds, like the application's own tables (sortable in SQLite).
        builder.Property(k => k.CreatedAt).HasConversion<DateTimeOffsetToMillisecondsConverter>();
        builder.Property(k => k.RevokedAt).HasConversion<DateTimeOffsetToMillisecondsConverter>();
        builder.HasIndex(k => k.KeyHash).IsUnique();
        builder.HasIndex(k => k.Name);
    }
}
