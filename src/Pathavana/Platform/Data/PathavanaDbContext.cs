using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Pathavana.Accounts;
using Pathavana.Assistant;
using Pathavana.Audit;
using Pathavana.Bookings;
using Pathavana.Travelers;

namespace Pathavana.Platform.Data;

/// <summary>
/// The one database. Each module owns its entities and their <see cref="IEntityTypeConfiguration{T}"/>;
/// provider-specific subclasses hold their own migrations.
/// </summary>
internal abstract class PathavanaDbContext(DbContextOptions options, TimeProvider clock)
    : IdentityDbContext<User, Role, Guid>(options), IDataProtectionKeyContext
{
    public TimeProvider Clock { get; } = clock;

    public DbSet<Traveler> Travelers => Set<Traveler>();
    public DbSet<Booking> Bookings => Set<Booking>();
    public DbSet<ChatSession> ChatSessions => Set<ChatSession>();
    public DbSet<ChatMessage> ChatMessages => Set<ChatMessage>();
    public DbSet<AuditLogEntry> AuditLogs => Set<AuditLogEntry>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<User>().ToTable("users");
        builder.Entity<Role>().ToTable("roles");
        builder.Entity<IdentityUserRole<Guid>>().ToTable("user_roles");
        builder.Entity<IdentityUserClaim<Guid>>().ToTable("user_claims");
        builder.Entity<IdentityUserLogin<Guid>>().ToTable("user_logins");
        builder.Entity<IdentityUserToken<Guid>>().ToTable("user_tokens");
        builder.Entity<IdentityRoleClaim<Guid>>().ToTable("role_claims");
        builder.Entity<DataProtectionKey>().ToTable("data_protection_keys");

        builder.ApplyConfigurationsFromAssembly(typeof(PathavanaDbContext).Assembly);

        foreach (var entity in builder.Model.GetEntityTypes())
        {
            var key = entity.FindPrimaryKey();
            if (key is { Properties: [{ ClrType: var type, Name: "Id" } id] } && type == typeof(Guid))
            {
                id.SetValueGeneratorFactory(typeof(UuidV7GeneratorFactory));
            }
        }
    }
}

internal sealed class SqlitePathavanaDbContext(DbContextOptions<SqlitePathavanaDbContext> options, TimeProvider clock)
    : PathavanaDbContext(options, clock)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no timestamp type: store UTC ticks so that ordering and comparison happen in SQL.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToTicksConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToTicksConverter>();
    }
}

internal sealed class PostgresPathavanaDbContext(DbContextOptions<PostgresPathavanaDbContext> options, TimeProvider clock)
    : PathavanaDbContext(options, clock);
