using AudioPortal.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AudioPortal.Core.Accounts;

/// <summary>
/// One refresh token of a sign-in "family" (all tokens descended from one <c>POST /auth/token</c>). Stored as a
/// SHA-256 hash. Each is good for one use; presenting a used one again means it was stolen, so the family dies.
/// </summary>
public sealed class RefreshToken : IAccountOwned
{
    public string Id { get; set; } = Ids.New("rtk");

    public string AccountId { get; set; } = "";

    public string FamilyId { get; set; } = "";

    public string Hash { get; set; } = "";

    /// <summary>
    /// SHA-256 of the account's security stamp when the token was issued: a token is good only while the stamp is
    /// unchanged (a reset, a new password, signing out everywhere or a deletion changes it).
    /// </summary>
    public string StampHash { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>When it was exchanged for a new pair; a second exchange is reuse.</summary>
    public DateTimeOffset? UsedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}

internal sealed class RefreshTokenConfiguration : IEntityTypeConfiguration<RefreshToken>
{
    public void Configure(EntityTypeBuilder<RefreshToken> builder)
    {
        builder.ToTable("RefreshTokens");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).HasMaxLength(40);
        builder.Property(t => t.AccountId).HasMaxLength(40).IsRequired();
        builder.Property(t => t.FamilyId).HasMaxLength(40).IsRequired();
        builder.Property(t => t.Hash).HasMaxLength(64).IsRequired();
        builder.Property(t => t.StampHash).HasMaxLength(64).IsRequired();
        builder.HasIndex(t => t.Hash).IsUnique();
        builder.HasIndex(t => t.FamilyId);
        builder.HasOne<Account>().WithMany().HasForeignKey(t => t.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}
