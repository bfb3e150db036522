using System.Buffers;
using System.Collections.Concurrent;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Pathavana.Tests.Infrastructure;

/// <summary>A real SMTP server on a free loopback port that keeps every message it receives.</summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;
    private readonly Store _store = new();

    public SmtpSink()
    {
        Port = ExternalProcess.FreePort();
        var options = new SmtpServerOptionsBuilder().ServerName("localhost").Endpoint(e => e.Endpoint(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, Port))).Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(_store);
        _running = new SmtpServer.SmtpServer(options, services).StartAsync(_stop.Token);
    }

    public int Port { get; }

    public IReadOnlyCollection<MimeMessage> Messages => _store.Messages;

    /// <summary>Settings that point the app's SMTP sender here.</summary>
    public Dictionary<string, string?> Settings() => new()
    {
        ["Smtp:Host"] = "127.0.0.1",
        ["Smtp:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Smtp:Security"] = "None",
        ["Smtp:From"] = "Pathavana <no-reply@pathavana.test>",
    };

    public async Task<MimeMessage> WaitForAsync(Func<MimeMessage, bool> match)
    {
        var deadline = DateTime.UtcNow + Eventually.SafetyNet;
        while (DateTime.UtcNow < deadline)
        {
            var found = _store.Messages.FirstOrDefault(match);
            if (found is not null)
            {
                return found;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException("The expected email never arrived at the SMTP server.");
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
        }
        _stop.Dispose();
    }

    private sealed class Store : MessageStore
    {
        public ConcurrentQueue<MimeMessage> Messages { get; } = new();

        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            Messages.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}
