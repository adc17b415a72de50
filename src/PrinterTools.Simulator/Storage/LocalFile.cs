using System;

namespace PrinterTools.Simulator.Storage;

/// <summary>One file on /local: its bytes (never changed in place) and when it was stored (Cmd 258 CreateTime).</summary>
internal sealed record LocalFile(byte[] Content, DateTimeOffset Created);
