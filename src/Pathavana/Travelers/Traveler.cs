using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pathavana.Accounts;
using Pathavana.Platform.Data;

namespace Pathavana.Travelers;

/// <summary>
/// A person a user books for. The PII columns are text so that they can hold the
/// application-level ciphertext; never log their values.
/// </summary>
internal sealed class Traveler : IHasTimestamps
{
    public Guid Id { get; set; }
    public Guid OwnerId { get; set; }

    public required string GivenNames { get; set; }
    public required string Surname { get; set; }
    public string? DateOfBirth { get; set; }
    public string? Gender { get; set; }
    public string? Nationality { get; set; }
    public string? PassportNumber { get; set; }
    public string? PassportIssuingCountry { get; set; }
    public string? PassportExpiry { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public string? LoyaltyNumbers { get; set; }
    public string? SeatPreference { get; set; }
    public string? MealPreference { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class TravelerConfiguration : IEntityTypeConfiguration<Traveler>
{
    public void Configure(EntityTypeBuilder<Traveler> builder)
    {
        builder.ToTable("travelers");
        builder.HasKey(t => t.Id);
        builder.HasOne<User>().WithMany().HasForeignKey(t => t.OwnerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(t => t.OwnerId);
    }
}
