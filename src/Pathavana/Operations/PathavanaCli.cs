using System.CommandLine;
using Microsoft.Extensions.Options;

namespace Pathavana.Operations;

/// <summary>
/// The one executable's command line: <c>serve</c> (the default) and the operator commands.
/// Tokens the parser does not know (for example <c>--urls</c> or <c>--Database:Provider=…</c>)
/// are handed to the host's configuration.
/// </summary>
internal static class PathavanaCli
{
    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("Pathavana: a conversational travel planner. With no command, runs 'serve'.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };

        var serve = new Command("serve", "Run the web server (the default command).") { TreatUnmatchedTokensAsErrors = false };
        serve.SetAction((result, ct) => ServeCommand.RunAsync([.. result.UnmatchedTokens], ct));
        root.Subcommands.Add(serve);

        var migrate = new Command("migrate", "Apply the database migrations for the configured provider and exit.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        migrate.SetAction((result, ct) => MigrateCommand.RunAsync([.. result.UnmatchedTokens], ct));
        root.Subcommands.Add(migrate);

        root.Subcommands.Add(Assistant.NluCommand.Create());

        foreach (var command in OperatorCommands.All())
        {
            root.Subcommands.Add(command);
        }
        root.Subcommands.Add(RetentionCommand.Create());
        foreach (var command in BackupCommands.All())
        {
            root.Subcommands.Add(command);
        }
        root.Subcommands.Add(MaskCommand.Create());
        root.Subcommands.Add(OutboxCommand.Create());

        root.SetAction((result, ct) =>
        {
            var rest = result.UnmatchedTokens;
            if (rest.Count > 0 && !rest[0].StartsWith('-'))
            {
                Console.Error.WriteLine($"pathavana: unknown command '{rest[0]}'. Run 'pathavana --help' for the list.");
                return Task.FromResult(1);
            }
            return ServeCommand.RunAsync([.. rest], ct);
        });

        try
        {
            return await root.Parse(args).InvokeAsync(new InvocationConfiguration
            {
                EnableDefaultExceptionHandler = false,
                // The web host handles SIGTERM/Ctrl+C itself and drains requests.
                ProcessTerminationTimeout = null,
            });
        }
        catch (OptionsValidationException ex)
        {
            return Report([ex]);
        }
        catch (AggregateException ex) when (ex.InnerExceptions.All(e => e is OptionsValidationException))
        {
            // Several modules' settings are wrong at once: name them all.
            return Report(ex.InnerExceptions.Cast<OptionsValidationException>());
        }
        catch (InvalidOperationException ex) when (ex.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal))
        {
            // A value of the wrong shape (an unknown enum name, a word for a number): name the setting as operators write it.
            var key = ex.Message.Split('\'')[3].Replace(":", "__", StringComparison.Ordinal);
            Console.Error.WriteLine($"pathavana: configuration error: {key}: {ex.InnerException?.Message ?? ex.Message}");
            return 2;
        }
        catch (Exception ex) when (Platform.Http.ProblemExceptionHandler.Outage(ex) is { } dependency)
        {
            Console.Error.WriteLine($"pathavana: the {dependency} did not answer ({ex.GetBaseException().Message}); try again when it does.");
            return DependencyUnavailable;
        }
        catch (Exception ex) when (ex is Amazon.Runtime.AmazonServiceException or Amazon.Runtime.AmazonClientException)
        {
            Console.Error.WriteLine($"pathavana: the audit checkpoint store did not answer ({ex.GetBaseException().Message}); try again when it does.");
            return DependencyUnavailable;
        }
    }

    /// <summary>Exit code of a command that could not reach the database, Redis or the checkpoint store (nothing was changed).</summary>
    private const int DependencyUnavailable = 3;

    private static int Report(IEnumerable<OptionsValidationException> failures)
    {
        foreach (var failure in failures.SelectMany(f => f.Failures))
        {
            Console.Error.WriteLine($"pathavana: configuration error: {failure}");
        }
        return 2;
    }
}
