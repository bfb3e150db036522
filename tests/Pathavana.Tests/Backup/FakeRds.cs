using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Pathavana.Tests.Infrastructure;

namespace Pathavana.Tests.Backup;

/// <summary>
/// A local stand-in for the Amazon RDS Query API (2014-10-31) on loopback: it checks each request's
/// Signature Version 4 against its own key (403 SignatureDoesNotMatch otherwise), and answers
/// CreateDBSnapshot, DescribeDBSnapshots, DeleteDBSnapshot, DescribeDBInstances,
/// RestoreDBInstanceToPointInTime and DeleteDBInstance in RDS's XML, errors included
/// (DBInstanceNotFound, DBInstanceAlreadyExists, InvalidRestoreFault). Snapshots and restored
/// instances are "creating" on the first describe and "available" after. Restored instances answer
/// at <see cref="RestoredEndpoint"/> (a real PostgreSQL holding the data).
/// </summary>
internal sealed class FakeRds : IAsyncDisposable
{
    public const string AccessKeyId = "AKIAFAKERDSTEST00001";
    public const string SecretAccessKey = "fake-rds-secret-key-for-tests-only";
    private const string Ns = "http://rds.amazonaws.com/doc/2014-10-31/";

    private readonly HttpListener _listener = new();
    private readonly Task _loop;
    private readonly ConcurrentDictionary<string, Instance> _instances = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Snapshot> _snapshots = new(StringComparer.Ordinal);

    public FakeRds(string instance, (string Host, int Port) endpoint)
    {
        Port = ExternalProcess.FreePort();
        RestoredEndpoint = endpoint;
        _instances[instance] = new Instance(instance, "available", endpoint, DateTimeOffset.UtcNow.AddMinutes(-2)) { Described = 1 };
        _snapshots[$"rds:{instance}-2026-11-30-03-10"] = new Snapshot($"rds:{instance}-2026-11-30-03-10", instance, "automated", DateTimeOffset.UtcNow.AddDays(-1)) { Described = 1 };
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public Uri Url => new($"http://127.0.0.1:{Port}/");

    public (string Host, int Port) RestoredEndpoint { get; }

    /// <summary>Every call: its action and parameters, in order.</summary>
    public ConcurrentQueue<(string Action, IReadOnlyDictionary<string, string> Parameters)> Calls { get; } = new();

    public IReadOnlyCollection<string> Instances => [.. _instances.Keys];

    private int _unavailable;

    /// <summary>The next <paramref name="calls"/> calls are answered 503 ServiceUnavailable, as RDS does when it is briefly overloaded.</summary>
    public void Unavailable(int calls) => Interlocked.Exchange(ref _unavailable, calls);

    /// <summary>Counts one call off <see cref="Unavailable"/>: true while some remain.</summary>
    private bool TakeUnavailable()
    {
        while (Volatile.Read(ref _unavailable) is var left and > 0)
        {
            if (Interlocked.CompareExchange(ref _unavailable, left - 1, left) == left)
            {
                return true;
            }
        }
        return false;
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (!_listener.IsListening)
            {
                return;
            }
            catch (HttpListenerException)
            {
                return;
            }
            try
            {
                using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
                var body = await reader.ReadToEndAsync();
                var (status, xml) = Handle(context.Request, body);
                var bytes = Encoding.UTF8.GetBytes(xml);
                context.Response.StatusCode = status;
                context.Response.ContentType = "text/xml";
                await context.Response.OutputStream.WriteAsync(bytes);
            }
            finally
            {
                context.Response.Close();
            }
        }
    }

    private (int, string) Handle(HttpListenerRequest request, string body)
    {
        if (TakeUnavailable())
        {
            return Error(503, "ServiceUnavailable", "The request has failed due to a temporary failure of the server.");
        }
        if (!SignatureMatches(request, body))
        {
            return Error(403, "SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided.");
        }
        var form = body.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2))
            .ToDictionary(p => Uri.UnescapeDataString(p[0]), p => Uri.UnescapeDataString(p.Length > 1 ? p[1] : ""), StringComparer.Ordinal);
        var action = form.GetValueOrDefault("Action") ?? "";
        Calls.Enqueue((action, form));
        switch (action)
        {
            case "DescribeDBInstances":
                {
                    if (!_instances.TryGetValue(form.GetValueOrDefault("DBInstanceIdentifier") ?? "", out var instance))
                    {
                        return Error(404, "DBInstanceNotFound", $"DBInstance {form.GetValueOrDefault("DBInstanceIdentifier")} not found.");
                    }
                    instance.Described++;
                    return Ok(action, $"<DBInstances>{instance.Xml()}</DBInstances>");
                }
            case "CreateDBSnapshot":
                {
                    var id = form["DBSnapshotIdentifier"];
                    if (!_instances.ContainsKey(form["DBInstanceIdentifier"]))
                    {
                        return Error(404, "DBInstanceNotFound", $"DBInstance {form["DBInstanceIdentifier"]} not found.");
                    }
                    var snapshot = _snapshots[id] = new Snapshot(id, form["DBInstanceIdentifier"], "manual", DateTimeOffset.UtcNow);
                    return Ok(action, snapshot.Xml());
                }
            case "DescribeDBSnapshots":
                {
                    var matching = _snapshots.Values.Where(s =>
                        (form.TryGetValue("DBSnapshotIdentifier", out var id) && s.Id == id)
                        || (form.TryGetValue("DBInstanceIdentifier", out var instance) && s.Instance == instance)).ToList();
                    foreach (var s in matching)
                    {
                        s.Described++;
                    }
                    return Ok(action, $"<DBSnapshots>{string.Concat(matching.Select(s => s.Xml()))}</DBSnapshots>");
                }
            case "DeleteDBSnapshot":
                return _snapshots.TryRemove(form["DBSnapshotIdentifier"], out var deleted)
                    ? Ok(action, deleted.Xml())
                    : Error(404, "DBSnapshotNotFound", $"DBSnapshot {form["DBSnapshotIdentifier"]} not found.");
            case "RestoreDBInstanceToPointInTime":
                {
                    if (!_instances.TryGetValue(form["SourceDBInstanceIdentifier"], out var source))
                    {
                        return Error(404, "DBInstanceNotFound", $"DBInstance {form["SourceDBInstanceIdentifier"]} not found.");
                    }
                    var target = form["TargetDBInstanceIdentifier"];
                    if (_instances.ContainsKey(target))
                    {
                        return Error(400, "DBInstanceAlreadyExists", $"DB instance {target} already exists.");
                    }
                    if (form.TryGetValue("RestoreTime", out var time)
                        && DateTimeOffset.Parse(time, CultureInfo.InvariantCulture) > source.LatestRestorableTime)
                    {
                        return Error(400, "InvalidRestoreFault", "The restore time is later than the latest restorable time.");
                    }
                    var instance = _instances[target] = new Instance(target, "creating", RestoredEndpoint, DateTimeOffset.UtcNow);
                    return Ok(action, instance.Xml());
                }
            case "DeleteDBInstance":
                return _instances.TryRemove(form["DBInstanceIdentifier"], out var gone)
                    ? Ok(action, gone.Xml())
                    : Error(404, "DBInstanceNotFound", $"DBInstance {form["DBInstanceIdentifier"]} not found.");
            default:
                return Error(400, "InvalidAction", $"The action {action} is not valid for this web service.");
        }
    }

    /// <summary>Recomputes the request's SigV4 signature with <see cref="SecretAccessKey"/> over the headers it says it signed.</summary>
    private static bool SignatureMatches(HttpListenerRequest request, string body)
    {
        var authorization = request.Headers["Authorization"] ?? "";
        var match = System.Text.RegularExpressions.Regex.Match(authorization,
            @"^AWS4-HMAC-SHA256 Credential=(?<key>[^/]+)/(?<date>\d{8})/(?<region>[^/]+)/rds/aws4_request, SignedHeaders=(?<headers>[^,]+), Signature=(?<sig>[0-9a-f]{64})$");
        if (!match.Success || match.Groups["key"].Value != AccessKeyId)
        {
            return false;
        }
        var signed = match.Groups["headers"].Value.Split(';');
        var canonicalHeaders = string.Concat(signed.Select(h => $"{h}:{request.Headers[h]?.Trim()}\n"));
        var canonical = string.Join('\n', request.HttpMethod, request.Url!.AbsolutePath, request.Url.Query.TrimStart('?'), canonicalHeaders,
            match.Groups["headers"].Value, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body))));
        var scope = $"{match.Groups["date"].Value}/{match.Groups["region"].Value}/rds/aws4_request";
        var toSign = string.Join('\n', "AWS4-HMAC-SHA256", request.Headers["X-Amz-Date"], scope, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical))));
        static byte[] H(byte[] k, string d) => HMACSHA256.HashData(k, Encoding.UTF8.GetBytes(d));
        var key = H(H(H(H(Encoding.UTF8.GetBytes("AWS4" + SecretAccessKey), match.Groups["date"].Value), match.Groups["region"].Value), "rds"), "aws4_request");
        return Convert.ToHexStringLower(H(key, toSign)) == match.Groups["sig"].Value;
    }

    private static (int, string) Ok(string action, string result) =>
        (200, $"<{action}Response xmlns=\"{Ns}\"><{action}Result>{result}</{action}Result><ResponseMetadata><RequestId>{Guid.NewGuid()}</RequestId></ResponseMetadata></{action}Response>");

    private static (int, string) Error(int status, string code, string message) =>
        (status, $"<ErrorResponse xmlns=\"{Ns}\"><Error><Type>Sender</Type><Code>{code}</Code><Message>{WebUtility.HtmlEncode(message)}</Message></Error><RequestId>{Guid.NewGuid()}</RequestId></ErrorResponse>");

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private sealed class Instance(string id, string status, (string Host, int Port) endpoint, DateTimeOffset latestRestorable)
    {
        public int Described { get; set; }

        public DateTimeOffset LatestRestorableTime { get; } = latestRestorable;

        public string Xml() =>
            $"<DBInstance><DBInstanceIdentifier>{id}</DBInstanceIdentifier><DBInstanceClass>db.t3.medium</DBInstanceClass><Engine>postgres</Engine>" +
            $"<DBInstanceStatus>{(Described > 1 ? "available" : status)}</DBInstanceStatus>" +
            $"<Endpoint><Address>{endpoint.Host}</Address><Port>{endpoint.Port}</Port></Endpoint>" +
            $"<LatestRestorableTime>{Time(LatestRestorableTime)}</LatestRestorableTime><BackupRetentionPeriod>7</BackupRetentionPeriod>" +
            "<DBSubnetGroup><DBSubnetGroupName>pathavana-test</DBSubnetGroupName></DBSubnetGroup>" +
            "<VpcSecurityGroups><VpcSecurityGroupMembership><VpcSecurityGroupId>sg-0123456789abcdef0</VpcSecurityGroupId><Status>active</Status></VpcSecurityGroupMembership></VpcSecurityGroups></DBInstance>";
    }

    private sealed class Snapshot(string id, string instance, string type, DateTimeOffset created)
    {
        public string Id => id;

        public string Instance => instance;

        public int Described { get; set; }

        public string Xml() =>
            $"<DBSnapshot><DBSnapshotIdentifier>{id}</DBSnapshotIdentifier><DBInstanceIdentifier>{instance}</DBInstanceIdentifier><SnapshotType>{type}</SnapshotType>" +
            $"<Status>{(Described > 0 ? "available" : "creating")}</Status><SnapshotCreateTime>{Time(created)}</SnapshotCreateTime><AllocatedStorage>20</AllocatedStorage><Engine>postgres</Engine></DBSnapshot>";
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            await _loop;
        }
        catch (ObjectDisposedException)
        {
        }
    }
}
