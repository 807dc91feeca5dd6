using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ReviewDesk.Workflows.Notifications;

internal sealed class NotificationPreferenceRecordEntityTypeConfiguration : IEntityTypeConfiguration<NotificationPreferenceRecord>
{
    public void Configure(EntityTypeBuilder<NotificationPreferenceRecord> builder)
    {
        builder.ToTable("NotificationPreferences");
        builder.HasKey(p => p.UserName);
        builder.Property(p => p.UserName).HasMaxLength(256);
        builder.Property(p => p.Mode).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.Categories).HasMaxLength(1000);
        builder.Property(p => p.Priorities).HasMaxLength(100);
        builder.Property(p => p.Variants).HasMaxLength(1000);
    }
}
