using System.ComponentModel.DataAnnotations;
using MailKit.Security;

namespace Pathavana.Notifications;

/// <summary>SMTP in production; without <c>Smtp__Host</c> messages go to the outbox folder.</summary>
internal sealed class SmtpOptions
{
    public const string Section = "Smtp";

    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 587;

    /// <summary><c>StartTls</c> (default), <c>SslOnConnect</c>, <c>StartTlsWhenAvailable</c> or <c>None</c>.</summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.StartTls;

    public string? Username { get; set; }
    public string? Password { get; set; }

    [Required]
    public string From { get; set; } = "Pathavana <no-reply@pathavana.local>";

    [Range(1, 300)]
    public int TimeoutSeconds { get; set; } = 30;

    public bool Enabled => !string.IsNullOrWhiteSpace(Host);
}

/// <summary>Where links in emails point (the web app's public address).</summary>
internal sealed class AppOptions
{
    public const string Section = "App";

    [Required]
    [Url]
    public string PublicUrl { get; set; } = "http://localhost:5080";

    public string Link(string pathAndQuery) => PublicUrl.TrimEnd('/') + pathAndQuery;
}
