using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using Pathavana.Platform.Http;

namespace Pathavana.Notifications;

/// <summary>Sends through the configured SMTP server with MailKit.</summary>
internal sealed partial class SmtpEmailSender(IOptions<SmtpOptions> options, TimeProvider clock, ILogger<SmtpEmailSender> logger) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        var smtp = options.Value;
        var mime = message.ToMime(smtp.From, clock);
        using var client = new SmtpClient { Timeout = smtp.TimeoutSeconds * 1000 };
        try
        {
            await client.ConnectAsync(smtp.Host!, smtp.Port, smtp.Security, cancellationToken);
            if (!string.IsNullOrEmpty(smtp.Username))
            {
                await client.AuthenticateAsync(smtp.Username, smtp.Password ?? "", cancellationToken);
            }
            await client.SendAsync(mime, cancellationToken);
            await client.DisconnectAsync(quit: true, cancellationToken);
            LogSent(logger, mime.MessageId ?? "");
        }
        catch (Exception ex) when (ex is System.Net.Sockets.SocketException or IOException or MailKit.ProtocolException
                                       or MailKit.CommandException or TimeoutException)
        {
            throw new DependencyUnavailableException("smtp", "The email server did not accept the message.", ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Email sent by SMTP as {MessageId}")]
    private static partial void LogSent(ILogger logger, string messageId);
}
