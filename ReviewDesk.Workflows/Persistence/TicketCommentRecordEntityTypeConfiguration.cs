using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ReviewDesk.Workflows.Persistence;

internal sealed class TicketCommentRecordEntityTypeConfiguration : IEntityTypeConfiguration<TicketCommentRecord>
{
    public void Configure(EntityTypeBuilder<TicketCommentRecord> builder)
    {
        builder.ToTable("TicketComments");
        builder.Property(c => c.TicketId).HasMaxLength(64);
        builder.Property(c => c.Author).HasMaxLength(200);
        builder.Property(c => c.Kind).HasMaxLength(16);
        builder.Property(c => c.Text).HasMaxLength(4000);
        builder.Property(c => c.RequestId).HasMaxLength(200);
        builder.HasIndex(c => new { c.TicketId, c.Id });
        // Several NULL request ids are allowed; a repeated one is the same comment.
        builder.HasIndex(c => new { c.TicketId, c.RequestId }).IsUnique();
        builder.HasOne<TicketRecord>().WithMany().HasForeignKey(c => c.TicketId).OnDelete(DeleteBehavior.Cascade);
    }
}
