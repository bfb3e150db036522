using Pathavana.Platform.Data;

namespace Pathavana.Audit;

/// <summary>The first record whose hash does not follow from its content and its predecessor's, and why.</summary>
internal sealed record AuditBreak(long Sequence, Guid Id, string Action, DateTimeOffset OccurredAt, string? Reason);

/// <summary>
/// What walking the chain against the newest valid checkpoint found: how many records, newer checkpoints
/// rejected for a bad signature, the checkpoint compared with (if any), and either a break or a cut-off tail.
/// </summary>
internal sealed record AuditVerificationResult(
    long Records, int RejectedCheckpoints, string CheckpointLocation, long? CheckpointSequence, DateTimeOffset? CheckpointAt,
    AuditBreak? FirstBroken, string? Truncation)
{
    public bool Intact => FirstBroken is null && Truncation is null;
}

/// <summary>Audit's verification port: checks the keyed hash chain without the caller reading audit_logs rows.</summary>
internal interface IAuditVerification
{
    Task<AuditVerificationResult> VerifyAsync(CancellationToken cancellationToken);
}

internal sealed class AuditVerification(PathavanaDbContext db, AuditKeys keys, AuditCheckpoints checkpoints) : IAuditVerification
{
    public async Task<AuditVerificationResult> VerifyAsync(CancellationToken cancellationToken)
    {
        var (latest, rejected) = await checkpoints.ReadLatestAsync(cancellationToken);
        var result = await AuditChain.VerifyAsync(db, keys, latest, cancellationToken);
        var broken = result.FirstBroken is { } b ? new AuditBreak(b.Sequence, b.Id, b.Action, b.OccurredAt, result.Reason) : null;
        return new AuditVerificationResult(result.Records, rejected, checkpoints.Location, latest?.Sequence, latest?.At, broken, result.Truncation);
    }
}
