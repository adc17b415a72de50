using System;
using System.Threading;
using System.Threading.Tasks;

namespace PrinterTools.Simulator.Net;

/// <summary>The configured reply latency, cancelled promptly when the printer is disposed.</summary>
internal static class Delay
{
    public static Task LatencyAsync(TimeSpan latency, CancellationToken ct) =>
        latency > TimeSpan.Zero ? Task.Delay(latency, ct) : Task.CompletedTask;
}
