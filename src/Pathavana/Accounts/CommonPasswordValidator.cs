using System.IO.Compression;
using Microsoft.AspNetCore.Identity;

namespace Pathavana.Accounts;

/// <summary>
/// Refuses passwords on a list of the ~49,000 most common ones (see Accounts/Data/SOURCES.md),
/// and common passwords stretched to the minimum length by repeating them or padding them with
/// digits and symbols ("password1234", "dragondragon").
/// </summary>
internal sealed class CommonPasswordValidator : IPasswordValidator<User>
{
    private static readonly Lazy<HashSet<string>> List = new(Load);

    public Task<IdentityResult> ValidateAsync(UserManager<User> manager, User user, string? password)
    {
        if (password is not null && IsCommon(password))
        {
            return Task.FromResult(IdentityResult.Failed(new IdentityError
            {
                Code = "PasswordTooCommon",
                Description = "This password is on a list of commonly used passwords. Choose a less predictable one, such as a few unrelated words.",
            }));
        }
        return Task.FromResult(IdentityResult.Success);
    }

    internal static bool IsCommon(string password)
    {
        var lower = password.Trim().ToLowerInvariant();
        var list = List.Value;
        if (list.Contains(lower))
        {
            return true;
        }
        var core = lower.Trim("0123456789!@#$%^&*()-_=+.?~ ".ToCharArray());
        if (core.Length >= 4 && list.Contains(core))
        {
            return true;
        }
        // The same short word over and over.
        for (var size = 1; size <= core.Length / 2; size++)
        {
            if (core.Length % size == 0 && string.Concat(Enumerable.Repeat(core[..size], core.Length / size)) == core)
            {
                return size < 4 || list.Contains(core[..size]);
            }
        }
        return false;
    }

    private static HashSet<string> Load()
    {
        using var stream = typeof(CommonPasswordValidator).Assembly.GetManifestResourceStream("Pathavana.Accounts.common-passwords.txt.gz")
            ?? throw new InvalidOperationException("The common-passwords list is missing from the build.");
        using var gzip = new GZipStream(stream, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                set.Add(line);
            }
        }
        return set;
    }
}
