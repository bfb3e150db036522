using Microsoft.EntityFrameworkCore;
using Pathavana.Platform.Data;
using Pathavana.Platform.Hosting;

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
            return 0;
        }
        foreach (var name in pending)
        {
            Console.WriteLine($"pathavana migrate: applying {name}");
        }
        await db.Database.MigrateAsync(cancellationToken);
        Console.WriteLine($"pathavana migrate: applied {pending.Count} migration(s).");
        return 0;
    }
}
