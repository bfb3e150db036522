using System.Net;

namespace Pathavana.Notifications;

/// <summary>The texts of the emails Pathavana sends, as plain text and HTML.</summary>
internal static class EmailTemplates
{
    public static EmailMessage ConfirmEmail(string to, string link) => Build(to,
        "Confirm your Pathavana email address",
        "Welcome to Pathavana.",
        "Confirm your email address so that booking confirmations reach you:",
        link, "Confirm my email",
        "If you did not sign up, ignore this message.");

    public static EmailMessage ResetPassword(string to, string link) => Build(to,
        "Reset your Pathavana password",
        "Someone asked to reset the password of your Pathavana account.",
        "Choose a new password here (the link works once, for a limited time):",
        link, "Choose a new password",
        "If it was not you, ignore this message: your password stays as it is.");

    /// <summary>Someone tried to sign up with an address that already has an account: the owner hears of it, the requester learns nothing.</summary>
    public static EmailMessage AccountAlreadyExists(string to, string signInLink, string resetLink) => Build(to,
        "You already have a Pathavana account",
        "Someone, perhaps you, tried to create a Pathavana account with this email address. It already has one, so nothing was changed.",
        $"Sign in with your email and password. Forgot the password? Choose a new one at {resetLink}",
        signInLink, "Sign in",
        "If it was not you, you can ignore this message: your account and password stay as they are.");

    public static EmailMessage PasswordChanged(string to) => Build(to,
        "Your Pathavana password was changed",
        "The password of your Pathavana account was just changed.",
        "If it was not you, reset your password at once and contact us.",
        null, null, "");

    public static EmailMessage BookingConfirmed(string to, string summary, string reference, string price, string simulatedNote) => Build(to,
        $"Booking confirmed: {reference}",
        $"Your booking is confirmed. {summary}.",
        $"Confirmation {reference}, total paid {price}. The calendar file attached adds it to your calendar.{simulatedNote}",
        null, null, "Keep this email: you may need the confirmation at check-in.");

    public static EmailMessage BookingCancelled(string to, string summary, string reference) => Build(to,
        $"Booking cancelled: {reference}",
        $"Your booking {reference} is cancelled. {summary}.",
        "Any refund follows the fare's or the rate's cancellation rules.",
        null, null, "");

    private static EmailMessage Build(string to, string subject, string opening, string instruction, string? link, string? button, string closing)
    {
        var text = $"{opening}\n\n{instruction}\n{(link is null ? "" : link + "\n")}\n{closing}\n\n— Pathavana\n";
        var html = $"""
            <!doctype html><html><body style="font-family:system-ui,sans-serif;color:#1f2937">
            <p>{WebUtility.HtmlEncode(opening)}</p>
            <p>{WebUtility.HtmlEncode(instruction)}</p>
            {(link is null ? "" : $"<p><a href=\"{WebUtility.HtmlEncode(link)}\" style=\"background:#0f766e;color:#fff;padding:10px 16px;border-radius:6px;text-decoration:none\">{WebUtility.HtmlEncode(button)}</a></p><p style=\"font-size:12px\">{WebUtility.HtmlEncode(link)}</p>")}
            <p>{WebUtility.HtmlEncode(closing)}</p><p>— Pathavana</p>
            </body></html>
            """;
        return new EmailMessage(to, subject, text, html);
    }
}
