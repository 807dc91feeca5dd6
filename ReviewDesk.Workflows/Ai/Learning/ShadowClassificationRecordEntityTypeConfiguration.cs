using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ReviewDesk.Workflows.Ai.Learning;

internal sealed class ShadowClassificationRecordEntityTypeConfiguration : IEntityTypeConfiguration<ShadowClassificationRecord>
{
    public void Configure(EntityTypeBuilder<ShadowClassificationRecord> builder)
    {
        builder.ToTable("ShadowClassifications");
        builder.Property(s => s.TicketId).HasMaxLength(64);
        builder.Property(s => s.Shadow).HasMaxLength(140);
        builder.Property(s => s.Category).HasMaxLength(64);
        builder.Property(s => s.Priority).HasMaxLength(8);
        builder.HasIndex(s => new { s.TicketId, s.Shadow }).IsUnique();
        builder.HasIndex(s => new { s.Shadow, s.Id });
    }
}
