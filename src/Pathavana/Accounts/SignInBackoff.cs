using Microsoft.Extensions.Options;
using Pathavana.Platform.Security;

namespace Pathavana.Accounts;

/// <summary>Sign-in back-off (section <c>SignInBackoff</c>).</summary>
internal sealed class SignInBackoffOptions
{
    public const string Section = "SignInBackoff";

    /// <summary>Wrong passwords for one account from one address before that address must wait.</summary>
    public int FreeAttempts { get; set; } = 5;

    /// <summary>The first wait; each further failure doubles it.</summary>
    public int FirstWaitSeconds { get; set; } = 60;

    /// <summary>The longest wait, so nobody can keep an account closed for long.</summary>
    public int MaxWaitSeconds { get; set; } = 900;

    /// <summary>Failures are forgotten this long after the first one.</summary>
    public int MemorySeconds { get; set; } = 86_400;
}

/// <summary>
/// Slows password guessing without letting anyone lock a person out: failures are counted per
/// account <em>and</em> client address, so an attacker's address is made to wait (1, 2, 4… minutes,
/// at most 15) while the owner, signing in from their own address, is not. Unknown addresses are
/// counted the same way, so the back-off reveals nothing about who has an account. A successful
/// sign-in or password reset clears the count.
/// </summary>
internal sealed class SignInBackoff(SharedState shared, IOptions<SignInBackoffOptions> options)
{
    private static string Key(string account, string client) => $"signin:{account}|{client}";

    /// <summary>How long this address must still wait before trying this account again; null when it may try now.</summary>
    public Task<TimeSpan?> WaitAsync(string accountKey, string clientKey) => shared.TimeToLiveAsync(Key(accountKey, clientKey) + ":wait");

    /// <summary>Counts a failure; returns the wait it imposes (null while within the free attempts).</summary>
    public async Task<TimeSpan?> FailedAsync(string accountKey, string clientKey)
    {
        var o = options.Value;
        var key = Key(accountKey, clientKey);
        var failures = await shared.IncrementAsync(key + ":failures", TimeSpan.FromSeconds(o.MemorySeconds));
        if (failures < o.FreeAttempts)
        {
            return null;
        }
        var doublings = (int)Math.Min(failures - o.FreeAttempts, 20);
        var wait = TimeSpan.FromSeconds(Math.Min(o.MaxWaitSeconds, o.FirstWaitSeconds * Math.Pow(2, doublings)));
        await shared.SetAsync(key + ":wait", "1", wait);
        return wait;
    }

    public Task SucceededAsync(string accountKey, string clientKey)
    {
        var key = Key(accountKey, clientKey);
        return shared.DeleteAsync(key + ":failures", key + ":wait");
    }
}
