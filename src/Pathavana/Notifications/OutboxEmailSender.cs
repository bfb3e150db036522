using System.Text;
using Microsoft.Extensions.Options;
using MimeKit;
using Pathavana.Accounts;
using Pathavana.Platform.Configuration;
using Pathavana.Platform.Security.Encryption;

namespace Pathavana.Notifications;

/// <summary>
/// The embedded default: each message is kept under <c>data/outbox</c>, sealed with the data key of
/// the account it is about (<see cref="OutboxFiles"/>), so the copy is as protected as the account's
/// other personal data and is shredded with it. <c>pathavana outbox read</c> opens them.
/// </summary>
internal sealed partial class OutboxEmailSender(
    IOptions<StorageOptions> storage, IOptions<SmtpOptions> smtp, TimeProvider clock, IServiceScopeFactory scopes,
    ILogger<OutboxEmailSender> logger) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        var folder = storage.Value.PathFor("outbox");
        Directory.CreateDirectory(folder);
        var now = clock.GetUtcNow();
        var name = $"{now:yyyyMMddTHHmmssfff}-{Guid.CreateVersion7(now):N}";
        var mime = message.ToMime(smtp.Value.From, clock);
        using var buffer = new MemoryStream();
        await mime.WriteToAsync(buffer, cancellationToken);
        var text = Encoding.UTF8.GetString(buffer.ToArray());

        await using var scope = scopes.CreateAsyncScope();
        var owner = message.OwnerId ?? await scope.ServiceProvider.GetRequiredService<IAccountDirectory>().OwnerOfAsync(message.To, cancellationToken);
        string path;
        if (owner is { } id)
        {
            var pii = scope.ServiceProvider.GetRequiredService<PiiProtector>();
            await pii.EnsureKeyAsync(id, cancellationToken);
            path = Path.Combine(folder, name + OutboxFiles.SealedExtension);
            await WriteAtomicallyAsync(path, OutboxFiles.Header + id.ToString("N") + "\n" + await pii.ProtectAsync(id, OutboxFiles.Field, text, cancellationToken) + "\n", cancellationToken);
        }
        else
        {
            // No account has this address (nothing sends such mail today): there is no key to seal it with.
            path = Path.Combine(folder, name + ".eml");
            await WriteAtomicallyAsync(path, text, cancellationToken);
        }
        LogWritten(logger, path);
    }

    private static async Task WriteAtomicallyAsync(string path, string content, CancellationToken ct)
    {
        var temp = path + ".tmp";
        await File.WriteAllTextAsync(temp, content, ct);
        File.Move(temp, path, overwrite: true);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Email written to the outbox: {Path}")]
    private static partial void LogWritten(ILogger logger, string path);
}

/// <summary>One message of the outbox: its file, and the message (null when its account's key is gone).</summary>
internal sealed record OutboxEntry(string File, MimeMessage? Message);

/// <summary>
/// The outbox's files. A sealed copy (<c>*.eml.sealed</c>) is three lines: the header
/// <c>Pathavana-Sealed-Email: 1</c>, the owner's user id, and the RFC 5322 message as a <c>pv1:</c>
/// value of that user's data key (field <c>outboxEmail</c>).
/// </summary>
internal sealed class OutboxFiles(IOptions<StorageOptions> storage, PiiProtector pii)
{
    public const string SealedExtension = ".eml.sealed";
    public const string Header = "Pathavana-Sealed-Email: 1\n";
    public const string Field = "outboxEmail";

    /// <summary>Every message in the outbox, oldest first, opened with its owner's key.</summary>
    public async Task<IReadOnlyList<OutboxEntry>> ReadAllAsync(CancellationToken ct)
    {
        var folder = storage.Value.PathFor("outbox");
        if (!Directory.Exists(folder))
        {
            return [];
        }
        var entries = new List<OutboxEntry>();
        foreach (var file in Directory.GetFiles(folder).Where(f => f.EndsWith(SealedExtension, StringComparison.Ordinal) || f.EndsWith(".eml", StringComparison.Ordinal))
                     .Order(StringComparer.Ordinal))
        {
            entries.Add(new OutboxEntry(file, await OpenAsync(file, ct)));
        }
        return entries;
    }

    private async Task<MimeMessage?> OpenAsync(string file, CancellationToken ct)
    {
        var text = await File.ReadAllTextAsync(file, ct);
        if (!text.StartsWith(Header, StringComparison.Ordinal))
        {
            return MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(text)), ct);
        }
        var lines = text.Split('\n');
        try
        {
            var plain = await pii.UnprotectAsync(Guid.ParseExact(lines[1], "N"), Field, lines[2], ct);
            return MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(plain!)), ct);
        }
        catch (PiiUnavailableException)
        {
            return null;
        }
    }
}
