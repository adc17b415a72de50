using System;
using PrinterTools.Vendors;
using Websocket.Client;

namespace PrinterTools.Elegoo;

/// <summary>The WebSocket of an Elegoo printer's SDCP service, ws://address:3030/websocket (notes §3.1).</summary>
internal static class SdcpWebSocket
{
    internal const int Port = 3030;

    /// <summary>
    /// Longer than any frame a printer was seen to send (a history with slice details, a file
    /// list of thousands of files), far shorter than what a hostile one could.
    /// </summary>
    internal const int MaxFrameBytes = 2 * 1024 * 1024;

    /// <summary>A client that is not started yet (see <see cref="PrinterWebSocket.Create"/>).</summary>
    internal static WebsocketClient Create(string address, TimeSpan connectTimeout, Action<BoundedWebSocket?, Exception?>? connected = null) =>
        PrinterWebSocket.Create("Elegoo SDCP", address, Port, "/websocket", MaxFrameBytes, connectTimeout, connected);
}
