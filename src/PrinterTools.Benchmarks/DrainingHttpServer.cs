using System;
using System.IO;
using System.Net;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace PrinterTools.Benchmarks;

/// <summary>
/// An HTTP server (HttpListener) that reads each request body to the end, keeps nothing and
/// answers FlashForge's success envelope: what an upload costs the client alone, beside the raw
/// socket copy of the same bytes.
/// </summary>
internal sealed class DrainingHttpServer : IDisposable
{
    private static readonly byte[] Success = Encoding.ASCII.GetBytes("{\"code\":0,\"message\":\"Success\"}");
    private readonly HttpListener _listener = new();
    private readonly Task _loop;
    private int _requests;
    private int _withLength;

    public DrainingHttpServer(string address)
    {
        // A free port: bind a socket to find one, then let the listener take it.
        using (var probe = new System.Net.Sockets.TcpListener(IPAddress.Parse(address), 0))
        {
            probe.Start();
            Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        _listener.Prefixes.Add($"http://{address}:{Port}/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public int Port { get; }
    public int Requests => Volatile.Read(ref _requests);
    public int WithLength => Volatile.Read(ref _withLength);

    private async Task ServeAsync()
    {
        var buffer = new byte[64 * 1024];
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            Interlocked.Increment(ref _requests);
            if (context.Request.ContentLength64 >= 0 && context.Request.Headers["Transfer-Encoding"] is null)
            {
                Interlocked.Increment(ref _withLength);
            }
            while (await context.Request.InputStream.ReadAsync(buffer) > 0)
            {
            }
            context.Response.ContentType = "application/json";
            context.Response.ContentLength64 = Success.Length;
            await context.Response.OutputStream.WriteAsync(Success);
            context.Response.Close();
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            _loop.GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
        {
        }
    }
}
