using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ReviewDesk.Workflows.Notifications;

internal sealed class NotificationDeliveryRecordEntityTypeConfiguration : IEntityTypeConfiguration<NotificationDeliveryRecord>
{
    public void Configure(EntityTypeBuilder<NotificationDeliveryRecord> builder)
    {
        builder.ToTable("NotificationDeliveries");
        builder.HasKey(d => d.MessageId);
        builder.Property(d => d.MessageId).HasMaxLength(64);
        builder.Property(d => d.TicketId).HasMaxLength(64);
        builder.Property(d => d.InstanceId).HasMaxLength(64);
        builder.Property(d => d.NodeId).HasMaxLength(100);
        builder.Property(d => d.Template).HasMaxLength(32);
        builder.Property(d => d.Channel).HasMaxLength(16);
        builder.Property(d => d.Recipient).HasMaxLength(320);
        builder.HasIndex(d => new { d.TicketId, d.SentAt });
    }
}
