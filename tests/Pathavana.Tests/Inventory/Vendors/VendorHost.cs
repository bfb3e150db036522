using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pathavana.Bookings.Amadeus;
using Pathavana.Inventory;
using Pathavana.Inventory.Amadeus;
using Pathavana.Inventory.GoogleMaps;
using Pathavana.Tests.Infrastructure;
using WireMock.Logging;
using WireMock.Server;
using WireMock.Settings;

namespace Pathavana.Tests.Inventory.Vendors;

/// <summary>
/// The vendor adapters wired exactly as the app wires them (AddAmadeus, AddGoogleMaps and the
/// Bookings module's AddAmadeusBookings on a WebApplicationBuilder, real HybridCache, real
/// resilience handlers), pointed at a WireMock fake
/// on 127.0.0.1 that answers with the vendors' documented JSON from Fixtures/.
/// </summary>
internal sealed class VendorHost : IAsyncDisposable
{
    public const string ClientId = "test-client-id";
    public const string ClientSecret = "s3cret-never-logged";
    public const string GoogleKey = "AIzaTestKeyNeverLogged";

    private VendorHost(WireMockServer fake, WebApplication app, TestGazetteer gazetteer)
    {
        Fake = fake;
        App = app;
        Gazetteer = gazetteer;
    }

    public WireMockServer Fake { get; }

    public WebApplication App { get; }

    public TestGazetteer Gazetteer { get; }

    public IServiceProvider Services => App.Services;

    public IFlightProvider Flights => Services.GetRequiredService<IFlightProvider>();

    public IHotelProvider Hotels => Services.GetRequiredService<IHotelProvider>();

    public IActivityProvider Activities => Services.GetRequiredService<IActivityProvider>();

    public ILocationSearch Locations => Services.GetRequiredService<ILocationSearch>();

    public IGeocoder Geocoder => Services.GetRequiredService<IGeocoder>();

    public FakeLogCollector Logs => Services.GetFakeLogCollector();

    /// <summary>Amadeus and Google both configured against the fake.</summary>
    public static VendorHost Start(
        Action<Dictionary<string, string?>>? settings = null,
        TimeProvider? clock = null,
        ILocationDirectory? directory = null,
        bool amadeus = true,
        bool google = true,
        Microsoft.Extensions.Caching.Distributed.IDistributedCache? sharedCache = null)
    {
        var fake = WireMockServer.Start(new WireMockServerSettings { Urls = [$"http://127.0.0.1:{ExternalProcess.FreePort()}"] });
        var values = new Dictionary<string, string?>();
        if (amadeus)
        {
            values["Amadeus:ClientId"] = ClientId;
            values["Amadeus:ClientSecret"] = ClientSecret;
            values["Amadeus:BaseUrl"] = fake.Url;
            // A safety net for a loaded machine, not an expectation of speed (time-outs are tested with their own settings).
            values["Amadeus:TimeoutSeconds"] = "120";
            values["Amadeus:MaxRetryAfterWaitSeconds"] = "2";
        }
        if (google)
        {
            values["GoogleMaps:ApiKey"] = GoogleKey;
            values["GoogleMaps:BaseUrl"] = fake.Url;
            values["GoogleMaps:TimeoutSeconds"] = "60";
        }
        settings?.Invoke(values);
        try
        {
            return new VendorHost(fake, Build(values, clock, directory, out var gazetteer, sharedCache), gazetteer);
        }
        catch
        {
            fake.Stop();
            fake.Dispose();
            throw;
        }
    }

    /// <summary>The host as the app composes it: adapters first, then the offline defaults with TryAdd.</summary>
    public static WebApplication Build(
        IDictionary<string, string?> settings,
        TimeProvider? clock,
        ILocationDirectory? directory,
        out TestGazetteer gazetteer,
        Microsoft.Extensions.Caching.Distributed.IDistributedCache? sharedCache = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Trace);
        builder.Logging.AddFakeLogging();
        if (clock is not null)
        {
            builder.Services.AddSingleton(clock);
        }
        if (sharedCache is not null)
        {
            // What Redis is in production: the second level every replica shares.
            builder.Services.AddSingleton(sharedCache);
        }
        builder.Services.AddHybridCache();
        builder.Services.AddSingleton(directory ?? new TestLocationDirectory());

        builder.AddAmadeus();
        builder.AddGoogleMaps();
        // What the Bookings module adds for a configured vendor: its order client and booking provider.
        builder.AddAmadeusBookings();

        // What the inventory-core module registers after the adapters: the offline defaults.
        var theGazetteer = new TestGazetteer();
        builder.Services.AddKeyedSingleton<IGeocoder>(Sources.Gazetteer, theGazetteer);
        Microsoft.Extensions.DependencyInjection.Extensions.ServiceCollectionDescriptorExtensions.TryAddSingleton<IGeocoder>(
            builder.Services, theGazetteer);

        var app = builder.Build();
        app.Services.GetRequiredService<IStartupValidator>().Validate();
        gazetteer = theGazetteer;
        return app;
    }

    public static string Fixture(string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Inventory", "Vendors", "Fixtures", name));

    /// <summary>Requests the fake received on a path.</summary>
    public IReadOnlyList<ILogEntry> Requests(string path) =>
        Fake.LogEntries.Where(e => e.RequestMessage?.Path == path).ToList();

    public static string? Header(ILogEntry entry, string name) =>
        entry.RequestMessage?.Headers is { } headers && headers.TryGetValue(name, out var values) ? values.FirstOrDefault() : null;

    /// <summary>A query parameter as sent (WireMock splits comma lists; they are joined back).</summary>
    public static string? Query(ILogEntry entry, string name) =>
        entry.RequestMessage?.Query is { } query && query.TryGetValue(name, out var values) ? string.Join(",", values) : null;

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        Fake.Stop();
        Fake.Dispose();
    }
}

/// <summary>A few airports with their IANA zones, standing in for the bundled reference data.</summary>
internal sealed class TestLocationDirectory(params string[] without) : ILocationDirectory
{
    private static readonly Location[] Airports =
    [
        Airport("BOS", "Boston Logan International", "Boston", "US", 42.3656, -71.0096, "America/New_York"),
        Airport("LGA", "LaGuardia", "New York", "US", 40.7769, -73.8740, "America/New_York", "NYC"),
        Airport("JFK", "John F. Kennedy International", "New York", "US", 40.6413, -73.7781, "America/New_York", "NYC"),
        Airport("MAD", "Adolfo Suárez Madrid–Barajas", "Madrid", "ES", 40.4983, -3.5676, "Europe/Madrid"),
        Airport("AMS", "Amsterdam Schiphol", "Amsterdam", "NL", 52.3105, 4.7683, "Europe/Amsterdam"),
        Airport("SYD", "Sydney Kingsford Smith", "Sydney", "AU", -33.9399, 151.1753, "Australia/Sydney"),
        Airport("MNL", "Ninoy Aquino International", "Manila", "PH", 14.5086, 121.0194, "Asia/Manila"),
        Airport("BKK", "Suvarnabhumi", "Bangkok", "TH", 13.6900, 100.7501, "Asia/Bangkok"),
        Airport("MUC", "Munich Franz Josef Strauss", "Munich", "DE", 48.3538, 11.7861, "Europe/Berlin"),
    ];

    private readonly Dictionary<string, Location> _byCode = Airports
        .Where(l => !without.Contains(l.Code))
        .ToDictionary(l => l.Code, StringComparer.OrdinalIgnoreCase);

    public Location? Find(string code) => _byCode.GetValueOrDefault(code);

    public IReadOnlyList<Location> Search(string text, int limit = 10) =>
        _byCode.Values.Where(l => l.Code.StartsWith(text, StringComparison.OrdinalIgnoreCase)
            || l.City.StartsWith(text, StringComparison.OrdinalIgnoreCase)).Take(limit).ToList();

    public IReadOnlyList<Location> AirportsFor(string code) => Find(code) is { } l ? [l] : [];

    public string? AirlineName(string code) => null;

    public IReadOnlyCollection<Location> All => _byCode.Values;

    public IReadOnlyDictionary<string, string> Airlines { get; } = new Dictionary<string, string>();

    private static Location Airport(string code, string name, string city, string country, double lat, double lon, string zone, string? metro = null) =>
        new(code, LocationKind.Airport, name, city, country, new GeoPoint(lat, lon), zone, metro);
}

/// <summary>Stands in for the bundled gazetteer; counts its calls so fallbacks can be seen.</summary>
internal sealed class TestGazetteer : IGeocoder
{
    private int _calls;

    public int Calls => _calls;

    public Task<IReadOnlyList<Place>> GeocodeAsync(string text, GeoPoint? near, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        IReadOnlyList<Place> places = [new Place("Eiffel Tower", "Champ de Mars, Paris", new GeoPoint(48.8584, 2.2945), "PAR", Sources.Gazetteer)];
        return Task.FromResult(places);
    }
}

/// <summary>
/// A second-level cache two hosts share, standing in for Redis. (HybridCache ignores a plain
/// MemoryDistributedCache as L2, so this wraps one.)
/// </summary>
internal sealed class SharedDistributedCache : Microsoft.Extensions.Caching.Distributed.IDistributedCache
{
    private readonly Microsoft.Extensions.Caching.Distributed.MemoryDistributedCache _inner =
        new(Options.Create(new Microsoft.Extensions.Caching.Memory.MemoryDistributedCacheOptions()));

    public byte[]? Get(string key) => _inner.Get(key);

    public Task<byte[]?> GetAsync(string key, CancellationToken token = default) => _inner.GetAsync(key, token);

    public void Set(string key, byte[] value, Microsoft.Extensions.Caching.Distributed.DistributedCacheEntryOptions options) => _inner.Set(key, value, options);

    public Task SetAsync(string key, byte[] value, Microsoft.Extensions.Caching.Distributed.DistributedCacheEntryOptions options, CancellationToken token = default) =>
        _inner.SetAsync(key, value, options, token);

    public void Refresh(string key) => _inner.Refresh(key);

    public Task RefreshAsync(string key, CancellationToken token = default) => _inner.RefreshAsync(key, token);

    public void Remove(string key) => _inner.Remove(key);

    public Task RemoveAsync(string key, CancellationToken token = default) => _inner.RemoveAsync(key, token);
}
