using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ReviewDesk.Workflows.Persistence;

internal sealed class JournalEntryRecordEntityTypeConfiguration : IEntityTypeConfiguration<JournalEntryRecord>
{
    public void Configure(EntityTypeBuilder<JournalEntryRecord> builder)
    {
        builder.ToTable("Journal");
        builder.HasIndex(j => new { j.InstanceId, j.Sequence }).IsUnique();
        builder.HasIndex(j => new { j.Type, j.At });
    }
}
