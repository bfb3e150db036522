using Microsoft.EntityFrameworkCore;
using Pathavana.Platform.Data;
using Pathavana.Platform.Hosting;
using Pathavana.Platform.Security;

namespace Pathavana.Operations;

/// <summary><c>pathavana migrate</c>: what the Kubernetes migration Job runs.</summary>
internal static class MigrateCommand
{
    public static async Task<int> RunAsync(string[] hostArgs, CancellationToken cancellationToken)
    {
        await using var app = PathavanaApp.Create(hostArgs);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PathavanaDbContext>();
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count == 0)
        {
            Console.WriteLine($"pathavana migrate: {db.Database.ProviderName} database is up to date.");
        }
        else
        {
            foreach (var name in pending)
            {
                Console.WriteLine($"pathavana migrate: applying {name}");
            }
            await db.Database.MigrateAsync(cancellationToken);
            Console.WriteLine($"pathavana migrate: applied {pending.Count} migration(s).");
        }
        if (db.Database.IsNpgsql())
        {
            // Run as the owner: the app's own role gets what it needs and cannot rewrite the audit log.
            var role = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DatabaseRoleOptions>>().Value;
            await DatabaseRole.GrantAsync(db, role, cancellationToken);
            if (!string.IsNullOrEmpty(role.AppRole))
            {
                Console.WriteLine($"pathavana migrate: role {role.AppRole} may read and write the tables, and only read and append audit_logs.");
            }
        }
        return 0;
    }
}
