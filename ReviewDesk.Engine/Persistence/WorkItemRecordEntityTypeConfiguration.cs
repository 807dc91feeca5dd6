using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ReviewDesk.Engine.Persistence;

internal sealed class WorkItemRecordEntityTypeConfiguration : IEntityTypeConfiguration<WorkItemRecord>
{
    public void Configure(EntityTypeBuilder<WorkItemRecord> builder)
    {
        builder.ToTable("WorkItems");
        builder.Property(w => w.TraceParent).HasMaxLength(55);
        builder.HasIndex(w => w.DueAt);
        builder.HasIndex(w => w.InstanceId);
        builder.HasIndex(w => w.LeaseOwner);
        builder.HasIndex(w => w.BookmarkId);
    }
}
