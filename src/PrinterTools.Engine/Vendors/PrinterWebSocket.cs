using System;
using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging.Abstractions;
using Websocket.Client;

namespace PrinterTools.Vendors;

/// <summary>
/// A printer's WebSocket, made with Websocket.Client over a <see cref="BoundedWebSocket"/>, for
/// every vendor that speaks one (Elegoo SDCP, Creality). Making one loads Websocket.Client,
/// System.Reactive and the logging abstractions, which must come from the module's own copies.
/// </summary>
internal static class PrinterWebSocket
{
    /// <summary>
    /// A client that is not started yet: nothing is sent until the caller starts it.
    /// <paramref name="connected"/> is told the socket the handshake made, or why it failed.
    /// </summary>
    /// <remarks>
    /// Reconnection is off: every cmdlet bounds its work by -Timeout and reports a lost printer as
    /// an error, so a client that reconnects behind its back would hide the fault and outlive the
    /// wait, and would take another of the printer's few client slots.
    /// </remarks>
    internal static WebsocketClient Create(string name, string address, int port, string path, int maxFrameBytes, TimeSpan connectTimeout,
        Action<BoundedWebSocket?, Exception?>? connected = null)
    {
        if (string.IsNullOrEmpty(address))
        {
            throw new ArgumentNullException(nameof(address));
        }

        string host = IPAddress.TryParse(address, out var ip) && ip.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{ip}]" : address;
        return new WebsocketClient(new Uri($"ws://{host}:{port}{path}"), NullLogger<WebsocketClient>.Instance,
            (uri, token) => ConnectAsync(uri, maxFrameBytes, token, connected))
        {
            Name = $"{name} {address}",
            ConnectTimeout = connectTimeout,
            IsReconnectionEnabled = false,
            ReconnectTimeout = null,
            ErrorReconnectTimeout = null,
            LostReconnectTimeout = null,
        };
    }

    /// <summary>The closing handshake, waited for at most <paramref name="timeout"/>; the caller disposes the client either way.</summary>
    internal static async Task StopAsync(WebsocketClient socket, TimeSpan timeout)
    {
        try
        {
            var stop = socket.Stop(WebSocketCloseStatus.NormalClosure, "done");
            await Task.WhenAny(stop, Task.Delay(timeout)).ConfigureAwait(false);
            _ = stop.ContinueWith(t => _ = t.Exception, TaskScheduler.Default);
        }
        catch (Exception)
        {
            // Closing a socket the printer already dropped: disposing frees it either way.
        }
    }

    private static async Task<WebSocket> ConnectAsync(Uri uri, int maxFrameBytes, CancellationToken token, Action<BoundedWebSocket?, Exception?>? connected)
    {
        var socket = new ClientWebSocket();
        // Where the runtime has it (.NET 7 and later), the refused handshake's HTTP status is kept.
        socket.Options.GetType().GetProperty("CollectHttpResponseDetails")?.SetValue(socket.Options, true);
        try
        {
            await socket.ConnectAsync(uri, token).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            connected?.Invoke(null, new HandshakeFailure(HttpStatusOf(socket, e), e));
            socket.Dispose();
            throw;
        }
        var bounded = new BoundedWebSocket(socket, maxFrameBytes);
        connected?.Invoke(bounded, null);
        return bounded;
    }

    /// <summary>The status code of a refused upgrade: from the socket where the runtime keeps it, else from the message.</summary>
    private static int? HttpStatusOf(ClientWebSocket socket, Exception e)
    {
        if (socket.GetType().GetProperty("HttpStatusCode")?.GetValue(socket) is HttpStatusCode code && code != 0)
        {
            return (int)code;
        }
        var match = System.Text.RegularExpressions.Regex.Match(e.Message, @"'(\d{3})'");
        return match.Success ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    /// <summary>Why the WebSocket handshake failed, with the HTTP status when the printer answered one.</summary>
    internal sealed class HandshakeFailure : Exception
    {
        public HandshakeFailure(int? httpStatus, Exception inner) : base(inner.Message, inner) => HttpStatus = httpStatus;

        public int? HttpStatus { get; }
    }
}
