namespace Pathavana.Platform;

/// <summary>
/// What running a write under a client's <c>Idempotency-Key</c> gave: the outcome (run now, or the
/// first run's given again), a response recorded before outcomes were stored, or a refusal of the key.
/// </summary>
/// <typeparam name="T">The write's domain outcome.</typeparam>
internal abstract record IdempotentRun<T>
{
    private IdempotentRun()
    {
    }

    /// <summary>The write's outcome; <paramref name="Replayed"/> when it is the first request's, given again.</summary>
    public sealed record Answered(T Outcome, bool Replayed) : IdempotentRun<T>;

    /// <summary>
    /// A response stored whole (HTTP status and JSON body) by a release that kept responses rather
    /// than outcomes; replayed as it was sent. Keys live 24 hours, so this goes a day after that upgrade.
    /// </summary>
    public sealed record Recorded(int Status, string Body) : IdempotentRun<T>;

    /// <summary>The key was not accepted, and nothing ran.</summary>
    public sealed record Refused(IdempotencyRefusal Reason) : IdempotentRun<T>;
}

/// <summary>Why an <c>Idempotency-Key</c> was not accepted.</summary>
internal enum IdempotencyRefusal
{
    /// <summary>No key was sent, or it is longer than 255 characters.</summary>
    KeyMissing,

    /// <summary>The key was used for a different request (another body or path).</summary>
    KeyReused,

    /// <summary>The first request with this key is still running.</summary>
    StillRunning,
}
