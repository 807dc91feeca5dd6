using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ReviewDesk.Workflows.Persistence;

internal sealed class AuditEntryRecordEntityTypeConfiguration : IEntityTypeConfiguration<AuditEntryRecord>
{
    public void Configure(EntityTypeBuilder<AuditEntryRecord> builder)
    {
        builder.ToTable("AuditEntries");
        builder.Property(a => a.Actor).HasMaxLength(200);
        builder.Property(a => a.Action).HasMaxLength(64);
        builder.Property(a => a.TicketId).HasMaxLength(64);
        builder.Property(a => a.Target).HasMaxLength(200);
        builder.Property(a => a.Key).HasMaxLength(300);
        // Newest first, alone or within one action or one ticket. No foreign key: the trail outlives what it describes.
        builder.HasIndex(a => new { a.At, a.Id });
        builder.HasIndex(a => new { a.Action, a.At });
        builder.HasIndex(a => new { a.TicketId, a.At });
        builder.HasIndex(a => a.Key).IsUnique();
    }
}
