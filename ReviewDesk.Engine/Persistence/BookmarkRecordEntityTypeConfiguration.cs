using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ReviewDesk.Engine.Persistence;

internal sealed class BookmarkRecordEntityTypeConfiguration : IEntityTypeConfiguration<BookmarkRecord>
{
    public void Configure(EntityTypeBuilder<BookmarkRecord> builder)
    {
        builder.ToTable("Bookmarks");
        builder.Property(b => b.Id).HasMaxLength(64);
        builder.Property(b => b.TraceParent).HasMaxLength(55);
        builder.HasIndex(b => new { b.InstanceId, b.Kind });
        builder.HasIndex(b => new { b.BusinessKey, b.Kind });
        builder.HasIndex(b => new { b.Kind, b.Deadline });
    }
}
