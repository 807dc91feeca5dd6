using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ReviewDesk.Engine.Persistence;

internal sealed class JournalEntryRecordEntityTypeConfiguration : IEntityTypeConfiguration<JournalEntryRecord>
{
    public void Configure(EntityTypeBuilder<JournalEntryRecord> builder)
    {
        builder.ToTable("Journal");
        // Written three rows a step: one key and no other index, and no AUTOINCREMENT bookkeeping.
        builder.HasKey(j => new { j.InstanceId, j.Sequence });
    }
}
