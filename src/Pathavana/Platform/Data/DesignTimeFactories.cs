using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Pathavana.Platform.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build each provider's context without a running host.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqlitePathavanaDbContext>
{
    public SqlitePathavanaDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlitePathavanaDbContext>()
            .UseSqlite("Data Source=design-time.db")
            .UseSnakeCaseNamingConvention()
            .Options, TimeProvider.System);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresPathavanaDbContext>
{
    public PostgresPathavanaDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresPathavanaDbContext>()
            .UseNpgsql("Host=localhost;Database=pathavana_design")
            .UseSnakeCaseNamingConvention()
            .Options, TimeProvider.System);
}
