using System.CommandLine;
using Pathavana.Platform.Hosting;
using Pathavana.Privacy;

namespace Pathavana.Operations;

/// <summary>
/// <c>pathavana mask</c>: masks a restored copy of production for non-production use (see
/// <see cref="DataMasking"/>). Refused when the deployment says it is production
/// (<c>Pathavana__Environment=Production</c>, set in the production overlay).
/// </summary>
internal static class MaskCommand
{
    /// <summary>The setting that marks a deployment (and so its connection) as production.</summary>
    public const string EnvironmentSetting = "Pathavana:Environment";

    /// <summary>Exit code when masking is refused because the connection is production's (nothing was changed).</summary>
    public const int RefusedInProduction = 4;

    public static Command Create()
    {
        var mask = new Command("mask",
            "Turn a restored copy of production into a non-production copy: destroy every data key, replace personal data with consistent fakes, " +
            "drop sessions, tokens and email copies. Run as the database owner. Refused where Pathavana__Environment=Production.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        mask.SetAction((result, ct) => RunAsync([.. result.UnmatchedTokens], ct));
        return mask;
    }

    private static async Task<int> RunAsync(string[] hostArgs, CancellationToken ct)
    {
        await using var app = PathavanaApp.Create(hostArgs);
        var environment = app.Configuration[EnvironmentSetting];
        if (string.Equals(environment?.Trim(), "Production", StringComparison.OrdinalIgnoreCase))
        {
            Console.Error.WriteLine(
                "pathavana mask: refused: this connection is marked production (Pathavana__Environment=Production). " +
                "Restore the backup into a separate database, point a non-production configuration at it and run mask there. Nothing was changed.");
            return RefusedInProduction;
        }
        await using var scope = app.Services.CreateAsyncScope();
        var report = await scope.ServiceProvider.GetRequiredService<DataMasking>().RunAsync(ct);
        foreach (var (kind, count) in report.ByKind())
        {
            Console.WriteLine($"pathavana mask: {kind} {count}");
        }
        Console.WriteLine("pathavana mask: done; every data key was destroyed and personal data replaced by fakes. Masked accounts have no password: use a password reset to sign in.");
        return 0;
    }
}
