using Microsoft.Extensions.Caching.Hybrid;

namespace Pathavana.Platform.Caching;

/// <summary>
/// Cache look-ups that stay inside the request's trace.
/// </summary>
/// <remarks>
/// Given a token that can be cancelled, <see cref="HybridCache.GetOrCreateAsync{TState, T}(string, TState, Func{TState, CancellationToken, ValueTask{T}}, HybridCacheEntryOptions?, IEnumerable{string}?, CancellationToken)"/>
/// runs its Redis read and the factory on a thread-pool work item that does not carry the caller's
/// execution context: the Redis commands and the provider's HTTP calls made there have no parent
/// span and fall out of the request's trace (each becomes a trace of its own). Asked with no token,
/// HybridCache runs them on the caller's context instead. These helpers do that, and stop the
/// caller's wait, not the work, when its token is cancelled: the factory runs to completion within
/// the provider's own time-outs and its result is cached for whoever asks next (other callers may
/// be waiting on the same key).
/// </remarks>
internal static class TracedHybridCache
{
    private static readonly HybridCacheEntryOptions ReadOnly = new()
    {
        Flags = HybridCacheEntryFlags.DisableLocalCacheWrite | HybridCacheEntryFlags.DisableDistributedCacheWrite,
    };

    /// <summary>The cached value for <paramref name="key"/>, or <paramref name="factory"/>'s (then cached with <paramref name="options"/>).</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled (the caller stops waiting; the work goes on).</exception>
    public static async Task<T> GetOrCreateInTraceAsync<TState, T>(this HybridCache cache, string key, TState state,
        Func<TState, CancellationToken, ValueTask<T>> factory, HybridCacheEntryOptions? options, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return await cache.GetOrCreateAsync(key, state, factory, options, cancellationToken: CancellationToken.None)
            .AsTask().WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The cached value for <paramref name="key"/>, or null when there is none; nothing is written.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static Task<T?> TryGetAsync<T>(this HybridCache cache, string key, CancellationToken cancellationToken) where T : class =>
        cache.GetOrCreateInTraceAsync<object?, T?>(key, null, static (_, _) => ValueTask.FromResult<T?>(null), ReadOnly, cancellationToken);
}
