using System.CommandLine;
using Pathavana.Notifications;
using Pathavana.Platform.Hosting;

namespace Pathavana.Operations;

/// <summary><c>pathavana outbox read</c>: prints the embedded outbox's messages, opened with their owners' data keys.</summary>
internal static class OutboxCommand
{
    /// <summary>The line that starts each message in the output: <c>===== pathavana outbox: &lt;file name&gt; =====</c>.</summary>
    public const string Separator = "===== pathavana outbox: ";

    public static Command Create()
    {
        var outbox = new Command("outbox", "The embedded default's outbox (data/outbox): the emails it would have sent, sealed with each account's data key.");
        var read = new Command("read", "Print every message in the outbox as RFC 5322 text, oldest first; a message whose account was erased is listed as unreadable.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        read.SetAction((result, ct) => ReadAsync([.. result.UnmatchedTokens], ct));
        outbox.Subcommands.Add(read);
        return outbox;
    }

    private static async Task<int> ReadAsync(string[] hostArgs, CancellationToken ct)
    {
        await using var app = PathavanaApp.Create(hostArgs);
        await using var scope = app.Services.CreateAsyncScope();
        var stdout = Console.OpenStandardOutput();
        foreach (var entry in await scope.ServiceProvider.GetRequiredService<OutboxFiles>().ReadAllAsync(ct))
        {
            var name = Path.GetFileName(entry.File);
            if (entry.Message is null)
            {
                Console.WriteLine($"{Separator}{name} (unreadable: its account's data key is gone) =====");
                continue;
            }
            Console.WriteLine($"{Separator}{name} =====");
            Console.Out.Flush();
            await entry.Message.WriteToAsync(stdout, ct);
            await stdout.FlushAsync(ct);
            Console.WriteLine();
        }
        return 0;
    }
}
