using Microsoft.Extensions.Options;
using Pathavana.Platform.Configuration;

namespace Pathavana.Notifications;

/// <summary>The embedded default: each message is written as an .eml file under <c>data/outbox</c>.</summary>
internal sealed partial class OutboxEmailSender(
    IOptions<StorageOptions> storage, IOptions<SmtpOptions> smtp, TimeProvider clock, ILogger<OutboxEmailSender> logger) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        var folder = storage.Value.PathFor("outbox");
        Directory.CreateDirectory(folder);
        var now = clock.GetUtcNow();
        var path = Path.Combine(folder, $"{now:yyyyMMddTHHmmssfff}-{Guid.CreateVersion7(now):N}.eml");
        var mime = message.ToMime(smtp.Value.From, clock);
        await using (var file = File.Create(path))
        {
            await mime.WriteToAsync(file, cancellationToken);
        }
        LogWritten(logger, path);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Email written to the outbox: {Path}")]
    private static partial void LogWritten(ILogger logger, string path);
}
