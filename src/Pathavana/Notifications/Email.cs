using MimeKit;

namespace Pathavana.Notifications;

internal sealed record EmailAttachment(string FileName, string ContentType, byte[] Content);

/// <summary>An email to send. <see cref="To"/> is PII: it is never logged.</summary>
internal sealed record EmailMessage(string To, string Subject, string TextBody, string HtmlBody)
{
    public IReadOnlyList<EmailAttachment> Attachments { get; init; } = [];

    /// <summary>The account the message is about: its data key seals the outbox's copy. Null: found by <see cref="To"/>.</summary>
    public Guid? OwnerId { get; init; }

    public MimeMessage ToMime(string from, TimeProvider clock)
    {
        var mime = new MimeMessage { Subject = Subject, Date = clock.GetUtcNow() };
        mime.From.Add(MailboxAddress.Parse(from));
        mime.To.Add(MailboxAddress.Parse(To));
        var body = new BodyBuilder { TextBody = TextBody, HtmlBody = HtmlBody };
        foreach (var attachment in Attachments)
        {
            body.Attachments.Add(attachment.FileName, attachment.Content, ContentType.Parse(attachment.ContentType));
        }
        mime.Body = body.ToMessageBody();
        return mime;
    }
}

internal interface IEmailSender
{
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken);
}
