using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SmartEnv.Gateway.Tests;

/// <summary>A scripted data logger: one TCP connection to the gateway on loopback.</summary>
public sealed class FakeLogger : IAsyncDisposable
{
    private readonly TcpClient _client = new(AddressFamily.InterNetwork);
    private NetworkStream _stream = null!;
    private readonly MemoryStream _pending = new();

    public string LocalEndPoint => _client.Client.LocalEndPoint!.ToString()!;

    public static Task<FakeLogger> ConnectAsync(int port) => ConnectAsync(port, null);

    /// <summary>Connects from a chosen loopback source address (e.g. 127.0.0.2: Linux routes all of 127/8 to lo), so one
    /// test can play several hosts.</summary>
    public static async Task<FakeLogger> ConnectAsync(int port, IPAddress? from)
    {
        var l = new FakeLogger();
        if (from is not null) l._client.Client.Bind(new IPEndPoint(from, 0));
        await l._client.ConnectAsync(IPAddress.Loopback, port);
        l._client.NoDelay = true;
        l._stream = l._client.GetStream();
        return l;
    }

    public Task SendAsync(byte[] bytes) => _stream.WriteAsync(bytes).AsTask();

    public void ShutdownSend() => _client.Client.Shutdown(SocketShutdown.Send);

    /// <summary>The next line (up to LF) the gateway sends, or null on timeout / end of stream.</summary>
    public async Task<string?> ReadLineAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var buf = new byte[1024];
        while (true)
        {
            var data = _pending.ToArray();
            var lf = Array.IndexOf(data, (byte)'\n');
            if (lf >= 0)
            {
                _pending.SetLength(0);
                _pending.Write(data, lf + 1, data.Length - lf - 1);
                return Encoding.UTF8.GetString(data, 0, lf + 1);
            }
            int n;
            try { n = await _stream.ReadAsync(buf, cts.Token); }
            catch (OperationCanceledException) { return null; }
            catch (IOException) { return null; }
            if (n == 0) return null;
            _pending.Write(buf, 0, n);
        }
    }

    /// <summary>True when the server closed the connection within the timeout.</summary>
    public async Task<bool> ClosedByServerAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var buf = new byte[256];
        try
        {
            while (true)
            {
                var n = await _stream.ReadAsync(buf, cts.Token);
                if (n == 0) return true;
            }
        }
        catch (OperationCanceledException) { return false; }
        catch (IOException) { return true; }
    }

    /// <summary>Everything the gateway sends until it closes the connection (the bytes not yet read as lines included),
    /// or null when it has not closed within <paramref name="timeout"/> (a bound, not a wait: returns at the close).</summary>
    public async Task<string?> ReadUntilClosedAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var buf = new byte[1024];
        try
        {
            while (true)
            {
                var n = await _stream.ReadAsync(buf, cts.Token);
                if (n == 0) break;
                _pending.Write(buf, 0, n);
            }
        }
        catch (OperationCanceledException) { return null; }
        catch (IOException) { }
        var text = Encoding.UTF8.GetString(_pending.ToArray());
        _pending.SetLength(0);
        return text;
    }

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }
}
