using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace PrinterTools.Discovery;

/// <summary>
/// Tells which vendor serves an address by the port that accepts a TCP connection:
/// FlashForge 8899, Elegoo SDCP 3030, Creality 9999. Connects only; sends nothing.
/// </summary>
public static class VendorProbe
{
    public static readonly IReadOnlyList<(PrinterVendor Vendor, int Port)> Ports = new[]
    {
        (PrinterVendor.FlashForge, 8899),
        (PrinterVendor.Elegoo, 3030),
        (PrinterVendor.Creality, 9999),
    };

    public static async Task<PrinterVendor> DetectAsync(string address, TimeSpan timeout, CancellationToken cancel)
    {
        using var window = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        window.CancelAfter(timeout);
        var attempts = Ports.Select(p => TryConnectAsync(address, p.Port, window.Token)).ToList();
        var results = await Task.WhenAll(attempts).ConfigureAwait(false);
        cancel.ThrowIfCancellationRequested();
        for (var i = 0; i < Ports.Count; i++)
        {
            if (results[i] == SocketError.Success)
            {
                return Ports[i].Vendor;
            }
        }
        if (results.All(r => r == SocketError.TimedOut))
        {
            throw new PrinterException(PrinterErrorKind.Timeout, address,
                $"{address} accepted no connection on ports {string.Join(", ", Ports.Select(p => p.Port))} within {timeout.TotalSeconds:0.###} s.");
        }
        throw new PrinterException(PrinterErrorKind.Unreachable, address,
            $"{address} serves none of the printer ports {string.Join(", ", Ports.Select(p => p.Port))} ({results.First(r => r != SocketError.TimedOut)}).");
    }

    private static async Task<SocketError> TryConnectAsync(string address, int port, CancellationToken token)
    {
        using var tcp = new TcpClient();
        try
        {
            using (token.Register(() => tcp.Dispose()))
            {
                await tcp.ConnectAsync(address, port).ConfigureAwait(false);
            }
            return token.IsCancellationRequested ? SocketError.TimedOut : SocketError.Success;
        }
        catch (SocketException e) when (!token.IsCancellationRequested)
        {
            return e.SocketErrorCode;
        }
        catch (Exception) when (token.IsCancellationRequested)
        {
            return SocketError.TimedOut;
        }
    }
}
