using Pathavana.Platform.Hosting;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pathavana.Platform.Data;
using Pathavana.Platform.Security.Encryption;

namespace Pathavana.Audit;

/// <summary>The audit chain's key and checkpoints (section <c>Audit</c>).</summary>
internal sealed class AuditOptions
{
    public const string Section = "Audit";

    /// <summary>
    /// The HMAC key of the chain, base64 (at least 32 bytes), kept outside the database. Empty: a key
    /// derived (HKDF) from the active encryption master key, which is outside the database too.
    /// </summary>
    public string? ChainKey { get; set; }

    /// <summary>The id stored with each record hashed by <see cref="ChainKey"/>.</summary>
    public string ChainKeyId { get; set; } = "a1";

    /// <summary>Earlier chain keys by id, still needed to verify the records they hashed.</summary>
    public Dictionary<string, string> PreviousChainKeys { get; set; } = [];

    /// <summary>Where signed checkpoints go: <c>File</c> (default, <see cref="CheckpointDirectory"/>) or <c>S3</c> (<see cref="S3"/>).</summary>
    public AuditCheckpointStoreKind CheckpointStore { get; set; } = AuditCheckpointStoreKind.File;

    /// <summary>
    /// With the file store, where signed checkpoints of the chain's head are written, one JSON file
    /// each (a mounted bucket or WORM volume in production). Default: <c>audit-checkpoints</c> in the data directory.
    /// </summary>
    public string? CheckpointDirectory { get; set; }

    /// <summary>With <c>CheckpointStore=S3</c>: the bucket and how to reach it.</summary>
    public AuditS3Options S3 { get; set; } = new();

    /// <summary>How often each replica writes a checkpoint when the chain has grown. 0 turns the writer off.</summary>
    public int CheckpointIntervalSeconds { get; set; } = 60;

    /// <summary>
    /// How many records of reads (personal data shown) may wait to be appended to the chain (default 10,000,
    /// about 2 MB); when full, reads wait for room rather than drop a record.
    /// </summary>
    public int ReadQueueCapacity { get; set; } = 10_000;
}

/// <summary>The chain keys: the active one for new records, and every known one for verification.</summary>
internal sealed class AuditKeys
{
    private const string DerivationPurpose = "pathavana/audit-chain/v1";
    private readonly Dictionary<string, byte[]> _configured = new(StringComparer.Ordinal);
    private readonly IKeyWrapper _wrapper;

    public AuditKeys(IOptions<AuditOptions> options, IKeyWrapper wrapper)
    {
        _wrapper = wrapper;
        var o = options.Value;
        if (!string.IsNullOrWhiteSpace(o.ChainKey))
        {
            _configured[o.ChainKeyId] = Decode("Audit__ChainKey", o.ChainKey);
            foreach (var (id, key) in o.PreviousChainKeys)
            {
                _configured.TryAdd(id, Decode($"Audit__PreviousChainKeys__{id}", key));
            }
            ActiveId = o.ChainKeyId;
        }
        else
        {
            ActiveId = "m:" + wrapper.ActiveKeyId;
        }
    }

    public string ActiveId { get; }

    public byte[] Active => Find(ActiveId) ?? throw new CryptographicException($"The audit chain key '{ActiveId}' is not available.");

    /// <summary>The key with this id, or null when it is not configured here.</summary>
    public byte[]? Find(string id)
    {
        if (_configured.TryGetValue(id, out var key))
        {
            return key;
        }
        return id.StartsWith("m:", StringComparison.Ordinal) && _wrapper is LocalKeyWrapper local
            ? local.DeriveKey(id[2..], DerivationPurpose)
            : null;
    }

    private static byte[] Decode(string setting, string base64)
    {
        try
        {
            var key = Convert.FromBase64String(base64);
            if (key.Length >= 32)
            {
                return key;
            }
        }
        catch (FormatException)
        {
            // Reported below.
        }
        throw new OptionsValidationException(setting, typeof(AuditOptions), [$"{setting} must be at least 32 bytes in base64 (openssl rand -base64 32)."]);
    }
}

/// <summary>A signed statement of the chain's head: "the log had <see cref="Sequence"/> records, the last hashed <see cref="Hash"/>".</summary>
internal sealed record AuditCheckpoint(long Sequence, string Hash, DateTimeOffset At, string KeyId, string Signature)
{
    public static string Sign(byte[] key, long sequence, string hash, DateTimeOffset at, string keyId) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(
            string.Join('\n', "pathavana audit checkpoint v1", sequence.ToString(CultureInfo.InvariantCulture), hash,
                at.UtcTicks.ToString(CultureInfo.InvariantCulture), keyId))));

    public bool IsValid(AuditKeys keys) =>
        keys.Find(KeyId) is { } key
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(key, Sequence, Hash, At, KeyId)), Encoding.ASCII.GetBytes(Signature));
}

/// <summary>
/// Writes checkpoints of the chain's head outside the database: a log line (shipped with the logs)
/// and a JSON document in the <see cref="IAuditCheckpointStore"/> (a folder or an S3 bucket).
/// <c>pathavana audit verify</c> reads the newest: a log that ends before it, or disagrees with it, was cut.
/// </summary>
internal sealed partial class AuditCheckpoints(
    IServiceScopeFactory scopes, AuditKeys keys, IAuditCheckpointStore store, TimeProvider clock, ILogger<AuditCheckpoints> logger)
{
    private long _lastWritten;

    /// <summary>Where the checkpoints are (a folder, or <c>s3://bucket/prefix</c>).</summary>
    public string Location => store.Location;

    /// <summary>The file or object name of the checkpoint at a sequence; zero-padded, so ordinal order is chain order.</summary>
    public static string NameOf(long sequence) => $"checkpoint-{sequence:D12}.json";

    /// <summary>Writes a checkpoint of the current head if it moved since the last one; returns it (null for an empty log).</summary>
    public async Task<AuditCheckpoint?> WriteAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PathavanaDbContext>();
        var head = await db.AuditLogs.AsNoTracking().OrderByDescending(a => a.Sequence)
            .Select(a => new { a.Sequence, a.Hash }).FirstOrDefaultAsync(ct);
        if (head is null)
        {
            return null;
        }
        var at = clock.GetUtcNow();
        var checkpoint = new AuditCheckpoint(head.Sequence, head.Hash, at, keys.ActiveId, AuditCheckpoint.Sign(keys.Active, head.Sequence, head.Hash, at, keys.ActiveId));
        if (Interlocked.Read(ref _lastWritten) == head.Sequence)
        {
            return checkpoint;
        }
        LogCheckpoint(logger, checkpoint.Sequence, checkpoint.Hash, checkpoint.KeyId, checkpoint.Signature);
        await store.PutAsync(NameOf(head.Sequence), JsonSerializer.Serialize(checkpoint, JsonSerializerOptions.Web), ct);
        Interlocked.Exchange(ref _lastWritten, head.Sequence);
        return checkpoint;
    }

    /// <summary>
    /// The newest checkpoint whose signature holds (and whose name matches its sequence), and how
    /// many newer ones were unreadable, forged or renamed.
    /// </summary>
    public async Task<(AuditCheckpoint? Latest, int Rejected)> ReadLatestAsync(CancellationToken ct)
    {
        var rejected = 0;
        foreach (var name in (await store.ListAsync(ct)).OrderDescending(StringComparer.Ordinal))
        {
            AuditCheckpoint? checkpoint = null;
            try
            {
                checkpoint = await store.GetAsync(name, ct) is { } json ? JsonSerializer.Deserialize<AuditCheckpoint>(json, JsonSerializerOptions.Web) : null;
            }
            catch (JsonException)
            {
                // Counted below.
            }
            if (checkpoint is null || NameOf(checkpoint.Sequence) != name || !checkpoint.IsValid(keys))
            {
                rejected++;
                continue;
            }
            return (checkpoint, rejected);
        }
        return (null, rejected);
    }

    [LoggerMessage(EventId = 7001, Level = LogLevel.Information,
        Message = "Audit checkpoint: sequence {AuditSequence}, head {AuditHash}, key {AuditKeyId}, signature {AuditSignature}")]
    private static partial void LogCheckpoint(ILogger logger, long auditSequence, string auditHash, string auditKeyId, string auditSignature);
}

/// <summary>Each replica writes a checkpoint every <see cref="AuditOptions.CheckpointIntervalSeconds"/> while the chain grows.</summary>
internal sealed partial class AuditCheckpointWriter(AuditCheckpoints checkpoints, IOptions<AuditOptions> options, TimeProvider clock,
    ILogger<AuditCheckpointWriter> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.CheckpointIntervalSeconds;
        if (interval <= 0)
        {
            return;
        }
        await Periodic.RunAsync(TimeSpan.FromSeconds(interval), clock, runAtStart: false, checkpoints.WriteAsync, ex => LogFailed(logger, ex), stoppingToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The audit checkpoint could not be written; the next tick tries again")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
