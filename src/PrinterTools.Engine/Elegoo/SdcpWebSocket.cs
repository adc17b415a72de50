using System;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Websocket.Client;

namespace PrinterTools.Elegoo;

/// <summary>
/// The WebSocket of an Elegoo printer's SDCP service, ws://address:3030/websocket, made for the
/// Elegoo client to come (issue "Elegoo"). Until that client exists it is also the engine type the
/// load-context tests construct: making one loads Websocket.Client, System.Reactive and
/// Microsoft.Extensions.Logging.Abstractions, which must come from the module's own copies.
/// </summary>
internal static class SdcpWebSocket
{
    internal const int Port = 3030;

    /// <summary>A client that is not started yet: nothing is sent until the caller starts it.</summary>
    /// <remarks>
    /// Reconnection is off: every cmdlet bounds its work by -Timeout and reports a lost printer as
    /// an error, so a client that reconnects behind its back would hide the fault and outlive the wait.
    /// </remarks>
    internal static WebsocketClient Create(IPAddress address, TimeSpan connectTimeout)
    {
        if (address is null)
        {
            throw new ArgumentNullException(nameof(address));
        }

        string host = address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
        return new WebsocketClient(new Uri($"ws://{host}:{Port}/websocket"), NullLogger<WebsocketClient>.Instance)
        {
            Name = $"Elegoo SDCP {address}",
            ConnectTimeout = connectTimeout,
            IsReconnectionEnabled = false,
            ReconnectTimeout = null,
            ErrorReconnectTimeout = null,
        };
    }
}
