using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Pathavana.Accounts;

/// <summary>The two roles exist in every database from its first migration.</summary>
internal sealed class RoleConfiguration : IEntityTypeConfiguration<Role>
{
    public static readonly Guid UserRoleId = new("0195a7c0-0000-7000-8000-000000000001");
    public static readonly Guid AdminRoleId = new("0195a7c0-0000-7000-8000-000000000002");

    public void Configure(EntityTypeBuilder<Role> builder) => builder.HasData(
        new Role { Id = UserRoleId, Name = Role.UserRole, NormalizedName = "USER", ConcurrencyStamp = "role-user" },
        new Role { Id = AdminRoleId, Name = Role.AdminRole, NormalizedName = "ADMIN", ConcurrencyStamp = "role-admin" });
}
