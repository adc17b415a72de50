namespace PrinterTools.Simulator.Elegoo;

/// <summary>
/// What one TCP port of the printer serves: 3030 the WebSocket (plus uploads and thumbnails on resin), the CC's
/// HttpPort the upload, download and board-resource routes (which move to 3030 when port 80 cannot be bound).
/// </summary>
internal sealed record ElegooRoutes(bool WebSocket, bool Uploads, bool CarbonResources, bool ResinResources);
