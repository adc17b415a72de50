using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace PrinterTools.Discovery;

/// <summary>
/// Tells which vendor serves an address by the port that accepts a TCP connection (the
/// registry's <see cref="Vendors.PrinterVendors.ProbePorts"/>). All are tried at once and the first port
/// that accepts decides: a firewall that silently drops another vendor's port costs nothing.
/// Connects only; sends nothing. The winning connection is handed to the caller, so the vendor's
/// client can speak on it without a second connect (a round trip saved per printer).
/// </summary>
public static class VendorProbe
{
    private static IReadOnlyList<(PrinterVendor Vendor, int Port)> Ports => Vendors.PrinterVendors.ProbePorts;

    /// <summary>The vendor and the open connection to its port; the caller disposes it.</summary>
    public static async Task<ProbedConnection> DetectAsync(string address, TimeSpan timeout, CancellationToken cancel)
    {
        using var window = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        window.CancelAfter(timeout);
        var attempts = Ports.Select(p => TryConnectAsync(address, p.Port, window.Token)).ToList();
        var pending = attempts.ToList();
        try
        {
            while (pending.Count > 0)
            {
                var done = await Task.WhenAny(pending).ConfigureAwait(false);
                pending.Remove(done);
                if (done.Result.Connection is { } connection)
                {
                    var vendor = Ports[attempts.IndexOf(done)].Vendor;
                    return new ProbedConnection(vendor, connection);
                }
            }
        }
        finally
        {
            // The losers: a connect still pending is abandoned, one that got through is closed.
            window.Cancel();
            foreach (var other in pending)
            {
                _ = other.ContinueWith(t => t.Result.Connection?.Dispose(), TaskScheduler.Default);
            }
        }
        cancel.ThrowIfCancellationRequested();
        var results = attempts.Select(a => a.Result.Error).ToList();
        if (results.All(r => r == SocketError.TimedOut))
        {
            throw new PrinterException(PrinterErrorKind.Timeout, address,
                $"{address} accepted no connection on ports {string.Join(", ", Ports.Select(p => p.Port))} within {timeout.TotalSeconds:0.###} s.");
        }
        throw new PrinterException(PrinterErrorKind.Unreachable, address,
            $"{address} serves none of the printer ports {string.Join(", ", Ports.Select(p => p.Port))} ({results.First(r => r != SocketError.TimedOut)}).");
    }

    private static async Task<(TcpClient? Connection, SocketError Error)> TryConnectAsync(string address, int port, CancellationToken token)
    {
        var tcp = new TcpClient { NoDelay = true };
        try
        {
            using (token.Register(() => tcp.Dispose()))
            {
                await tcp.ConnectAsync(address, port).ConfigureAwait(false);
            }
            if (token.IsCancellationRequested)
            {
                tcp.Dispose();
                return (null, SocketError.TimedOut);
            }
            return (tcp, SocketError.Success);
        }
        catch (SocketException e) when (!token.IsCancellationRequested)
        {
            tcp.Dispose();
            return (null, e.SocketErrorCode);
        }
        catch (Exception) when (token.IsCancellationRequested)
        {
            tcp.Dispose();
            return (null, SocketError.TimedOut);
        }
    }
}

/// <summary>
/// What <see cref="VendorProbe"/> found: the vendor, and the connection to its port until a
/// client takes it over (<see cref="Take"/>) or it is disposed unused.
/// </summary>
public sealed class ProbedConnection : IDisposable
{
    private TcpClient? _connection;

    public ProbedConnection(PrinterVendor vendor, TcpClient? connection)
    {
        Vendor = vendor;
        _connection = connection;
    }

    public PrinterVendor Vendor { get; }

    /// <summary>The open connection, once; null when it was taken already or there was none.</summary>
    public TcpClient? Take() => Interlocked.Exchange(ref _connection, null);

    public void Dispose() => Take()?.Dispose();
}
