using System.CommandLine;
using Pathavana.Platform.Hosting;
using Pathavana.Privacy;

namespace Pathavana.Operations;

/// <summary><c>pathavana retention run</c>: deletes and summarises what is past its retention period (daily, as a CronJob).</summary>
internal static class RetentionCommand
{
    public static Command Create()
    {
        var retention = new Command("retention", "Retention of personal data (periods: Retention__* settings; see docs/privacy.md).");
        var run = new Command("run", "Delete chats, anonymous sessions, expired idempotency records and unconfirmed accounts past their periods; summarise old audit records.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        run.SetAction((result, ct) => RunAsync([.. result.UnmatchedTokens], ct));
        retention.Subcommands.Add(run);
        return retention;
    }

    private static async Task<int> RunAsync(string[] hostArgs, CancellationToken ct)
    {
        await using var app = PathavanaApp.Create(hostArgs);
        await using var scope = app.Services.CreateAsyncScope();
        var report = await scope.ServiceProvider.GetRequiredService<RetentionJob>().RunAsync(ct);
        foreach (var (kind, count) in report.ByKind())
        {
            Console.WriteLine($"pathavana retention run: {kind} {count}");
        }
        return 0;
    }
}
