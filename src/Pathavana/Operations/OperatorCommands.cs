using System.CommandLine;
using Microsoft.Extensions.Options;
using Pathavana.Accounts;
using Pathavana.Audit;
using Pathavana.Platform.Configuration;
using Pathavana.Platform.Data;
using Pathavana.Platform.Hosting;
using Pathavana.Platform.Security.Encryption;

namespace Pathavana.Operations;

/// <summary>Operator commands over the configured database: keys, audit chain, admin role.</summary>
internal static class OperatorCommands
{
    public static IEnumerable<Command> All()
    {
        var keys = new Command("keys", "Manage the master keys that wrap each user's data key.");
        var rotate = new Command("rotate", "Re-wrap every user's data key with the active master key. On the embedded default (no Encryption__MasterKey) a new local master key is made active first.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        rotate.SetAction((result, ct) => RotateAsync([.. result.UnmatchedTokens], ct));
        keys.Subcommands.Add(rotate);
        yield return keys;

        var audit = new Command("audit", "The append-only audit log.");
        var verify = new Command("verify",
            "Walk the keyed hash chain and compare it with the newest signed checkpoint; exit 1 naming the first altered or missing record, or a tail cut off after the checkpoint.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        verify.SetAction((result, ct) => VerifyAsync([.. result.UnmatchedTokens], ct));
        audit.Subcommands.Add(verify);
        var checkpoint = new Command("checkpoint", "Write a signed checkpoint of the chain's head now (a log line, and a file in Audit__CheckpointDirectory or an object in the Audit__S3__Bucket).")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        checkpoint.SetAction((result, ct) => CheckpointAsync([.. result.UnmatchedTokens], ct));
        audit.Subcommands.Add(checkpoint);
        yield return audit;

        var admin = new Command("admin", "Administrator accounts.");
        var email = new Argument<string>("email") { Description = "The account's email address." };
        var grant = new Command("grant", "Give an existing account the admin role.") { TreatUnmatchedTokensAsErrors = false };
        grant.Arguments.Add(email);
        grant.SetAction((result, ct) => GrantAdminAsync(result.GetValue(email)!, [.. result.UnmatchedTokens], ct));
        admin.Subcommands.Add(grant);
        yield return admin;
    }

    private static async Task<int> RotateAsync(string[] hostArgs, CancellationToken ct)
    {
        await using var app = PathavanaApp.Create(hostArgs);
        var options = app.Services.GetRequiredService<IOptions<EncryptionOptions>>().Value;
        if (string.IsNullOrWhiteSpace(options.MasterKey))
        {
            var ring = app.Services.GetRequiredService<IOptions<StorageOptions>>().Value.PathFor("keys", "master-keys.json");
            Console.WriteLine($"pathavana keys rotate: new local master key {LocalKeyRing.AddKey(ring)} is active.");
        }
        // A fresh wrapper reads the key ring as it is now.
        var wrapper = new LocalKeyWrapper(app.Services.GetRequiredService<IOptions<EncryptionOptions>>(),
            app.Services.GetRequiredService<IOptions<StorageOptions>>());
        await using var scope = app.Services.CreateAsyncScope();
        var rotation = new KeyRotation(scope.ServiceProvider.GetRequiredService<PathavanaDbContext>(), wrapper);
        var (rewrapped, current) = await rotation.RewrapAllAsync(ct);
        Console.WriteLine($"pathavana keys rotate: {rewrapped} user key(s) re-wrapped with {wrapper.ActiveKeyId}; {current} already were.");
        return 0;
    }

    private static async Task<int> VerifyAsync(string[] hostArgs, CancellationToken ct)
    {
        await using var app = PathavanaApp.Create(hostArgs);
        await using var scope = app.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<IAuditVerification>().VerifyAsync(ct);
        if (result.RejectedCheckpoints > 0)
        {
            Console.Error.WriteLine($"pathavana audit verify: {result.RejectedCheckpoints} newer checkpoint(s) in {result.CheckpointLocation} have no valid signature (forged, damaged or renamed) and were ignored.");
        }
        if (result.FirstBroken is { } broken)
        {
            Console.Error.WriteLine($"pathavana audit verify: BROKEN at record {broken.Sequence} (id {broken.Id}, {broken.Action} at {broken.OccurredAt:O}): {broken.Reason}.");
            return 1;
        }
        if (result.Truncation is { } truncation)
        {
            Console.Error.WriteLine($"pathavana audit verify: TRUNCATED: {truncation}.");
            return 1;
        }
        var against = result.CheckpointAt is not { } at
            ? $"no checkpoint in {result.CheckpointLocation} yet"
            : $"matches the checkpoint of {at:O} at record {result.CheckpointSequence}";
        Console.WriteLine($"pathavana audit verify: {result.Records} record(s), chain intact; {against}.");
        return 0;
    }

    private static async Task<int> CheckpointAsync(string[] hostArgs, CancellationToken ct)
    {
        await using var app = PathavanaApp.Create(hostArgs);
        var checkpoints = app.Services.GetRequiredService<AuditCheckpoints>();
        var written = await checkpoints.WriteAsync(ct);
        Console.WriteLine(written is null
            ? "pathavana audit checkpoint: the log is empty; nothing to sign."
            : $"pathavana audit checkpoint: record {written.Sequence}, head {written.Hash}, signed with {written.KeyId}, in {checkpoints.Location}.");
        return 0;
    }

    private static async Task<int> GrantAdminAsync(string email, string[] hostArgs, CancellationToken ct)
    {
        await using var app = PathavanaApp.Create(hostArgs);
        await using var scope = app.Services.CreateAsyncScope();
        var change = await scope.ServiceProvider.GetRequiredService<IRoleAdministration>().GrantByEmailAsync(email, Role.AdminRole, ct);
        switch (change.Outcome)
        {
            case RoleChangeOutcome.NoSuchAccount:
                Console.Error.WriteLine("pathavana admin grant: no account has that email.");
                return 1;
            case RoleChangeOutcome.Refused:
                Console.Error.WriteLine($"pathavana admin grant: {string.Join(" ", change.Errors)}");
                return 1;
            case RoleChangeOutcome.Changed:
                await scope.ServiceProvider.GetRequiredService<IAuditLog>().RecordAsync(
                    new AuditEvent(AuditActions.RoleChanged, "user", change.UserId!.Value.ToString(), Details: """{"role":"admin","granted":true,"by":"cli"}"""), ct);
                break;
        }
        Console.WriteLine($"pathavana admin grant: {change.UserId} is an admin.");
        return 0;
    }
}
