using Pathavana.Platform.Data;
using Pathavana.Platform.Hosting;

namespace Pathavana.Operations;

internal static class ServeCommand
{
    public static async Task<int> RunAsync(string[] hostArgs, CancellationToken cancellationToken)
    {
        var app = PathavanaApp.Create(hostArgs);
        await app.Services.PrepareEmbeddedDatabaseAsync(cancellationToken);
        await app.RunAsync();
        return 0;
    }
}
