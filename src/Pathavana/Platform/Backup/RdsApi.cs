using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Amazon.Runtime;
using Polly;
using Polly.Retry;

namespace Pathavana.Platform.Backup;

/// <summary>
/// The Amazon RDS Query API (version 2014-10-31): form-encoded POSTs signed with Signature Version 4,
/// XML answers. Credentials: the AWS SDK's default chain (environment, IRSA web identity, instance
/// profile). Errors come back as <see cref="BackupException"/> naming the action and RDS's code.
/// </summary>
internal sealed class RdsApi(Uri endpoint, string region, HttpClient http)
{
    private const string Version = "2014-10-31";

    /// <summary>
    /// As the AWS SDKs' standard retry mode: a call that did not reach RDS (a connection reset, a
    /// pooled connection the endpoint had closed) or that RDS answered with a 5xx or throttling is tried
    /// again, 3 more times at most, after about 0.5, 1 and 2 s with jitter; a 4xx answer is final.
    /// </summary>
    private static readonly ResiliencePipeline<HttpResponseMessage> Retry = new ResiliencePipelineBuilder<HttpResponseMessage>()
        .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
        {
            ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                .Handle<HttpRequestException>()
                .HandleResult(r => (int)r.StatusCode >= 500 || r.StatusCode == System.Net.HttpStatusCode.TooManyRequests),
            MaxRetryAttempts = 3,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(500),
            OnRetry = args =>
            {
                args.Outcome.Result?.Dispose();
                return default;
            },
        })
        .Build();
    private static readonly XNamespace Ns = "http://rds.amazonaws.com/doc/2014-10-31/";

    public static RdsApi Create(RdsBackupOptions options)
    {
        var region = options.Region ?? Environment.GetEnvironmentVariable("AWS_REGION") ?? Environment.GetEnvironmentVariable("AWS_DEFAULT_REGION") ?? "us-east-1";
        var endpoint = options.ServiceUrl ?? new Uri($"https://rds.{region}.amazonaws.com/");
        return new RdsApi(endpoint, region, new HttpClient { Timeout = TimeSpan.FromSeconds(60) });
    }

    /// <summary>Calls <paramref name="action"/> and answers its <c>…Result</c> element.</summary>
    public async Task<XElement> CallAsync(string action, IReadOnlyDictionary<string, string> parameters, CancellationToken cancellationToken)
    {
        var form = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["Action"] = action, ["Version"] = Version };
        foreach (var (k, v) in parameters)
        {
            form[k] = v;
        }
        var body = string.Join('&', form.Select(kv => $"{Uri.EscapeDataString(kv.Key)}={Uri.EscapeDataString(kv.Value)}"));
        var credentials = await Amazon.Runtime.Credentials.DefaultAWSCredentialsIdentityResolver.GetCredentials().GetCredentialsAsync();
        // Each attempt is a new request, signed at its own time.
        using var response = await Retry.ExecuteAsync(async ct =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new StringContent(body, Encoding.UTF8) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded") { CharSet = "utf-8" };
            Sign(request, body, credentials, DateTime.UtcNow);
            return await http.SendAsync(request, ct);
        }, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        XDocument xml;
        try
        {
            xml = XDocument.Parse(text);
        }
        catch (System.Xml.XmlException)
        {
            throw new BackupException($"RDS {action} answered {(int)response.StatusCode} with a body that is not XML.");
        }
        if (!response.IsSuccessStatusCode)
        {
            var error = xml.Descendants().FirstOrDefault(e => e.Name.LocalName == "Error");
            var code = error?.Elements().FirstOrDefault(e => e.Name.LocalName == "Code")?.Value ?? response.StatusCode.ToString();
            var message = error?.Elements().FirstOrDefault(e => e.Name.LocalName == "Message")?.Value ?? "";
            throw new BackupException($"RDS {action} failed: {code}: {message}");
        }
        return xml.Root?.Element(Ns + $"{action}Result") ?? throw new BackupException($"RDS {action} answered without a {action}Result.");
    }

    public static XName Name(string local) => Ns + local;

    /// <summary>Signature Version 4 (service <c>rds</c>): the canonical request of the POST, its string to sign, the Authorization header.</summary>
    private void Sign(HttpRequestMessage request, string body, ImmutableCredentials credentials, DateTime now)
    {
        var amzDate = now.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var date = now.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var host = endpoint.IsDefaultPort ? endpoint.Host : $"{endpoint.Host}:{endpoint.Port}";
        request.Headers.Host = host;
        request.Headers.Add("X-Amz-Date", amzDate);
        var headers = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["content-type"] = "application/x-www-form-urlencoded; charset=utf-8",
            ["host"] = host,
            ["x-amz-date"] = amzDate,
        };
        if (credentials.UseToken)
        {
            request.Headers.Add("X-Amz-Security-Token", credentials.Token);
            headers["x-amz-security-token"] = credentials.Token;
        }
        var signedHeaders = string.Join(';', headers.Keys);
        var canonical = string.Join('\n', "POST", endpoint.AbsolutePath, "",
            string.Concat(headers.Select(h => $"{h.Key}:{h.Value}\n")), signedHeaders, Hex(SHA256.HashData(Encoding.UTF8.GetBytes(body))));
        var scope = $"{date}/{region}/rds/aws4_request";
        var toSign = string.Join('\n', "AWS4-HMAC-SHA256", amzDate, scope, Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonical))));
        var key = Hmac(Hmac(Hmac(Hmac(Encoding.UTF8.GetBytes("AWS4" + credentials.SecretKey), date), region), "rds"), "aws4_request");
        request.Headers.TryAddWithoutValidation("Authorization",
            $"AWS4-HMAC-SHA256 Credential={credentials.AccessKey}/{scope}, SignedHeaders={signedHeaders}, Signature={Hex(Hmac(key, toSign))}");
    }

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
