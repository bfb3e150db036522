using System.CommandLine;
using System.Globalization;
using System.Text;
using Pathavana.Assistant.Understanding;
using Pathavana.Inventory;

namespace Pathavana.Assistant;

/// <summary>
/// <c>pathavana nlu parse --today YYYY-MM-DD</c>: utterances on standard input, one JSON frame per
/// line on standard output in the same order (an empty line gives <c>{}</c>). No web host, no database.
/// </summary>
internal static class NluCommand
{
    /// <summary>The <c>nlu</c> command, for the executable's command line.</summary>
    public static Command Create()
    {
        var today = new Option<string?>("--today") { Description = "The date relative dates resolve against (YYYY-MM-DD); default: today (UTC)." };
        var parse = new Command("parse", "Read utterances from stdin, write one JSON trip frame per line to stdout.") { Options = { today } };
        parse.SetAction((result, ct) => ParseAsync(result.GetValue(today), ct));
        return new Command("nlu", "The assistant's offline language understanding.") { Subcommands = { parse } };
    }

    public static async Task<int> ParseAsync(string? todayText, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        if (todayText is not null && !DateOnly.TryParseExact(todayText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out today))
        {
            await Console.Error.WriteLineAsync($"pathavana nlu parse: --today must be YYYY-MM-DD, not '{todayText}'.");
            return 2;
        }
        var understanding = new OfflineUnderstanding(LocationDirectory.Shared);
        using var input = new StreamReader(Console.OpenStandardInput(), Encoding.UTF8);
        await using var output = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), 1 << 16);
        await ParseLinesAsync(understanding, today, input, output, cancellationToken);
        return 0;
    }

    /// <summary>One frame line per input line, in order.</summary>
    public static async Task ParseLinesAsync(OfflineUnderstanding understanding, DateOnly today, TextReader input, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(understanding);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        while (await input.ReadLineAsync(cancellationToken) is { } line)
        {
            await output.WriteLineAsync(understanding.Parse(line, today).ToJson());
        }
        await output.FlushAsync(cancellationToken);
    }
}
