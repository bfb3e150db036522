using Pathavana.Platform.Hosting;

namespace Pathavana.Operations;

internal static class ServeCommand
{
    public static async Task<int> RunAsync(string[] hostArgs, CancellationToken cancellationToken)
    {
        await using var app = PathavanaApp.Create(hostArgs);
        await app.RunAsync();
        return 0;
    }
}
