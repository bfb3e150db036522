using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(Pathavana.E2E.Infrastructure.BrowserFixture))]

namespace Pathavana.E2E.Infrastructure;

/// <summary>Debian's Chromium, launched once for the run. Playwright never downloads a browser here.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>How long any one wait may last before the test fails (not how long things should take).</summary>
    public const float SafetyNet = 180_000;

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("Chromium did not start.");

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"{ChromiumPath} is missing, and the end-to-end tests drive the real browser. Install it: apt-get install -y chromium (./test.sh does this when run as root).");
        }
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        // The tests wait on conditions (a heading shown, a URL reached); this is only the safety net
        // that ends a test that would otherwise wait for ever, sized for a machine under load.
        Assertions.SetDefaultExpectTimeout(SafetyNet);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
            ],
        });
    }

    /// <summary>A fresh browser profile (its own cookies) at a width; 1280 px desktop or 375 px phone.</summary>
    public async Task<BrowserSession> NewSessionAsync(AppProcess app, int width = 1280)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = width < 600 ? 812 : 900 },
            Locale = "en-GB",
            TimezoneId = "Europe/Lisbon",
        });
        context.SetDefaultTimeout(SafetyNet);
        var session = new BrowserSession(context, await context.NewPageAsync(), width);
        // The app must make no request outside its own origin (no CDN, no map tiles by default).
        var origin = app.BaseAddress.ToString();
        context.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(origin, StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal)
                && !request.Url.StartsWith("blob:", StringComparison.Ordinal))
            {
                session.ForeignRequests.Add(request.Url);
            }
        };
        await context.RouteAsync(url => !url.StartsWith(origin, StringComparison.Ordinal), route => route.AbortAsync());
        return session;
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
        _playwright?.Dispose();
    }
}

/// <summary>One browser profile and its page.</summary>
public sealed class BrowserSession(IBrowserContext context, IPage page, int width) : IAsyncDisposable
{
    public IPage Page { get; } = page;

    public int Width { get; } = width;

    public System.Collections.Concurrent.ConcurrentBag<string> ForeignRequests { get; } = [];

    public async ValueTask DisposeAsync() => await context.DisposeAsync();
}
