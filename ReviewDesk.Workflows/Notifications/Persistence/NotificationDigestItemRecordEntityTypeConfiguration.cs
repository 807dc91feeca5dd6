using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ReviewDesk.Workflows.Notifications;

internal sealed class NotificationDigestItemRecordEntityTypeConfiguration : IEntityTypeConfiguration<NotificationDigestItemRecord>
{
    public void Configure(EntityTypeBuilder<NotificationDigestItemRecord> builder)
    {
        builder.ToTable("NotificationDigestItems");
        builder.Property(d => d.MessageId).HasMaxLength(64);
        builder.Property(d => d.UserName).HasMaxLength(256);
        builder.Property(d => d.Address).HasMaxLength(320);
        builder.Property(d => d.TicketId).HasMaxLength(64);
        builder.Property(d => d.Template).HasMaxLength(32);
        builder.Property(d => d.DigestId).HasMaxLength(64);
        builder.HasIndex(d => d.MessageId).IsUnique();
        // The digest sender reads what is pending, oldest first.
        builder.HasIndex(d => new { d.SentAt, d.Id });
    }
}
