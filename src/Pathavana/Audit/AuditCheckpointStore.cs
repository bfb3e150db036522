using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Options;

namespace Pathavana.Audit;

/// <summary>Where signed audit checkpoints are kept (<c>Audit__CheckpointStore</c>).</summary>
internal enum AuditCheckpointStoreKind
{
    /// <summary>JSON files in <see cref="AuditOptions.CheckpointDirectory"/> (a mounted bucket, or a local folder).</summary>
    File,

    /// <summary>Objects in an S3 or S3-compatible bucket (<see cref="AuditS3Options"/>).</summary>
    S3,
}

/// <summary>The bucket of the S3 checkpoint store (section <c>Audit:S3</c>).</summary>
internal sealed class AuditS3Options
{
    /// <summary>The bucket (the backups bucket; give it versioning and Object Lock, docs/security.md).</summary>
    public string? Bucket { get; set; }

    /// <summary>The key prefix of the checkpoint objects. Default <c>audit-checkpoints/</c>.</summary>
    public string Prefix { get; set; } = "audit-checkpoints/";

    /// <summary>The AWS region (e.g. <c>us-east-1</c>). Empty: the SDK's default (AWS_REGION, the instance's region).</summary>
    public string? Region { get; set; }

    /// <summary>An S3-compatible endpoint (MinIO, Ceph, R2…), e.g. <c>https://minio.internal:9000</c>. Empty: AWS S3.</summary>
    public string? ServiceUrl { get; set; }

    /// <summary>Path-style addressing (<c>https://host/bucket/key</c>), which most S3-compatible stores need.</summary>
    public bool ForcePathStyle { get; set; }

    /// <summary>
    /// Static credentials, for S3-compatible stores. Empty: the SDK's default chain (IRSA web identity
    /// in Kubernetes, AWS_ACCESS_KEY_ID…, the instance role).
    /// </summary>
    public string? AccessKeyId { get; set; }

    public string? SecretAccessKey { get; set; }
}

/// <summary>
/// Storage for signed checkpoints of the audit chain's head, outside the database. Names are
/// <c>checkpoint-{sequence:D12}.json</c>, so ordinal order is chain order.
/// </summary>
internal interface IAuditCheckpointStore
{
    /// <summary>Where the checkpoints are, for messages: a folder, or <c>s3://bucket/prefix</c>.</summary>
    string Location { get; }

    /// <summary>Stores a checkpoint unless one of that name is already there.</summary>
    Task PutAsync(string name, string json, CancellationToken cancellationToken);

    /// <summary>The names of every stored checkpoint (any order).</summary>
    Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken);

    /// <summary>A checkpoint's JSON; null when it is not there.</summary>
    Task<string?> GetAsync(string name, CancellationToken cancellationToken);
}

/// <summary>Checkpoints as files in a folder; in production, mount the backups bucket (or a WORM volume) there.</summary>
internal sealed class FileAuditCheckpointStore(string directory) : IAuditCheckpointStore
{
    public string Location => directory;

    public async Task PutAsync(string name, string json, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, name);
        if (File.Exists(path))
        {
            return;
        }
        var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        await File.WriteAllTextAsync(temp, json, cancellationToken);
        File.Move(temp, path, overwrite: true);
    }

    public Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>(Directory.Exists(directory)
            ? [.. Directory.EnumerateFiles(directory, "checkpoint-*.json").Select(f => Path.GetFileName(f))]
            : []);

    public async Task<string?> GetAsync(string name, CancellationToken cancellationToken)
    {
        var path = Path.Combine(directory, name);
        return File.Exists(path) ? await File.ReadAllTextAsync(path, cancellationToken) : null;
    }
}

/// <summary>
/// Checkpoints as objects in an S3 bucket, or any S3-compatible store (<see cref="AuditS3Options.ServiceUrl"/>).
/// Needs <c>s3:PutObject</c>, <c>s3:GetObject</c> and <c>s3:ListBucket</c> on the prefix; with the
/// bucket's Object Lock in compliance mode nobody, the application included, can delete them.
/// </summary>
internal sealed class S3AuditCheckpointStore : IAuditCheckpointStore, IDisposable
{
    private readonly AmazonS3Client _client;
    private readonly string _bucket;
    private readonly string _prefix;

    public S3AuditCheckpointStore(AuditS3Options options)
    {
        _bucket = options.Bucket ?? throw new OptionsValidationException("Audit:S3", typeof(AuditS3Options), ["Audit__S3__Bucket is required with Audit__CheckpointStore=S3."]);
        _prefix = options.Prefix;
        var config = new AmazonS3Config
        {
            ForcePathStyle = options.ForcePathStyle,
            // Plain signed payloads and checksums only where S3 requires them: what S3-compatible stores understand.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            Timeout = TimeSpan.FromSeconds(30),
            MaxErrorRetry = 3,
        };
        if (!string.IsNullOrWhiteSpace(options.ServiceUrl))
        {
            config.ServiceURL = options.ServiceUrl;
            config.AuthenticationRegion = string.IsNullOrWhiteSpace(options.Region) ? "us-east-1" : options.Region;
        }
        else if (!string.IsNullOrWhiteSpace(options.Region))
        {
            config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(options.Region);
        }
        _client = string.IsNullOrWhiteSpace(options.AccessKeyId)
            ? new AmazonS3Client(config)
            : new AmazonS3Client(new BasicAWSCredentials(options.AccessKeyId, options.SecretAccessKey), config);
    }

    public string Location => $"s3://{_bucket}/{_prefix}";

    public async Task PutAsync(string name, string json, CancellationToken cancellationToken) =>
        await _client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = _bucket,
            Key = _prefix + name,
            ContentBody = json,
            ContentType = "application/json",
            UseChunkEncoding = false,
        }, cancellationToken);

    public async Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken)
    {
        var names = new List<string>();
        var request = new ListObjectsV2Request { BucketName = _bucket, Prefix = _prefix + "checkpoint-" };
        ListObjectsV2Response response;
        do
        {
            response = await _client.ListObjectsV2Async(request, cancellationToken);
            names.AddRange((response.S3Objects ?? []).Select(o => o.Key[_prefix.Length..]).Where(n => n.EndsWith(".json", StringComparison.Ordinal)));
            request.ContinuationToken = response.NextContinuationToken;
        }
        while (response.IsTruncated == true);
        return names;
    }

    public async Task<string?> GetAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _client.GetObjectAsync(_bucket, _prefix + name, cancellationToken);
            using var reader = new StreamReader(response.ResponseStream);
            return await reader.ReadToEndAsync(cancellationToken);
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public void Dispose() => _client.Dispose();
}
