[assembly: AssemblyFixture(typeof(Pathavana.E2E.Infrastructure.EmbeddedApp))]

namespace Pathavana.E2E.Infrastructure;

/// <summary>The app on its embedded default (SQLite, in-process cache, offline inventory), one for the run.</summary>
public sealed class EmbeddedApp : IAsyncLifetime
{
    private AppProcess? _app;

    public AppProcess App => _app ?? throw new InvalidOperationException("The app did not start.");

    public async ValueTask InitializeAsync() => _app = await AppProcess.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
