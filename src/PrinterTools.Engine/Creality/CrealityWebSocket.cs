using System;
using PrinterTools.Vendors;
using Websocket.Client;

namespace PrinterTools.Creality;

/// <summary>The WebSocket Creality Print speaks to, ws://address:9999/ (creality.md §2).</summary>
internal static class CrealityWebSocket
{
    internal const int Port = 9999;

    /// <summary>
    /// A file list of over a thousand files comes in one frame of more than 1 MiB (§2): room for
    /// ten times that, and no more, whatever a printer sends.
    /// </summary>
    internal const int MaxFrameBytes = 16 * 1024 * 1024;

    internal static WebsocketClient Create(string address, TimeSpan connectTimeout, Action<BoundedWebSocket?, Exception?>? connected = null) =>
        PrinterWebSocket.Create("Creality", address, Port, "/", MaxFrameBytes, connectTimeout, connected);
}
