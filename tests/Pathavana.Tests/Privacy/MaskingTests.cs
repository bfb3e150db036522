using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pathavana.Audit;
using Pathavana.Platform.Data;
using Pathavana.Platform.Security.Encryption;
using Pathavana.Privacy;
using Pathavana.Tests.Infrastructure;

namespace Pathavana.Tests.Privacy;

/// <summary>
/// <c>pathavana mask</c> on a restored copy, as an operator runs it: after a full visit with
/// distinctive personal data, the copy (a pg_dump restored into a fresh database; a copy of the
/// SQLite data directory) is masked and searched again — none of the originals, no ciphertext of the
/// original, no email copy — and the masked copy still starts and serves. A connection marked
/// production is refused and left as it was.
/// </summary>
public sealed partial class MaskingTests(TestServers servers)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The visit's client address as its audit records keep it: truncated to its /24 (198.51.100.231 is the address used).</summary>
    private const string ClientIp = "198.51.100.0";

    private static Task<(int ExitCode, string Output)> MaskAsync(IDictionary<string, string> environment) =>
        ExternalProcess.TryRunAsync("dotnet", [Path.Combine(AppContext.BaseDirectory, "pathavana.dll"), "mask"],
            environment: new Dictionary<string, string>(environment) { ["ASPNETCORE_ENVIRONMENT"] = "Production" }, timeout: TimeSpan.FromMinutes(5));

    [GeneratedRegex(@"pv[12]:[A-Za-z0-9+/=:|_-]{16,}")]
    private static partial Regex Ciphertext();

    /// <summary>The personal values of the visit found in <paramref name="text"/>: the distinctive ones, the email and the client address.</summary>
    private static List<string> Originals(string text, PrivacyVisit visit) =>
        [.. PrivacyFlow.Found(text), .. new[] { visit.User.Email, ClientIp }.Where(v => text.Contains(v, StringComparison.OrdinalIgnoreCase))];

    [Fact]
    public async Task Postgres_dump_restored_and_masked_holds_none_of_the_originals_and_still_serves()
    {
        string dumpFile = Path.GetTempFileName();
        PrivacyVisit visit;
        string production;
        await using (var app = await PathavanaFactory.ProductionAsync(servers))
        {
            visit = await PrivacyFlow.RunAsync(app, clientIp: "198.51.100.231");
            production = await servers.Postgres.DumpAsync(PrivacyFlow.ConnectionString(app), dumpFile);
        }
        // Not vacuous: the production dump has the account's email and the client address in clear, and ciphertext.
        Assert.Equal([visit.User.Email, ClientIp], Originals(production, visit));
        // Audit records keep the network, never the connection: the full address is nowhere.
        Assert.DoesNotContain("198.51.100.231", production, StringComparison.Ordinal);
        var originalCiphertext = Ciphertext().Matches(production).Select(m => m.Value).ToHashSet();
        Assert.NotEmpty(originalCiphertext);

        var copy = await servers.Postgres.RestoreAsync(dumpFile);
        var data = Directory.CreateTempSubdirectory("pathavana-mask-").FullName;
        // The worst case: the copy is given production's master key.
        var environment = new Dictionary<string, string>
        {
            ["Database__Provider"] = "Postgres",
            ["ConnectionStrings__Pathavana"] = copy,
            ["Encryption__MasterKey"] = PathavanaFactory.TestMasterKey,
            ["Storage__DataDirectory"] = data,
        };

        // A connection marked production is refused, and nothing changes.
        var refused = await MaskAsync(new Dictionary<string, string>(environment) { ["Pathavana__Environment"] = "Production" });
        Assert.Equal(4, refused.ExitCode);
        Assert.Contains("refused: this connection is marked production (Pathavana__Environment=Production)", refused.Output, StringComparison.Ordinal);
        Assert.Contains(visit.User.Email, await servers.Postgres.DumpAsync(copy), StringComparison.Ordinal);

        var masked = await MaskAsync(environment);
        Assert.True(masked.ExitCode == 0, masked.Output);
        Assert.Contains("pathavana mask: travelers 1", masked.Output, StringComparison.Ordinal);

        var after = await servers.Postgres.DumpAsync(copy);
        Assert.Empty(Originals(after, visit));
        Assert.DoesNotContain(Ciphertext().Matches(after).Select(m => m.Value), originalCiphertext.Contains);
        Assert.Contains(visit.ProviderReference, after, StringComparison.Ordinal);

        await using var restarted = PathavanaFactory.Embedded(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Pathavana"] = copy,
            ["Encryption:MasterKey"] = PathavanaFactory.TestMasterKey,
        });
        await AssertServesMaskedDataAsync(restarted, visit);
        Directory.Delete(data, recursive: true);
        File.Delete(dumpFile);
    }

    [Fact]
    public async Task Sqlite_copy_masked_holds_none_of_the_originals_and_still_serves()
    {
        PrivacyVisit visit;
        var copy = Directory.CreateTempSubdirectory("pathavana-mask-copy-").FullName;
        await using (var app = PathavanaFactory.Embedded())
        {
            visit = await PrivacyFlow.RunAsync(app, clientIp: "198.51.100.231");
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            CopyDirectory(app.DataDirectory, copy);
        }
        // Not vacuous: the copy holds the email and the address in clear (the database, the outbox's email copies).
        var before = Originals(AllFiles(copy), visit);
        Assert.Contains(visit.User.Email, before);
        Assert.Contains(ClientIp, before);
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(copy, "outbox")));

        var refused = await MaskAsync(new Dictionary<string, string> { ["Storage__DataDirectory"] = copy, ["Pathavana__Environment"] = "production" });
        Assert.Equal(4, refused.ExitCode);
        Assert.Contains(visit.User.Email, AllFiles(copy), StringComparison.Ordinal);

        var masked = await MaskAsync(new Dictionary<string, string> { ["Storage__DataDirectory"] = copy });
        Assert.True(masked.ExitCode == 0, masked.Output);

        Assert.Empty(Originals(AllFiles(copy), visit));
        Assert.Empty(Directory.GetFiles(Path.Combine(copy, "outbox")));

        await using var restarted = PathavanaFactory.Embedded(dataDirectory: copy);
        await AssertServesMaskedDataAsync(restarted, visit);
    }

    /// <summary>The masked copy starts, is ready, reads its fakes, its audit chain verifies, and a new traveller can sign up.</summary>
    private static async Task AssertServesMaskedDataAsync(PathavanaFactory app, PrivacyVisit visit)
    {
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready", Ct)).StatusCode);

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PathavanaDbContext>();
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == visit.User.Id, Ct);
        Assert.EndsWith("@" + DataMasking.EmailDomain, user.Email, StringComparison.Ordinal);
        Assert.Null(user.PasswordHash);

        var traveler = await db.Travelers.AsNoTracking().SingleAsync(t => t.Id == visit.Traveler, Ct);
        var pii = scope.ServiceProvider.GetRequiredService<PiiProtector>();
        var given = await pii.UnprotectAsync(traveler.OwnerId, "givenNames", traveler.GivenNames, Ct);
        var passport = await pii.UnprotectAsync(traveler.OwnerId, "passportNumber", traveler.PassportNumber, Ct);
        Assert.False(string.IsNullOrEmpty(given));
        Assert.NotEqual(PrivacyFlow.GivenNames, given);
        Assert.Matches("^M[0-9]{8}$", passport);

        var chat = await db.ChatSessions.AsNoTracking().Include(s => s.Messages).SingleAsync(s => s.Id == visit.Session, Ct);
        Assert.Equal("Masked chat", chat.Title);
        Assert.All(chat.Messages, m => Assert.Contains("masked", m.Text, StringComparison.Ordinal));

        var audit = await AuditChain.VerifyAsync(db, scope.ServiceProvider.GetRequiredService<AuditKeys>(), null, Ct);
        Assert.True(audit.Intact, audit.Reason);
        Assert.True(audit.Records > 3);

        // The copy is usable: a tester signs up and works in it.
        var tester = await app.SignUpAsync();
        Assert.Equal(HttpStatusCode.OK, (await tester.Client.GetAsync("/api/v1/chat/sessions", Ct)).StatusCode);
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var directory in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(directory.Replace(from, to, StringComparison.Ordinal));
        }
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            using var source = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var target = File.Create(file.Replace(from, to, StringComparison.Ordinal));
            source.CopyTo(target);
        }
    }

    /// <summary>Every file of a data directory as text (the values are ASCII).</summary>
    private static string AllFiles(string directory)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var text = new StringBuilder();
        foreach (var file in Directory.GetFiles(directory, "*", SearchOption.AllDirectories))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            text.Append(Encoding.Latin1.GetString(memory.ToArray()));
        }
        return text.ToString();
    }
}
