using System.Diagnostics;
using System.Net.Sockets;

namespace Pathavana.Tests.Infrastructure;

/// <summary>A real redis-server on a free loopback port, without persistence.</summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly Process _process;

    private RedisServer(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public string Configuration => $"127.0.0.1:{Port}";

    public static async Task<RedisServer> StartAsync()
    {
        var binary = ExternalProcess.Require("redis-server", "apt-get install -y redis-server");
        var port = ExternalProcess.FreePort();
        var info = new ProcessStartInfo(binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "--port", port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no" })
        {
            info.ArgumentList.Add(a);
        }
        var process = Process.Start(info) ?? throw new InvalidOperationException("redis-server did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new RedisServer(process, port);
        // Listening is waited for as a condition; the limit is a safety net for a loaded machine.
        for (var deadline = DateTime.UtcNow + Eventually.SafetyNet; DateTime.UtcNow < deadline && !process.HasExited;)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port);
                return server;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }
        await server.DisposeAsync();
        throw new InvalidOperationException($"redis-server did not listen on {port}.");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
