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
    /// <summary>
    /// A fresh browser context on the app. Requests to any other origin are refused and recorded,
    /// except to <paramref name="alsoAllowed"/> (a loopback stand-in for an internet service the
    /// configured app uses, such as Google's sign-in).
    /// </summary>
    public async Task<BrowserSession> NewSessionAsync(AppProcess app, int width = 1280, params string[] alsoAllowed)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = width < 600 ? 812 : 900 },
            Locale = "en-GB",
            TimezoneId = "Europe/Lisbon",
        });
        context.SetDefaultTimeout(SafetyNet);
        var page = await context.NewPageAsync();
        var session = new BrowserSession(context, page, width);
        // axe-core is put in every page by the browser itself: a <script> the test added would be
        // (rightly) refused by the Content-Security-Policy.
        await context.AddInitScriptAsync(Screens.AxeSource);
        // Content-Security-Policy violations, reported by the page as they happen.
        await context.ExposeBindingAsync("__pathavanaCspViolation", (BindingSource source, string violation) =>
        {
            session.CspViolations.Enqueue(violation);
        });
        await context.AddInitScriptAsync("""
            document.addEventListener('securitypolicyviolation', (e) =>
              window.__pathavanaCspViolation(`${e.effectiveDirective} refused ${e.blockedURI || '(inline)'} on ${e.documentURI} (${e.sourceFile || 'document'}:${e.lineNumber})`));
            """);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                session.ConsoleErrors.Enqueue($"{message.Text} (at {message.Location})");
            }
        };
        page.PageError += (_, error) => session.ConsoleErrors.Enqueue($"uncaught: {error}");
        // The app must make no request outside its own origin (no CDN, no map tiles by default).
        string[] allowed = [app.BaseAddress.ToString(), .. alsoAllowed];
        bool Allowed(string url) => allowed.Any(a => url.StartsWith(a, StringComparison.Ordinal));
        context.Request += (_, request) =>
        {
            if (!Allowed(request.Url) && !request.Url.StartsWith("data:", StringComparison.Ordinal)
                && !request.Url.StartsWith("blob:", StringComparison.Ordinal))
            {
                session.ForeignRequests.Add(request.Url);
            }
        };
        await context.RouteAsync(url => !Allowed(url), route => route.AbortAsync());
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

    /// <summary>What the Content-Security-Policy refused (directive, blocked URI, page), as the browser reported it.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> CspViolations { get; } = [];

    /// <summary>Console errors and uncaught exceptions of the page, with where they came from.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> ConsoleErrors { get; } = [];

    public async ValueTask DisposeAsync() => await context.DisposeAsync();
}
