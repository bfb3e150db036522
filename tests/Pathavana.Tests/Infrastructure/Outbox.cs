using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Pathavana.Notifications;

namespace Pathavana.Tests.Infrastructure;

/// <summary>The embedded default's outbox, opened as <c>pathavana outbox read</c> opens it: each copy with its account's data key.</summary>
public static class Outbox
{
    /// <summary>Every readable message in the app's outbox, oldest first.</summary>
    public static IReadOnlyList<MimeMessage> Messages(PathavanaFactory app)
    {
        using var scope = app.Services.CreateScope();
        return [.. scope.ServiceProvider.GetRequiredService<OutboxFiles>().ReadAllAsync(CancellationToken.None).GetAwaiter().GetResult()
            .Select(e => e.Message).OfType<MimeMessage>()];
    }

    /// <summary>Every readable message as RFC 5322 text.</summary>
    public static IReadOnlyList<string> Texts(PathavanaFactory app) => [.. Messages(app).Select(m => m.ToString())];
}
